/** Small helpers for walking JSON by names, shared by the engine's readers and pointers. */

/**
 * The value at `path` (["address", "pref"]): undefined when a step is missing, null when a step
 * is null (SmartHR sends explicit nulls, and "the address is null" is an answer too).
 */
export function valueAt(source: unknown, path: readonly string[]): unknown {
  let value: unknown = source;
  for (const name of path) {
    if (value === null) return null;
    if (typeof value !== 'object' || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** One JSON-pointer segment (RFC 6901): labels may hold "/" and "~". */
export function escapePointerSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The names a URI fragment's JSON pointer walks ("/$defs/a~1b%20c" -> ["$defs", "a/b c"]), for valueAt. */
export function pointerSegments(fragment: string): string[] {
  return fragment.split('/').filter(Boolean).map((s) => unescapePointerSegment(decodeURIComponent(s)));
}
