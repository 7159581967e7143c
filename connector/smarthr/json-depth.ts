/**
 * Whether parsed JSON nests arrays and objects deeper than `max`. JSON.parse copes with any depth,
 * but what it builds cannot be serialised again (JSON.stringify recurses and overflows the stack),
 * so such an answer is refused as soon as it is parsed. Iterative, walked in place (this runs on
 * every answer), and cheaper than the parse.
 */
const MAX_JSON_DEPTH = 64;

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() as number;
    if (!isContainer(current)) continue;
    if (depth >= max) return true;
    if (Array.isArray(current)) {
      for (const child of current as unknown[]) {
        if (isContainer(child)) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key];
        if (isContainer(child)) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
