import type { CardDefinition } from '../generated/schemas/card.ts';
import { resourceTitle } from '../engine/cards/resource-titles.ts';
import type { SchemaFile } from '../engine/schemas.ts';
import { cardSchemas, componentRef, PAGE_SIZE, streamingResultSets, type CardSchemaNames, type StreamSchemaNames } from './card-schemas.ts';
import { NO_REFS, toSchemaObject, type SchemaObject } from './schema-object.ts';
import { CARD_DEFINITION, connectionFields, ERROR_ENVELOPE, serviceSchemas } from './service-schemas.ts';

export type OpenApiDocument = { [key: string]: unknown };

interface OpenApiSources {
  /** The resolved card definitions, as the catalog serves them. */
  cards: readonly CardDefinition[];
  /** schemas/: error envelope, connection, card meta-schema. */
  schemas: SchemaFile[];
  /** The connector's version (package.json). */
  version: string;
}

const SERVICE_TAG = 'Service';

/** Every error answer the service gives, by status: the envelope of DESIGN.md section 5. */
const ERROR_RESPONSES: Record<number, { name: string; description: string; retryAfter?: true }> = {
  400: { name: 'BadRequest', description: 'invalid_input or invalid_connection: bad options or inputs (each field named by its card label), a bad Account Type or Tenant ID, or SmartHR refused a value (its message kept, its field named by the label).' },
  401: { name: 'Unauthorized', description: 'unauthorized: missing Access Token, SmartHR refused the token, or a missing or wrong connector key.' },
  403: { name: 'Forbidden', description: 'forbidden: the token lacks a permission; the message names the endpoint and Read or Write.' },
  404: { name: 'NotFound', description: 'not_found: unknown card or route, or SmartHR has no such record.' },
  413: { name: 'PayloadTooLarge', description: 'payload_too_large: the body is over 256 KiB.' },
  415: { name: 'UnsupportedMediaType', description: 'unsupported_media_type: the body is not UTF-8 JSON.' },
  429: { name: 'RateLimited', description: 'rate_limited: SmartHR\'s rate limit or the inbound limit of this tenant and token; retry after retryAfter seconds.', retryAfter: true },
  500: { name: 'InternalError', description: 'internal: the connector failed unexpectedly; the error was logged.' },
  502: { name: 'UpstreamError', description: 'upstream_error: SmartHR was unreachable or answered with a malformed, oversized, redirecting or 5xx answer.' },
  503: { name: 'UpstreamUnavailable', description: 'maintenance or upstream_unavailable: SmartHR is in maintenance or refused the connection.', retryAfter: true },
  504: { name: 'UpstreamTimeout', description: 'upstream_timeout: SmartHR did not answer within the deadline (card calls end well inside Workflows\' 30 s).' },
};

const CARD_CALL_ERRORS = [400, 401, 403, 404, 413, 415, 429, 500, 502, 503, 504];
const CONNECTION_TEST_ERRORS = [400, 401, 403, 413, 415, 429, 500, 502, 503, 504];
const CATALOG_ERRORS = [401, 500];

/**
 * Who may call: the connection (Account Type, Tenant ID, Access Token) on every SmartHR call,
 * plus the connector key when the operator set CONNECTOR_API_KEY; or, for Okta's API Connector,
 * one Basic credential holding the connector key and the token (decisions: Basic connection).
 */
const CONNECTION_SECURITY = [
  { SmartHRAccountType: [], SmartHRTenantId: [], SmartHRAccessToken: [] },
  { SmartHRAccountType: [], SmartHRTenantId: [], SmartHRAccessToken: [], ConnectorKey: [] },
  { SmartHRAccountType: [], SmartHRTenantId: [], ConnectorBasic: [] },
];
const CATALOG_SECURITY = [{}, { ConnectorKey: [] }, { ConnectorBasic: [] }];

function securitySchemes(): SchemaObject {
  return {
    SmartHRAccountType: {
      type: 'apiKey',
      in: 'header',
      name: 'X-SmartHR-Account-Type',
      description: 'Account Type: "sandbox" (SmartHR at https://{tenant}.daruma.space) or "production" (https://{tenant}.smarthr.jp), any case. In a connection dialog: a dropdown with Sandbox and Production.',
    },
    SmartHRTenantId: {
      type: 'apiKey',
      in: 'header',
      name: 'X-SmartHR-Tenant-Id',
      description: 'Tenant ID: the first part of your SmartHR URL (the subdomain), one DNS label.',
    },
    SmartHRAccessToken: {
      type: 'http',
      scheme: 'bearer',
      description: 'Access Token: the SmartHR access token (共通設定 > 外部システム連携 > アクセストークン), sent as Authorization: Bearer <token>. A secret: never logged, never echoed.',
    },
    ConnectorKey: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Connector-Key',
      description: 'Only when the operator set CONNECTOR_API_KEY: that key, on every call except /health.',
    },
    ConnectorBasic: {
      type: 'http',
      scheme: 'basic',
      description: 'For an Okta API Connector connection of type Basic: user name = the connector key (any value, e.g. "smarthr", when the operator set none), password = the SmartHR access token. Equivalent to X-Connector-Key plus Authorization: Bearer; Account Type and Tenant ID still travel as their headers.',
    },
  };
}

