import { someContainer } from '../json-walk.ts';

/**
 * Whether parsed JSON nests arrays and objects deeper than `max`. JSON.parse copes with any depth,
 * but what it builds cannot be serialised again (JSON.stringify recurses and overflows the stack),
 * so such an answer is refused as soon as it is parsed. Iterative, walked in place (this runs on
 * every answer), and cheaper than the parse.
 */
const MAX_JSON_DEPTH = 64;

export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  return someContainer(value, (_container, depth) => depth >= max);
}
