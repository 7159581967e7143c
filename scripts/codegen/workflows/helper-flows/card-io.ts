import type { CardDefinition, Field } from '../../../../connector/generated/schemas/card.ts';
import { streamingResultSets, streamSummaryFields } from '../../../../connector/openapi/card-schemas.ts';
import { choices, groupedRows, optionRows, type FieldRow } from '../fields.ts';
import type { StoredType } from './format.ts';
import type { FieldType } from './flow-builder.ts';

/**
 * What a card's helper flow takes and returns, derived from the card alone: the generator builds
 * the flow from it and the checker holds the file to it.
 */

/** Workflows types as the file stores them (learned from real exports: Date & Time is "Date", Flow is "flo"). */
const STORED: Record<string, string> = {
  Text: 'string',
  Number: 'number',
  'True/False': 'boolean',
  'Date & Time': 'Date',
  Object: 'object',
  Objects: 'object',
  Dropdown: 'string',
  Flow: 'flo',
};

/** How a flow input's key is made from the card's labels: "Filter By > Employee Number". */
const LABEL_SEPARATOR = ' > ';

export interface FlowInput {
  key: string;
  /** Where the value goes in the request body, under `part`. */
  path: string[];
  part: 'options' | 'inputs';
  type: FieldType;
  /** False for what only Workflows consumes (workflowsOnly fields such as Streaming > Flow, and State): never sent to the service. */
  sent: boolean;
  /** A dropdown's values: a flow input is plain Text, so the flow's description lists them. */
  choices?: string[];
}

interface FlowOutput {
  key: string;
  type: FieldType;
}

interface StreamInfo {
  /** The option that selects the result set, and its value that streams. */
  option: string;
  value: string;
  resultGroup: string;
  /** Result fields a stream still answers (Records Streamed...): the `POST /cards/{id}/pages` answer holds them under these labels. */
  summary: string[];
}

function nestedType(tree: Field): StoredType {
  const entries = Object.entries(tree.properties ?? {}).map(([label, field]) => {
    const { type, collection } = fieldType(field);
    return [label, { type, collection }] as const;
  });
  return entries.length > 0 ? Object.fromEntries(entries) : 'object';
}

/** A card field's Workflows type as stored in a flow: a group or an object with known fields becomes an object type listing them. */
export function fieldType(field: Field): FieldType {
  const workflowsType = field.workflowsType as string | undefined;
  if (!workflowsType) return { type: nestedType(field), collection: false };
  const collection = workflowsType.startsWith('List of ');
  const item = collection ? workflowsType.slice('List of '.length) : workflowsType;
  const stored = STORED[item];
  if (!stored) throw new Error(`no Workflows storage type known for "${workflowsType}"`);
  const shape = collection ? field.items : field;
  if (stored === 'object' && shape?.properties) return { type: nestedType(shape), collection };
  return { type: stored, collection };
}

export function streamOf(card: CardDefinition): StreamInfo | undefined {
  const pagination = card.pagination;
  const [value] = streamingResultSets(card);
  if (!pagination || !value) return undefined;
  const summary = streamSummaryFields(card).map(([label]) => label);
  return { option: pagination.resultSetOption, value, resultGroup: pagination.resultGroup, summary };
}

/**
 * A streaming card declares its Streaming > Flow (a card rule); its flow adds Streaming > State, the
 * object Okta's streaming cards pass to every call of that flow as State.
 */
export const STREAM_STATE: FlowInput = { key: ['Streaming', 'State'].join(LABEL_SEPARATOR), path: ['Streaming', 'State'], part: 'inputs', type: { type: 'object', collection: false }, sent: false };

function flowInput({ group, label, field }: FieldRow, part: FlowInput['part']): FlowInput {
  const path = group === undefined ? [label] : [group, label];
  const dropdown = field.workflowsType === 'Dropdown' && field.enum ? { choices: choices(field) } : {};
  return { key: path.join(LABEL_SEPARATOR), path, part, type: fieldType(field), sent: field.workflowsOnly !== true, ...dropdown };
}

/** The helper flow's inputs: the card's options, then its inputs flattened to "Group > Label". */
export function flowInputs(card: CardDefinition): FlowInput[] {
  const inputs = [...optionRows(card.options).map((row) => flowInput(row, 'options')), ...groupedRows(card.inputs).map((row) => flowInput(row, 'inputs'))];
  return streamOf(card) ? [...inputs, STREAM_STATE] : inputs;
}

/** The helper flow's outputs: the card's output groups, each an object typed with its fields. */
export function flowOutputs(card: CardDefinition): FlowOutput[] {
  return Object.entries(card.outputs.properties).map(([label, field]) => ({ key: label, type: fieldType(field) }));
}

export const flowName = (card: CardDefinition) => `SmartHR - ${card.name}`;
