import type { SchemaFile } from '../engine/schemas.ts';
import { componentRef } from './card-schemas.ts';
import { NO_REFS, toSchemaObject, type SchemaObject } from './schema-object.ts';

export const ERROR_ENVELOPE = 'ErrorEnvelope';
export const CARD_DEFINITION = 'CardDefinition';

function schemaFile(schemas: SchemaFile[], file: string): SchemaObject {
  const found = schemas.find((s) => s.file === file);
  if (!found) throw new Error(`schemas/${file} is missing`);
  return found.schema;
}

/**
 * A schema of schemas/ with its `$defs` as components of their own (`CardDefinition.field`),
 * since OpenAPI 3.0 has no `$defs`; references between them become component references.
 */
function withDefinitions(schema: SchemaObject, name: string): Record<string, SchemaObject> {
  const defs = (schema.$defs ?? {}) as Record<string, unknown>;
  const defName = (ref: string) => `${name}.${ref.replace(/^#\/\$defs\//, '')}`;
  const options = {
    resolveRef(ref: string) {
      if (!ref.startsWith('#/$defs/')) throw new Error(`${name}: unsupported $ref ${ref}`);
      return componentRef(defName(ref));
    },
  };
  const out: Record<string, SchemaObject> = { [name]: toSchemaObject(schema, options) };
  for (const [key, def] of Object.entries(defs)) out[defName(`#/$defs/${key}`)] = toSchemaObject(def, options);
  return out;
}

/** The answer of POST /connection/test (connector/engine/connection-test.ts), checked against the real answer by the contract test. */
const CONNECTION_REPORT: SchemaObject = {
  type: 'object',
  description: 'The token is valid. status "incomplete": it lacks a needed permission on the endpoints in missing (the cards that need it answer 403), or a probe could not tell.',
  additionalProperties: false,
  required: ['status', 'tenant', 'accountType', 'permissions', 'missing'],
  properties: {
    status: { type: 'string', enum: ['ok', 'incomplete'] },
    tenant: { type: 'string' },
    accountType: { type: 'string', enum: ['Sandbox', 'Production'] },
    permissions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['endpoint', 'needed', 'read', 'write'],
        properties: {
          endpoint: { type: 'string', example: '/api/v1/crews' },
          needed: { type: 'string', description: 'The permissions the cards use on this endpoint.', example: 'Read, Write' },
          read: { type: 'string', enum: ['granted', 'missing', 'unknown'] },
          write: { type: 'string', enum: ['granted', 'missing', 'unknown', 'not needed'], description: 'Probed without changing data (a change of a record that cannot exist); not needed where no card writes.' },
          message: { type: 'string' },
          extraFor: { type: 'array', items: { type: 'string' }, description: "Only on rows beyond Okta's permission table: the cards of this connector that need them." },
        },
      },
    },
    missing: { type: 'array', items: { type: 'string' }, description: 'Endpoints the token lacks a needed permission on (read or write).' },
  },
};

const CARD_SUMMARY: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'description', 'resource', 'access'],
  properties: {
    id: { type: 'string', description: 'The card name in lowerCamelCase; POST /cards/{id} runs it.' },
    name: { type: 'string' },
    description: { type: 'string' },
    resource: { type: 'string' },
    access: { type: 'string', enum: ['read', 'write'] },
  },
};

/** Schemas of the service's own answers: the error envelope, health, catalog, card definitions, the connection test. */
export function serviceSchemas(schemas: SchemaFile[]): Record<string, SchemaObject> {
  return {
    [ERROR_ENVELOPE]: toSchemaObject(schemaFile(schemas, 'error.schema.json'), NO_REFS),
    Health: { type: 'object', additionalProperties: false, required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
    CardList: { type: 'object', additionalProperties: false, required: ['cards'], properties: { cards: { type: 'array', items: { $ref: componentRef('CardSummary') } } } },
    CardSummary: CARD_SUMMARY,
    ...withDefinitions(schemaFile(schemas, 'card.schema.json'), CARD_DEFINITION),
    ConnectionReport: CONNECTION_REPORT,
  };
}

/** The connection's fields (schemas/connection.schema.json), for the header parameters. */
export function connectionFields(schemas: SchemaFile[]): Record<string, SchemaObject> {
  const connection = schemaFile(schemas, 'connection.schema.json');
  return (connection.properties ?? {}) as Record<string, SchemaObject>;
}
