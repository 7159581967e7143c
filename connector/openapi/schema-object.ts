/**
 * JSON Schema (the 2020-12 subset our cards and schemas/ use) -> OpenAPI 3.0 Schema Object.
 * OpenAPI 3.0 has one `type` per schema, `nullable` instead of a "null" type, no `const`, one
 * `example`, boolean `exclusiveMinimum`, and only `x-` extensions beside its own keywords; a
 * tool that imports the document rejects or ignores anything else. Labels with spaces stay
 * property names as they are.
 */

export type SchemaObject = { [keyword: string]: unknown };

export interface ConvertOptions {
  /** The reference into the document's components a `$ref` becomes (cards arrive with their $refs resolved). */
  resolveRef(ref: string): string;
}

/** For schemas that must not hold a `$ref` (the error envelope, the connection). */
export const NO_REFS: ConvertOptions = {
  resolveRef(ref) {
    throw new Error(`unexpected $ref ${ref}`);
  },
};

/** Keywords OpenAPI 3.0 Schema Objects share with JSON Schema, copied as they are. */
const SHARED = new Set([
  'title', 'description', 'format', 'default', 'enum', 'pattern', 'multipleOf',
  'maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'uniqueItems',
  'maxProperties', 'minProperties', 'readOnly', 'writeOnly', 'deprecated',
]);

/** Meta keywords that describe the schema file, not the value. */
const DROPPED = new Set(['$schema', '$id', '$comment', '$defs', 'definitions']);

/** JSON Schema keywords OpenAPI 3.0 lacks whose value is itself a schema: kept as `x-` extensions, converted, so no `$ref` dangles in them. */
const SCHEMA_VALUED = new Set(['propertyNames', 'contains', 'if', 'then', 'else']);

const NUMERIC = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'];

/** Keywords that only constrain values of one type: with several types, they go into that type's branch. */
const TYPE_KEYWORDS: Record<string, string[]> = {
  string: ['minLength', 'maxLength', 'pattern', 'format'],
  number: NUMERIC,
  integer: NUMERIC,
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'additionalProperties', 'required', 'minProperties', 'maxProperties'],
};

const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function typesOf(type: unknown): string[] {
  if (type === undefined) return [];
  return Array.isArray(type) ? type.map(String) : [String(type)];
}

class Converter {
  constructor(private readonly options: ConvertOptions) {}

  convert(schema: unknown): SchemaObject {
    if (schema === true || schema === undefined) return {};
    if (schema === false) return { not: {} };
    if (!isObject(schema)) throw new Error(`not a schema: ${JSON.stringify(schema)}`);
    if (typeof schema.$ref === 'string') return this.reference(schema.$ref, schema);
    return this.node(schema);
  }

  private reference(ref: string, schema: SchemaObject): SchemaObject {
    const { $ref: _ref, ...siblings } = schema;
    const target = this.options.resolveRef(ref);
    // OpenAPI 3.0 ignores keywords beside a $ref, so a description of the use goes around it.
    const rest = this.node(siblings);
    return Object.keys(rest).length === 0 ? { $ref: target } : { allOf: [{ $ref: target }], ...rest };
  }

  private node(schema: SchemaObject): SchemaObject {
    const out: SchemaObject = {};
    for (const [keyword, value] of Object.entries(schema)) {
      if (DROPPED.has(keyword) || keyword === 'type' || keyword === 'nullable') continue;
      else if (SHARED.has(keyword)) out[keyword] = structuredClone(value);
      else if (keyword === 'const') out.enum = [structuredClone(value)];
      else if (keyword === 'examples') {
        if (Array.isArray(value) && value.length > 0) out.example = structuredClone(value[0]);
      } else if (keyword === 'exclusiveMinimum' || keyword === 'exclusiveMaximum') this.exclusiveBound(out, keyword, value);
      else if (keyword === 'required') {
        if (Array.isArray(value) && value.length > 0) out.required = [...value];
      } else if (keyword === 'properties' && isObject(value)) {
        out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, this.convert(child)]));
      } else if (keyword === 'additionalProperties') out.additionalProperties = typeof value === 'boolean' ? value : this.convert(value);
      else if (keyword === 'items') out.items = this.convert(value);
      else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') out[keyword] = (value as unknown[]).map((s) => this.convert(s));
      else if (keyword === 'not') out.not = this.convert(value);
      else if (keyword.startsWith('x-')) out[keyword] = structuredClone(value);
      else out[`x-${keyword}`] = SCHEMA_VALUED.has(keyword) ? this.convert(value) : structuredClone(value);
    }
    return this.typed(out, typesOf(schema.type), schema.nullable === true);
  }

  private exclusiveBound(out: SchemaObject, keyword: 'exclusiveMinimum' | 'exclusiveMaximum', value: unknown): void {
    if (typeof value === 'boolean') out[keyword] = value;
    else {
      out[keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
      out[keyword] = true;
    }
  }

  /** One type stays `type`; a "null" among them becomes `nullable`; several become anyOf branches. */
  private typed(out: SchemaObject, types: string[], alreadyNullable: boolean): SchemaObject {
    const nullable = alreadyNullable || types.includes('null');
    const real = types.filter((t) => t !== 'null');
    if (real.length === 0) {
      if (types.length > 0) return { ...out, nullable: true, enum: [null] };
      return out;
    }
    if (real.length === 1) {
      const [type] = real;
      const result: SchemaObject = { type, ...out };
      if (nullable) result.nullable = true;
      if (type === 'array' && result.items === undefined) result.items = {};
      return result;
    }
    // Each branch takes the keywords of its own type; `nullable` only counts beside an explicit
    // `type` (OpenAPI 3.0.3), so each branch carries it too.
    const shared = { ...out };
    const branches = real.map((type) => {
      const branch: SchemaObject = { type };
      for (const keyword of TYPE_KEYWORDS[type] ?? []) if (out[keyword] !== undefined) branch[keyword] = out[keyword];
      if (type === 'array' && branch.items === undefined) branch.items = {};
      if (nullable) branch.nullable = true;
      return branch;
    });
    for (const type of real) for (const keyword of TYPE_KEYWORDS[type] ?? []) delete shared[keyword];
    return { ...shared, anyOf: branches };
  }
}

export function toSchemaObject(schema: unknown, options: ConvertOptions): SchemaObject {
  return new Converter(options).convert(schema);
}
