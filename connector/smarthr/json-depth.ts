/**
 * Whether parsed JSON nests arrays and objects deeper than `max`. JSON.parse copes with any depth,
 * but what it builds cannot be serialised again (JSON.stringify recurses and overflows the stack),
 * so such an answer is refused as soon as it is parsed. Iterative, and cheaper than the parse.
 */
export const MAX_JSON_DEPTH = 64;

export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() as number;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}
