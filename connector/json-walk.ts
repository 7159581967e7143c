/** Walking untrusted parsed JSON under a bound: shared by the engine (request bodies) and the SmartHR client (answers). */

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Whether some array or object in parsed JSON (`value` itself at depth 0) passes `test`, which
 * sees each one before its children are visited. Bounds on untrusted JSON use it: iterative,
 * since parsed JSON may nest deeper than the call stack allows, and in place (children are read
 * where they are, never copied out), since it runs on every SmartHR answer.
 */
export function someContainer(value: unknown, test: (container: object, depth: number) => boolean): boolean {
  const containers: unknown[] = [value];
  const depths: number[] = [0];
  while (containers.length > 0) {
    const current = containers.pop();
    const depth = depths.pop() as number;
    if (!isContainer(current)) continue;
    if (test(current, depth)) return true;
    if (Array.isArray(current)) {
      for (const child of current as unknown[]) {
        if (isContainer(child)) {
          containers.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in current) {
        const child = (current as Record<string, unknown>)[key];
        if (isContainer(child)) {
          containers.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
