import { pointerSegments, valueAt } from '../json-path.ts';
import type { AjvInstance } from '../schemas.ts';
import { SCHEMA_ID_BASE } from '../schemas.ts';
import type { CardDefinition } from '../../generated/schemas/card.ts';

/** Which resource schema in schemas/smarthr/ describes the records of each card resource. */
const RESOURCE_SCHEMA_FILES: Record<Exclude<CardDefinition['resource'], 'any'>, string> = {
  crews: 'smarthr/crew.schema.json',
  users: 'smarthr/user.schema.json',
  departments: 'smarthr/department.schema.json',
  job_titles: 'smarthr/job-title.schema.json',
  employment_types: 'smarthr/employment-type.schema.json',
  biz_establishments: 'smarthr/biz-establishment.schema.json',
  crew_custom_field_templates: 'smarthr/custom-field-template.schema.json',
  crew_custom_field_template_groups: 'smarthr/custom-field-template-group.schema.json',
};

type Schema = Record<string, unknown>;

/** A schema node together with the $id its relative $refs resolve against. */
export interface SchemaAt {
  schema: Schema;
  base: string;
}

/**
 * A schema by URI (with an optional #/json/pointer), read from what Ajv holds without compiling
 * it: walking a schema needs no validator, and compiling the large resource schemas only to read
 * them would cost start-up time and memory.
 */
function schemaAt(ajv: AjvInstance, uri: string): Schema | undefined {
  const [document = '', fragment = ''] = uri.split('#');
  const node = valueAt(ajv.schemas[document]?.schema, pointerSegments(fragment));
  return typeof node === 'object' && node !== null ? (node as Schema) : undefined;
}

export function resourceSchema(ajv: AjvInstance, resource: CardDefinition['resource']): SchemaAt | undefined {
  if (resource === 'any') return undefined;
  const id = SCHEMA_ID_BASE + RESOURCE_SCHEMA_FILES[resource];
  const schema = schemaAt(ajv, id);
  return schema ? { schema, base: id } : undefined;
}

function deref(ajv: AjvInstance, at: SchemaAt): SchemaAt | undefined {
  const ref = at.schema.$ref;
  if (typeof ref !== 'string') return at;
  const target = new URL(ref, at.base).href;
  const schema = schemaAt(ajv, target);
  return schema ? deref(ajv, { schema, base: target.split('#')[0] ?? target }) : undefined;
}

/** The schema itself and every anyOf/oneOf/allOf branch: where nullable objects hide their shape. */
function alternatives(ajv: AjvInstance, at: SchemaAt): SchemaAt[] {
  const self = deref(ajv, at);
  if (!self) return [];
  const branches = ['anyOf', 'oneOf', 'allOf'].flatMap((k) => (Array.isArray(self.schema[k]) ? (self.schema[k] as Schema[]) : []));
  return [self, ...branches.flatMap((b) => alternatives(ajv, { schema: b, base: self.base }))];
}

function propertyOf(ajv: AjvInstance, at: SchemaAt, name: string): SchemaAt | undefined {
  for (const alt of alternatives(ajv, at)) {
    const props = alt.schema.properties as Record<string, Schema> | undefined;
    const prop = props?.[name];
    if (prop) return { schema: prop, base: alt.base };
  }
  return undefined;
}

export function itemsOf(ajv: AjvInstance, at: SchemaAt): SchemaAt | undefined {
  for (const alt of alternatives(ajv, at)) {
    const items = alt.schema.items;
    if (typeof items === 'object' && items !== null) return { schema: items as Schema, base: alt.base };
  }
  return undefined;
}

/** Follows a dotted SmartHR path (address.pref) through properties. */
export function pathOf(ajv: AjvInstance, at: SchemaAt, dotted: string): SchemaAt | undefined {
  let node: SchemaAt | undefined = at;
  for (const name of dotted.split('.')) node = node && propertyOf(ajv, node, name);
  return node;
}
