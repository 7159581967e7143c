import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CardDefinition, Field, Group, Pagination } from '../../connector/generated/schemas/card.ts';
import type { LoadedCard } from '../../connector/engine/cards/rules/rule.ts';
import { streamingResultSets } from '../../connector/openapi/card-schemas.ts';
import { EXTRA_PERMISSIONS, OKTA_CARD_NAMES, OKTA_PERMISSIONS } from '../../connector/smarthr/permissions.ts';
import type { RepoLayout } from './paths.ts';
import { permissionText } from './workflows/facts.ts';
import { choices } from './workflows/fields.ts';
import { anchor, cell } from './workflows/markdown.ts';

// Okta's stock texts for the Result Set values and the Streaming fields of a List card page.
const RESULT_SET_TEXT: Record<Pagination['resultSets'][string], string> = {
  first: 'Returns the first matching record.',
  firstPage: 'Returns the first 100 matching records.',
  stream: 'Passes all matching records from your parent flow to a helper flow. Adds a Streaming input section to the card where you can select a helper flow for streaming and adding custom extensible fields.',
};
const STREAMING_NOTE = 'To learn how to return large numbers of records, see Stream matching records with a helper flow.';
const FLOW_TEXT = [
  'Click Choose Flow to browse and select a helper flow where the search results will be streamed, then click Choose to confirm.',
  'Optionally, click the empty field under Click or drop here to create and add custom extensible fields that pass data to the helper flow. These fields are added as key/value pairs under the State output object in the helper flow.',
  'The input field on the Helper Card in the streaming helper flow must reference the key Record (type object) to obtain streamed records. To obtain state input values, reference the key State (type object) of the Record object.',
];
const RECORD_LIMIT_TEXT = [
  'Specify the number of records to stream.',
  'When the Record Limit field is set to 0, no records are returned.',
  'When the Record Limit field is set to greater than 0, records up to the specified maximum are returned.',
  'When the Record Limit field is empty, null, or not selected, all records are returned.',
];

const sentence = (text: string | undefined) => (text && !/[.!?:]$/.test(text) ? `${text}.` : (text ?? ''));
const bullets = (items: string[]) => items.map((item) => `<br>• ${item}`).join('');
const indent = (depth: number) => '&nbsp;&nbsp;&nbsp;&nbsp;'.repeat(depth);

interface Row {
  field: string;
  definition: string;
  type: string;
  required?: boolean;
}

interface Context {
  card: CardDefinition;
  streamValue?: string;
}

/** A List of Objects beside an Object whose items have the Object's fields (Search Employees' Employees beside Employee). */
function listWithSameFields(field: Field, siblings: Group): string | undefined {
  const keys = Object.keys(field.properties ?? {}).join('|');
  return Object.entries(siblings.properties).find(([, other]) => other.workflowsType === 'List of Objects' && Object.keys(other.items?.properties ?? {}).join('|') === keys)?.[0];
}

/** What the service asks of HTTP callers where it differs from the card in Workflows. */
function serviceNote(field: Field, serviceRequires: boolean): string {
  if (field.workflowsOnly) return '<br>Consumed by Workflows; the service ignores it, and HTTP callers need not send it.';
  if (field.workflowsRequired && !serviceRequires) return `<br>Required on the card in Workflows; HTTP callers may leave it out${field.default !== undefined ? ' and get the default' : ''}.`;
  return '';
}

