import fc from 'fast-check';

/**
 * JSON written key by key, so keys such as "__proto__" reach the wire as own keys exactly as
 * an attacker would send them (a JS object literal would set the prototype instead).
 */
export type JsonTree =
  | { kind: 'object'; entries: Array<[string, JsonTree]> }
  | { kind: 'array'; items: JsonTree[] }
  | { kind: 'value'; value: string | number | boolean | null };

export function toJson(tree: JsonTree): string {
  if (tree.kind === 'value') return JSON.stringify(tree.value);
  if (tree.kind === 'array') return `[${tree.items.map(toJson).join(',')}]`;
  return `{${tree.entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
}

export const value = (v: string | number | boolean | null): JsonTree => ({ kind: 'value', value: v });
export const object = (entries: Array<[string, JsonTree]>): JsonTree => ({ kind: 'object', entries });

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];

const key = fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', '$ref', '0', 'length', '../x', '\u0000'));

const primitive: fc.Arbitrary<JsonTree> = fc
  .oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.constantFrom('x'.repeat(10_000), '9'.repeat(400), '/v1/../../x', '{{inputs.Employee.Employee ID}}', '%2e%2e', 'null', '2024-02-30', '-1e309'),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, -0, 1e308, -1, Number.MAX_SAFE_INTEGER + 2, 500001),
    fc.boolean(),
    fc.constant(null),
  )
  .map(value);

/** Any JSON, nested a few levels, with hostile keys. */
export const junk: fc.Arbitrary<JsonTree> = fc.letrec<{ tree: JsonTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    fc.array(tie('tree'), { maxLength: 5 }).map((items): JsonTree => ({ kind: 'array', items })),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map(object),
  ),
})).tree;
