import type { Field, Group } from '../../generated/schemas/card.ts';

const cache = new WeakMap<object, object>();

/**
 * A label the flow builder mistypes would otherwise be ignored silently and its value lost, so
 * every object a card declares properties for is closed unless it says otherwise. Memoised per
 * schema object: validation (examples) and the runtime then compile the very same object, which
 * Ajv compiles only once.
 */
export function closed<T extends Field | Group>(node: T): T {
  const hit = cache.get(node);
  if (hit) return hit as T;
  const copy: Field = { ...node };
  if (copy.properties) {
    copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([k, v]) => [k, closed(v)]));
    if (copy.additionalProperties === undefined) copy.additionalProperties = false;
  }
  if (copy.items) copy.items = closed(copy.items);
  cache.set(node, copy);
  return copy as T;
}