/** The definition cell: the field's description, a Dropdown's values as bullets, Okta's streaming texts. */
function definition(field: Field, label: string, ctx: Context, streaming: 'flow' | 'recordLimit' | undefined, siblings: Group): string {
  const appears = `This field appears when ${ctx.streamValue} is selected from the Result Set option.`;
  if (streaming === 'flow') return `${FLOW_TEXT[0]}<br>${FLOW_TEXT[1]}<br>${appears}<br>${FLOW_TEXT[2]}`;
  if (streaming === 'recordLimit') {
    const range = field.minimum !== undefined && field.maximum !== undefined ? [`The valid range is ${field.minimum} to ${field.maximum}.`] : [];
    const fallback = field.default !== undefined ? [`The default value is ${String(field.default)}.`] : [];
    return `${RECORD_LIMIT_TEXT[0]}${bullets([...RECORD_LIMIT_TEXT.slice(1), ...fallback, ...range])}<br>${appears}`;
  }
  const pagination = ctx.card.pagination;
  if (pagination && label === pagination.resultSetOption && field.enum) {
    const values = Object.entries(pagination.resultSets).map(([value, mode]) => `${value}: ${RESULT_SET_TEXT[mode]}`);
    return `Choose one of the following options to return your results:${bullets(values)}`;
  }
  let text = sentence(field.description);
  text += bullets(choices(field));
  if (field.default !== undefined && !field.enum && typeof field.default !== 'object') text += ` Default: ${String(field.default)}.`;
  const sameAs = field.workflowsType === 'Object' && field.properties ? listWithSameFields(field, siblings) : undefined;
  if (sameAs) text += ` Its fields are those of ${sameAs}, below.`;
  else if (field.workflowsType === 'Object' && field.properties) text += inlineChildren(field, 0);
  return text;
}

/** Okta describes the parts of an Object output inline: "ID (Text) - ...". */
function inlineChildren(field: Field, depth: number): string {
  return Object.entries(field.properties ?? {})
    .map(([label, child]) => `<br>${indent(depth)}• ${label} (${child.workflowsType ?? 'Object'}) - ${sentence(child.description)}${child.workflowsType === 'Object' && child.properties ? inlineChildren(child, depth + 1) : ''}`)
    .join('');
}

/**
 * Rows in Okta's layout: a group is a heading row, its fields follow; the fields of a List of
 * Objects follow it, indented; an Object's parts are described in its own row.
 */
function rows(tree: Group, ctx: Context, part: 'options' | 'inputs' | 'outputs', depth = 0, groupLabel?: string): Row[] {
  const required = tree.required ?? [];
  return Object.entries(tree.properties).flatMap(([label, field]): Row[] => {
    const isGroup = part !== 'options' && depth === 0 && !groupLabel && !field.workflowsType;
    if (isGroup) return [{ field: `**${label}**`, definition: sentence(field.description), type: '' }, ...rows(field as Group, ctx, part, 0, label)];
    const limitInput = ctx.card.pagination?.recordLimitInput;
    const streamingGroup = limitInput?.split('.').slice(0, -1).join('.');
    const streaming = limitInput === `${groupLabel}.${label}` ? 'recordLimit' : groupLabel === streamingGroup && field.workflowsType === 'Flow' ? 'flow' : undefined;
    const serviceRequires = required.includes(label);
    const own: Row = {
      field: `${indent(depth)}${label}`,
      definition: definition(field, label, ctx, streaming, tree) + serviceNote(field, serviceRequires),
      type: field.workflowsType ?? 'Object',
      required: serviceRequires || field.workflowsRequired === true,
    };
    const items = field.workflowsType === 'List of Objects' && field.items?.properties ? rows(field.items as Group, ctx, part, depth + 1, groupLabel) : [];
    return [own, ...items];
  });
}

function table(title: string, list: Row[], withRequired: boolean): string {
  const heading = `### ${title}\n\n`;
  if (list.length === 0) return `${heading}None.\n`;
  const head = withRequired ? '| Field | Definition | Type | Required |\n|---|---|---|---|\n' : '| Field | Definition | Type |\n|---|---|---|\n';
  const line = (r: Row) => `| ${cell(r.field)} | ${cell(r.definition)} | ${r.type} |${withRequired ? ` ${r.type === '' ? '' : r.required ? 'TRUE' : 'FALSE'} |` : ''}`;
  return `${heading}${head}${list.map(line).join('\n')}\n`;
}

