/** A value with every object's keys in one order (arrays keep theirs). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]));
}

/** JSON in which equal content is equal text, whatever order the keys came in (comparisons, content hashes). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value));
}
