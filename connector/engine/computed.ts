import type { Field } from '../generated/schemas/card.ts';

type Computed = NonNullable<Field['computed']>;
type Json = Record<string, unknown>;

/** Writes the values the engine computes itself (status code, records streamed) at their labels. */
export function fillComputed(tree: Field, out: Json, values: Partial<Record<Computed, unknown>>): Json {
  for (const [label, field] of Object.entries(tree.properties ?? {})) {
    if (field.computed && values[field.computed] !== undefined) out[label] = values[field.computed];
    else if (field.properties && !field.smarthr) {
      const child = (out[label] ?? {}) as Json;
      fillComputed(field, child, values);
      if (Object.keys(child).length > 0) out[label] = child;
    }
  }
  return out;
}