function connectionParameters(schemas: SchemaFile[]): SchemaObject {
  const fields = connectionFields(schemas);
  const tenant = toSchemaObject(fields['Tenant ID'], NO_REFS);
  const { description: tenantDescription, ...tenantSchema } = tenant;
  return {
    AccountType: {
      name: 'X-SmartHR-Account-Type',
      in: 'header',
      required: true,
      description: `${String(fields['Account Type']?.description ?? '')} Any case is accepted.`,
      schema: { type: 'string', enum: ['sandbox', 'production'] },
    },
    TenantId: {
      name: 'X-SmartHR-Tenant-Id',
      in: 'header',
      required: true,
      description: String(tenantDescription ?? ''),
      schema: tenantSchema,
    },
  };
}

function errorResponses(): SchemaObject {
  return Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(({ name, description, retryAfter }) => [
      name,
      {
        description,
        ...(retryAfter ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
        content: { 'application/json': { schema: { $ref: componentRef(ERROR_ENVELOPE) } } },
      },
    ]),
  );
}

function responses(ok: SchemaObject, errors: number[]): SchemaObject {
  const out: SchemaObject = { 200: ok };
  for (const status of errors) {
    const known = ERROR_RESPONSES[status];
    if (!known) throw new Error(`no error response for ${status}`);
    out[status] = { $ref: `#/components/responses/${known.name}` };
  }
  return out;
}

const json = (schema: SchemaObject, extra: SchemaObject = {}) => ({ 'application/json': { schema, ...extra } });

const exampleKey = (title: string) => title.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'example';

function examplesOf(card: CardDefinition, part: (e: CardDefinition['examples'][number]) => unknown): SchemaObject {
  return { examples: Object.fromEntries(card.examples.map((e) => [exampleKey(e.title), { summary: e.title, value: part(e) }])) };
}

const connectionParams = [{ $ref: '#/components/parameters/AccountType' }, { $ref: '#/components/parameters/TenantId' }];

function cardOperation(card: CardDefinition, names: CardSchemaNames): SchemaObject {
  const streams = streamingResultSets(card);
  const ok: SchemaObject = {
    description: streams.length > 0
      ? `The card's outputs; with Result Set ${streams.map((s) => `"${s}"`).join(' or ')}, an NDJSON stream instead: one record per line, then {"Records Streamed": n}.`
      : "The card's outputs, keyed by the card's labels.",
    content: {
      ...json({ $ref: componentRef(names.outputs) }, examplesOf(card, (e) => e.outputs)),
      ...(names.stream ? { 'application/x-ndjson': { schema: { $ref: componentRef(names.stream.line) } } } : {}),
    },
  };
  return {
    post: {
      operationId: card.id,
      summary: card.name,
      description: card.description,
      tags: [resourceTitle(card.resource)],
      parameters: connectionParams,
      requestBody: { required: true, content: json({ $ref: componentRef(names.request) }, examplesOf(card, (e) => ({ options: e.options, inputs: e.inputs }))) },
      responses: responses(ok, CARD_CALL_ERRORS),
      'x-smarthr-permission': card.permission,
    },
  };
}

function pagesOperation(card: CardDefinition, names: StreamSchemaNames): SchemaObject {
  const streams = streamingResultSets(card).map((s) => `"${s}"`).join(' or ');
  return {
    post: {
      operationId: `${card.id}Pages`,
      summary: `${card.name}: one page`,
      description: `The stream of ${card.name} as pages, for callers that take one answer at a time (a Workflows loop): the same options (Result Set ${streams}) and inputs, a cursor (null first) and a pageSize (1 to ${PAGE_SIZE.maximum}, default ${PAGE_SIZE.default}). Call again with Next Cursor until it is null. A bad cursor is a 400 naming cursor; a Result Set that does not stream is a 400 naming Result Set.`,
      tags: [resourceTitle(card.resource)],
      parameters: connectionParams,
      requestBody: { required: true, content: json({ $ref: componentRef(names.pageRequest) }) },
      responses: responses({ description: 'One page of records.', content: json({ $ref: componentRef(names.page) }) }, CARD_CALL_ERRORS),
      'x-smarthr-permission': card.permission,
    },
  };
}

