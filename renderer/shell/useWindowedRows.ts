import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { rowWindow, type RowWindow } from './windowing.ts';

/** The nearest ancestor that scrolls vertically (the page body), or the document's. */
function scrollParentOf(element: HTMLElement): HTMLElement {
  for (let at = element.parentElement; at; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return at;
  }
  return document.scrollingElement as HTMLElement;
}

/**
 * Windowing for a long table: past `threshold` rows only the ones in view
 * (and `overscan` either side) are drawn, with spacer rows for the rest.
 * Row height is measured from the rows drawn (they may differ a little), so
 * the scrollbar stays true. Put `bodyRef` on the `<tbody>` and mark each
 * drawn row with `data-row`.
 */
export function useWindowedRows(count: number, options: { threshold?: number; overscan?: number; estimate?: number } = {}): { window: RowWindow; windowed: boolean; bodyRef: React.RefObject<HTMLTableSectionElement | null> } {
  const { threshold = 200, overscan = 12, estimate = 56 } = options;
  const windowed = count > threshold;
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(estimate);
  const [view, setView] = useState({ scrollTop: 0, viewportHeight: 900, bodyTop: 0 });

  useEffect(() => {
    const body = bodyRef.current;
    if (!windowed || !body) return;
    const container = scrollParentOf(body);
    let frame = 0;
    const read = () => {
      frame = 0;
      const bodyTop = body.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
      setView((v) => (v.scrollTop === container.scrollTop && v.viewportHeight === container.clientHeight && v.bodyTop === bodyTop ? v : { scrollTop: container.scrollTop, viewportHeight: container.clientHeight, bodyTop }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    container.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(schedule);
    observer.observe(container);
    return () => {
      container.removeEventListener('scroll', schedule);
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [windowed]);

  const window = windowed ? rowWindow({ count, ...view, rowHeight, overscan }) : { first: 0, last: count, spaceBefore: 0, spaceAfter: 0 };

  // After each draw: the rows' average height, so spacers match what rows really take.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!windowed || !body) return;
    const rows = body.querySelectorAll<HTMLElement>(':scope > tr[data-row]');
    if (rows.length === 0) return;
    let total = 0;
    for (const row of rows) total += row.getBoundingClientRect().height;
    const average = total / rows.length;
    if (Math.abs(average - rowHeight) > 0.5) setRowHeight(average);
  }, [windowed, rowHeight, window.first, window.last, count]);

  return { window, windowed, bodyRef };
}
