import { openapiSchemaToJsonSchema } from '@openapi-contrib/openapi-schema-to-json-schema';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Validators for request and response bodies, taken from an OpenAPI 3.0 document alone: its
 * Schema Objects are converted to JSON Schema by an independent, well-kept converter
 * (@openapi-contrib/openapi-schema-to-json-schema: nullable -> "null" type, OpenAPI-only
 * keywords removed) and compiled by a fresh Ajv, not the service's own.
 */

type Json = { [key: string]: unknown };

export interface OpenApiDoc {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json> };
}

const SCHEMAS = 'openapi-components';
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Component references become references into one JSON Schema that holds all components as definitions. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', `${SCHEMAS}#/definitions/`) : rewriteRefs(value),
    ]),
  );
}

function extensionKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => extensionKeywords(n, found));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      else extensionKeywords(value, found);
    }
  }
  return found;
}

function toJsonSchema(schema: Json): Json {
  const { $schema: _meta, ...converted } = openapiSchemaToJsonSchema(schema, { definitionKeywords: ['definitions'] }) as Json;
  return rewriteRefs(converted) as Json;
}

export class Contract {
  private readonly ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

  constructor(readonly doc: OpenApiDoc) {
    addFormats.default(this.ajv);
    // The cards' own format: YYYY/MM/DD as Okta's pages ask, an ISO date, or a date-time (Workflows
    // sends Date & Time values as ISO date-times); empty text is an input left empty.
    this.ajv.addFormat('date-or-date-time', /^(|\d{4}\/\d{1,2}\/\d{1,2}|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)$/);
    this.ajv.addVocabulary([...extensionKeywords(doc)]);
    this.ajv.addSchema({ $id: SCHEMAS, ...toJsonSchema({ definitions: doc.components.schemas }) });
  }

  operation(path: string, method: string): Json {
    const operation = this.doc.paths[path]?.[method];
    if (!operation) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
    return operation;
  }

  requestValidator(path: string, method: string): ValidateFunction {
    const content = (this.operation(path, method).requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
    const schema = content?.['application/json']?.schema;
    if (!isObject(schema)) throw new Error(`${method.toUpperCase()} ${path} has no JSON request body`);
    return this.ajv.compile(toJsonSchema(schema));
  }

  /** The schema the document gives for this status and media type (error statuses resolve through components.responses). */
  responseValidator(path: string, method: string, status: number, mediaType = 'application/json'): ValidateFunction {
    const responses = this.operation(path, method).responses as Record<string, Json>;
    let response = responses[String(status)];
    if (!response) throw new Error(`${method.toUpperCase()} ${path} documents no ${status} answer`);
    if (typeof response.$ref === 'string') response = this.doc.components.responses[response.$ref.replace('#/components/responses/', '')] ?? {};
    const schema = (response.content as Record<string, Json> | undefined)?.[mediaType]?.schema;
    if (!isObject(schema)) throw new Error(`${method.toUpperCase()} ${path} documents no ${mediaType} body for ${status}`);
    return this.ajv.compile(toJsonSchema(schema));
  }
}

/** Ajv's errors in one line, for assertion messages. */
export function explain(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
}