function cardSection(card: CardDefinition, file: string): string {
  const [streamValue] = streamingResultSets(card);
  const ctx: Context = { card, ...(streamValue ? { streamValue } : {}) };
  return [
    `## ${card.name}`,
    '',
    card.description,
    ...(card.notes?.length ? ['', ...card.notes.map((note) => `- ${note}`)] : []),
    '',
    table('Options', rows(card.options, ctx, 'options'), true),
    ...(streamValue ? [STREAMING_NOTE, ''] : []),
    table('Input', rows(card.inputs, ctx, 'inputs'), true),
    table('Output', rows(card.outputs, ctx, 'outputs'), false),
    `Card id \`${card.id}\` (\`POST /cards/${card.id}\`), file \`cards/${file}\`; SmartHR request \`${typeof card.request.method === 'string' ? card.request.method : ''} ${card.request.path}\`; token permission ${permissionText(card)}.`,
    '',
  ].join('\n');
}

function authorization(connection: { properties: Record<string, { description?: string; enum?: string[] }> }): string[] {
  const fields = Object.entries(connection.properties).map(([label, f]) => `| ${label} | ${cell(sentence(f.description))}${f.enum ? cell(bullets(f.enum)) : ''} |`);
  const okta = OKTA_PERMISSIONS.map((e) => `| ${e.endpoint} | ${e.permissions.join(', ')} |`);
  const extra = EXTRA_PERMISSIONS.map((e) => `| ${e.endpoint} | ${e.permissions.join(', ')} (this connector's ${(e.extraFor ?? []).join(', ')}) |`);
  return [
    '## Authorization',
    '',
    'When you add a SmartHR card to a flow for the first time, Workflows asks for a connection to your SmartHR tenant. In the **New Connection** dialog:',
    '',
    '1. Enter a **Connection Nickname** (Workflows\' own field; it tells connections apart).',
    '2. Choose the **Account Type**, enter the **Tenant ID** and the **Access Token**:',
    '',
    '| Field | Definition |',
    '|---|---|',
    ...fields,
    '',
    '3. Click **Create**.',
    '',
    'The access token needs at least these permissions; the first rows are those of Okta\'s SmartHR connector, the last the Write this connector\'s extra cards need. `POST /connection/test` reports each of them.',
    '',
    '| Endpoint | Permission |',
    '|---|---|',
    ...okta,
    ...extra,
    '',
  ];
}

/** docs/cards.md: the card reference in the form of Okta's connector pages. */
export async function generateDocs(layout: RepoLayout, loaded: readonly LoadedCard[]): Promise<Map<string, string>> {
  const pkg = JSON.parse(await readFile(path.join(layout.root, 'package.json'), 'utf8')) as { version: string };
  const connection = JSON.parse(await readFile(path.join(layout.schemasDir, 'connection.schema.json'), 'utf8')) as Parameters<typeof authorization>[0];
  const cards = [...loaded].sort((a, b) => a.card.name.localeCompare(b.card.name));
  const index = (official: boolean) => [
    '| Action | Description |',
    '|---|---|',
    ...cards.filter(({ card }) => OKTA_CARD_NAMES.includes(card.name) === official).map(({ card }) => `| [${card.name}](#${anchor(card.name)}) | ${cell(card.description)} |`),
  ];
  const text = [
    '<!-- Generated by `npm run gen:docs` from cards/. Do not edit: change the card and regenerate. -->',
    '# SmartHR connector cards',
    '',
    `Connector version ${pkg.version}. ${cards.length} cards: the ${OKTA_CARD_NAMES.length} of Okta's SmartHR connector, with its labels, and ${cards.length - OKTA_CARD_NAMES.length} more.`,
    '',
    ...authorization(connection),
    '## Action cards',
    '',
    'The cards of Okta\'s SmartHR connector:',
    '',
    ...index(true),
    '',
    'The cards this connector adds:',
    '',
    ...index(false),
    '',
    ...cards.map(({ card, file }) => cardSection(card, file)),
  ].join('\n');
  return new Map([[path.relative(layout.root, layout.docsFile).split(path.sep).join('/'), text]]);
}
