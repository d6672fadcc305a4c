/**
 * Which rows of a long list to draw: the ones in view and a few either
 * side, from where the list's body starts inside its scrolling container
 * and the rows' (measured, average) height. Spacers above and below keep
 * the scrollbar true to the whole list.
 */
export interface RowWindow {
  readonly first: number;
  /** One past the last row drawn. */
  readonly last: number;
  readonly spaceBefore: number;
  readonly spaceAfter: number;
}

export function rowWindow(input: { count: number; scrollTop: number; viewportHeight: number; bodyTop: number; rowHeight: number; overscan: number }): RowWindow {
  const { count, rowHeight, overscan } = input;
  const height = Math.max(1, rowHeight);
  const from = input.scrollTop - input.bodyTop;
  const first = Math.min(count, Math.max(0, Math.floor(from / height) - overscan));
  const last = Math.min(count, Math.max(first, Math.ceil((from + Math.max(0, input.viewportHeight)) / height) + overscan));
  return { first, last, spaceBefore: first * height, spaceAfter: (count - last) * height };
}