function servicePaths(cardIds: string[]): Record<string, SchemaObject> {
  return {
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Health',
        description: 'Liveness; needs no connection and no connector key.',
        tags: [SERVICE_TAG],
        security: [],
        responses: responses({ description: 'The service is up.', content: json({ $ref: componentRef('Health') }) }, [500]),
      },
    },
    '/': {
      get: {
        operationId: 'getConsole',
        summary: 'Console page',
        description: 'The console for admins (also at /console): test a connection, browse the cards as Workflows draws them, try one. Needs no connection; the page asks for it and calls this same contract.',
        tags: [SERVICE_TAG],
        security: [],
        responses: responses({ description: 'The console page.', content: { 'text/html': { schema: { type: 'string' } } } }, [500]),
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'OpenAPI document',
        description: 'This document, generated from the cards (also committed as docs/openapi.json).',
        tags: [SERVICE_TAG],
        security: CATALOG_SECURITY,
        responses: responses({ description: 'An OpenAPI 3.0 document.', content: json({ type: 'object' }) }, CATALOG_ERRORS),
      },
    },
    '/cards': {
      get: {
        operationId: 'getCardCatalog',
        summary: 'List the cards',
        tags: [SERVICE_TAG],
        security: CATALOG_SECURITY,
        responses: responses({ description: 'Every card.', content: json({ $ref: componentRef('CardList') }) }, CATALOG_ERRORS),
      },
    },
    '/cards/{id}': {
      get: {
        operationId: 'getCardDefinition',
        summary: 'Read a card definition',
        description: 'Options, inputs and outputs as JSON Schema keyed by the card labels, with their Workflows types, the SmartHR mapping and examples.',
        tags: [SERVICE_TAG],
        security: CATALOG_SECURITY,
        parameters: [{ name: 'id', in: 'path', required: true, description: 'The card id.', schema: { type: 'string', enum: cardIds } }],
        responses: responses({ description: 'The card definition.', content: json({ $ref: componentRef(CARD_DEFINITION) }) }, [...CATALOG_ERRORS, 404]),
      },
    },
    '/connection/test': {
      post: {
        operationId: 'testConnection',
        summary: 'Test the connection',
        description: "Workflows' _authping: one call decides whether SmartHR accepts the token (401 otherwise), then every endpoint of the permission table is probed; 403 when the token may read none of them. Send no body.",
        tags: [SERVICE_TAG],
        parameters: connectionParams,
        responses: responses({ description: 'The token works; the report says what it may read.', content: json({ $ref: componentRef('ConnectionReport') }) }, CONNECTION_TEST_ERRORS),
      },
    },
  };
}

/**
 * The OpenAPI 3.0 document of the whole HTTP contract (DESIGN.md section 8), from the cards and
 * schemas alone: the same sources give the same document, byte for byte once serialised.
 */
export function buildOpenApiDocument({ cards, schemas, version }: OpenApiSources): OpenApiDocument {
  const sorted = [...cards].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const componentSchemas: Record<string, SchemaObject> = { ...serviceSchemas(schemas) };
  const paths: Record<string, SchemaObject> = servicePaths(sorted.map((c) => c.id));
  for (const card of sorted) {
    const { names, schemas: own } = cardSchemas(card, ERROR_ENVELOPE);
    Object.assign(componentSchemas, own);
    paths[`/cards/${card.id}`] = cardOperation(card, names);
    if (names.stream) paths[`/cards/${card.id}/pages`] = pagesOperation(card, names.stream);
  }
  const tags = [...new Set(sorted.map((card) => resourceTitle(card.resource)))].sort();
  return {
    openapi: '3.0.3',
    info: {
      title: 'SmartHR connector for Okta Workflows',
      version,
      description: [
        'Runs SmartHR cards for Okta Workflows: `POST /cards/{id}` with `{"options": {...}, "inputs": {...}}` keyed by the card labels answers the card\'s outputs.',
        'The connection travels in headers on every SmartHR call: `X-SmartHR-Account-Type` (sandbox or production), `X-SmartHR-Tenant-Id` and `Authorization: Bearer <access token>`; plus `X-Connector-Key` when the operator set one. An Okta API Connector may instead send Basic credentials: the connector key as user name, the access token as password.',
        'Every error is `{"error": {"status", "code", "message", "details", "retryAfter"?}}`. Generated from the cards; docs/workflows/ is the click-by-click guide for Okta Workflows.',
      ].join('\n\n'),
    },
    servers: [{ url: 'https://{host}', description: 'Where the operator runs the service: a public HTTPS URL (Workflows cannot reach on-premises services).', variables: { host: { default: 'smarthr-connector.example.com', description: 'Host name (and port) of the service.' } } }],
    tags: [{ name: SERVICE_TAG, description: 'Health, the console, the card catalog, the connection test and this document.' }, ...tags.map((name) => ({ name }))],
    security: CONNECTION_SECURITY,
    paths,
    components: {
      securitySchemes: securitySchemes(),
      parameters: connectionParameters(schemas),
      headers: { RetryAfter: { description: 'Seconds to wait before retrying (also retryAfter in the body).', schema: { type: 'integer', minimum: 0 } } },
      responses: errorResponses(),
      schemas: componentSchemas,
    },
  };
}
