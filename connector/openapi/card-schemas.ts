import type { CardDefinition, Field, Group } from '../generated/schemas/card.ts';
import { closed } from '../engine/cards/closed.ts';
import { fieldAt } from '../engine/cards/fields.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../engine/page-request.ts';
import { NO_REFS, toSchemaObject, type SchemaObject } from './schema-object.ts';

/** The page sizes POST /cards/{id}/pages takes, as the engine reads them. */
export const PAGE_SIZE = { default: DEFAULT_PAGE_SIZE, maximum: MAX_PAGE_SIZE } as const;

export const componentRef = (name: string) => `#/components/schemas/${name}`;

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** The Result Set values that stream (the answer is NDJSON, or pages through /pages). */
export function streamingResultSets(card: CardDefinition): string[] {
  const resultSets = card.pagination?.resultSets ?? {};
  return Object.keys(resultSets).filter((value) => resultSets[value] === 'stream');
}

/**
 * A card's options, inputs or outputs (or a part of them) as the service validates them: closed,
 * so a mistyped label is refused, not ignored. Cards come resolved (validateCatalog): the field
 * library's $refs are written out, none is left.
 */
function partSchema(node: Field | Group): SchemaObject {
  return toSchemaObject(closed(node), NO_REFS);
}

/** `options` and `inputs` are required in a body when the card requires something in them. */
function requiredParts(card: CardDefinition): SchemaObject {
  const required = (['options', 'inputs'] as const).filter((part) => (card[part].required ?? []).length > 0);
  return required.length > 0 ? { required } : {};
}

function requestBody(card: CardDefinition, options: string, inputs: string): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    ...requiredParts(card),
    properties: { options: { $ref: componentRef(options) }, inputs: { $ref: componentRef(inputs) } },
  };
}

/** Options for /pages: the same card options, with Result Set narrowed to the values that stream. */
function pageOptions(card: CardDefinition): SchemaObject {
  const pagination = card.pagination;
  if (!pagination) throw new Error(`${card.id} does not paginate`);
  const streaming = streamingResultSets(card);
  const options = structuredClone(card.options);
  const resultSet = options.properties[pagination.resultSetOption];
  if (resultSet) Object.assign(resultSet, { enum: streaming, default: streaming[0] });
  return partSchema(options);
}

/**
 * The result group's computed fields (Records Streamed, Next Changed Since, ...), by label: what
 * the stream's last line and each /pages answer carry beside the records, under the same labels.
 */
export function streamSummaryFields(card: CardDefinition): [label: string, field: Field][] {
  const pagination = card.pagination;
  const group = pagination ? fieldAt(card.outputs, [pagination.resultGroup]) : undefined;
  return Object.entries(group?.properties ?? {}).filter(([, field]) => field.computed !== undefined);
}

function recordSchema(card: CardDefinition): SchemaObject {
  const pagination = card.pagination;
  const items = pagination ? fieldAt(closed(card.outputs), [pagination.resultGroup, pagination.recordsOutput])?.items : undefined;
  if (!items) throw new Error(`${card.id}: no records output to stream`);
  return partSchema(items);
}

export interface StreamSchemaNames {
  /** One NDJSON line. */
  line: string;
  pageRequest: string;
  page: string;
}

export interface CardSchemaNames {
  request: string;
  outputs: string;
  /** Streaming cards only. */
  stream?: StreamSchemaNames;
}

/** Every schema of one card's operations, named after the card id (readEmployee -> ReadEmployeeOptions, ...). */
export function cardSchemas(card: CardDefinition, errorEnvelope: string): { names: CardSchemaNames; schemas: Record<string, SchemaObject> } {
  const base = pascal(card.id);
  const schemas: Record<string, SchemaObject> = {
    [`${base}Options`]: partSchema(card.options),
    [`${base}Inputs`]: partSchema(card.inputs),
    [`${base}Request`]: requestBody(card, `${base}Options`, `${base}Inputs`),
    [`${base}Outputs`]: partSchema(card.outputs),
  };
  const names: CardSchemaNames = { request: `${base}Request`, outputs: `${base}Outputs` };
  if (streamingResultSets(card).length === 0) return { names, schemas };

  const summary = Object.fromEntries(streamSummaryFields(card).map(([label, field]) => [label, partSchema(field)]));
  const counted = ['Records Streamed'].filter((label) => label in summary);
  Object.assign(schemas, {
    [`${base}Record`]: { ...recordSchema(card), description: `One record of ${card.name}, keyed by the card's labels.` },
    [`${base}StreamSummary`]: {
      type: 'object',
      description: 'The last line of the stream: how many records were streamed.',
      additionalProperties: false,
      ...(counted.length > 0 ? { required: counted } : {}),
      properties: summary,
    },
    [`${base}StreamLine`]: {
      description: 'One line of the NDJSON answer: a record; then the summary line; or, when SmartHR fails after the first record was sent, an error line instead of the summary.',
      anyOf: [{ $ref: componentRef(`${base}Record`) }, { $ref: componentRef(`${base}StreamSummary`) }, { $ref: componentRef(errorEnvelope) }],
    },
    [`${base}PageOptions`]: pageOptions(card),
    [`${base}PageRequest`]: {
      type: 'object',
      additionalProperties: false,
      ...requiredParts(card),
      properties: {
        options: { $ref: componentRef(`${base}PageOptions`) },
        inputs: { $ref: componentRef(`${base}Inputs`) },
        cursor: { type: 'string', nullable: true, default: null, description: 'null (or absent) for the first page; then the Next Cursor of the previous page, unchanged.' },
        pageSize: { type: 'integer', minimum: 1, maximum: PAGE_SIZE.maximum, default: PAGE_SIZE.default, description: 'Records per page.' },
      },
    },
    [`${base}Page`]: {
      type: 'object',
      description: `One page of ${card.name}'s stream.`,
      additionalProperties: false,
      required: ['Records', ...counted, 'Next Cursor'],
      properties: {
        Records: { type: 'array', items: { $ref: componentRef(`${base}Record`) } },
        ...summary,
        ...(summary['Records Streamed'] ? { 'Records Streamed': { ...summary['Records Streamed'], description: "Records returned so far, this page included: the card's Records Streamed once Next Cursor is null." } } : {}),
        'Next Cursor': { type: 'string', nullable: true, description: 'Pass it as cursor to get the next page; null after the last page.' },
      },
    },
  });
  return { names: { ...names, stream: { line: `${base}StreamLine`, pageRequest: `${base}PageRequest`, page: `${base}Page` } }, schemas };
}
