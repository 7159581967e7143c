import type { CardDefinition, Field } from '../../../connector/generated/schemas/card.ts';
import { PAGE_SIZE, streamingResultSets, streamSummaryFields } from '../../../connector/openapi/card-schemas.ts';
import { choices, contents, groupedRows, optionRows, typeText, builderType, type FieldRow } from './fields.ts';
import { headingLink } from './connector-builder-page.ts';
import { permissionText } from './facts.ts';
import { GENERATED_BANNER, anchor, cell, code, slug } from './markdown.ts';

function valuesAndDefault(field: Field): string {
  const parts: string[] = [];
  const values = choices(field);
  if (values.length > 0) parts.push(`Values: ${values.map(code).join(', ')}`);
  if (field.default !== undefined && field.default !== null) parts.push(`Default: ${code(typeof field.default === 'string' ? field.default : JSON.stringify(field.default))}`);
  return parts.join('. ');
}

const yes = (flag: boolean) => (flag ? 'Yes' : 'No');

function optionsTable(card: CardDefinition): string {
  const rows = optionRows(card.options);
  if (rows.length === 0) return '**Options**: none (the Options dialog stays empty).\n';
  return [
    '**Options** (the group is always named `Options`; Data Type Text)',
    '',
    '| Label | Field Type | Required | Values / default | Definition |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.label)} | ${builderType(r.field).fieldType} | ${yes(r.required)} | ${cell(valuesAndDefault(r.field))} | ${cell(r.field.description ?? '')} |`),
    '',
  ].join('\n');
}

function inputsTable(card: CardDefinition, rows: FieldRow[]): string {
  if (rows.length === 0) return '**Inputs**: none.\n';
  return [
    '**Inputs**',
    '',
    '| Group | Label | Data Type | Field Type | Required | Values / default | Definition |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => {
      const inside = contents(r.field);
      const definition = [r.field.description ?? '', inside ? `Keys: ${inside}.` : ''].filter(Boolean).join('. ');
      return `| ${cell(r.group ?? '')} | ${cell(r.label)} | ${typeText(r.field)} | ${builderType(r.field).fieldType} | ${yes(r.required)} | ${cell(valuesAndDefault(r.field))} | ${cell(definition)} |`;
    }),
    '',
  ].join('\n');
}

function outputsTable(card: CardDefinition): string {
  const rows = groupedRows(card.outputs);
  return [
    '**Outputs** (on the Return Outputs card; each value is an Object Get of the parsed answer `body` at the path shown)',
    '',
    '| Group | Label | Data Type | Path in the answer | Keys inside |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${cell(r.group ?? '')} | ${cell(r.label)} | ${typeText(r.field)} | ${code(r.path)} | ${cell(contents(r.field))} |`),
    '',
  ].join('\n');
}

function streamingSection(card: CardDefinition, inputRows: FieldRow[]): string | undefined {
  const pagination = card.pagination;
  const streams = streamingResultSets(card);
  if (!pagination || streams.length === 0) return undefined;
  const [stream] = streams;
  const flowInput = inputRows.find((r) => String(r.field.workflowsType) === 'Flow');
  const limit = pagination.recordLimitInput?.replace('.', ' > ');
  const summary = streamSummaryFields(card).map(([label]) => label);
  const extras = summary.filter((label) => label !== 'Records Streamed');
  const example = card.examples[0];
  const pageBody = { options: { ...example?.options, [pagination.resultSetOption]: stream }, inputs: example?.inputs ?? {}, cursor: null, pageSize: PAGE_SIZE.default };
  return [
    '**Streaming**',
    '',
    `With ${code(pagination.resultSetOption)} = ${streams.map(code).join(' or ')}, the action flow does not call \`POST /cards/${card.id}\` once: it runs [the streaming loop](${headingLink('streaming', '../connector-builder.md')}) over \`POST /cards/${card.id}/pages\` and calls the flow builder's helper flow once per record.`,
    '',
    `- Flow: ${flowInput ? `the input ${code(`${flowInput.group} > ${flowInput.label}`)}` : 'add an input `Flow` to the `Streaming` group, Data Type Flow (the helper flow to call), required'}; it receives ${code('Record')} (one of ${code(`${pagination.resultGroup}.${pagination.recordsOutput}`)} above) and ${code('State')}.`,
    `- Record Limit: ${limit ? `the input ${code(limit)}; the service applies it across pages (empty streams every record, 0 none)` : 'none'}.`,
    `- Each page body (pageSize up to ${PAGE_SIZE.maximum}):`,
    '',
    '```json',
    JSON.stringify(pageBody, null, 2),
    '```',
    '',
    `- Each answer: ${code('Records')} (this page's records), ${code('Records Streamed')} (records so far, this page included), ${code('Next Cursor')} (send it as ${code('cursor')}; null after the last page)${extras.map((label) => `, ${code(label)}`).join('')}.`,
    `- Outputs when streaming: ${[...summary.map((label) => `${code(`${pagination.resultGroup}.${label}`)} = the ${code(label)} of the last page`), `${code(`${pagination.resultGroup}.${pagination.recordsOutput}`)} stays empty`].join('; ')}.`,
    '',
  ].join('\n');
}

function apiConnectorSection(card: CardDefinition): string {
  const example = card.examples[0];
  return [
    '**API Connector (no Connector Builder)**: a Raw Request card with the Basic connection of [the API Connector route](../api-connector.md):',
    '',
    `- Method ${code('POST')}, URL ${code(`https://<service host>/cards/${card.id}`)}, Headers ${code('{"Content-Type": "application/json", "X-SmartHR-Account-Type": "sandbox", "X-SmartHR-Tenant-Id": "<tenant>"}')}.`,
    `- Body: the JSON text below${example ? ` (example "${example.title}")` : ''}; then **JSON Parse** the Response Body and read the outputs at the paths above.`,
    '',
    '```json',
    JSON.stringify({ options: example?.options ?? {}, inputs: example?.inputs ?? {} }, null, 2),
    '```',
    '',
  ].join('\n');
}

function cardSection(card: CardDefinition): string {
  const inputRows = groupedRows(card.inputs);
  return [
    `## ${card.name}`,
    '',
    card.description,
    '',
    `- Action flow: name it ${code(card.name)}; description: the sentence above.`,
    `- Call: **Call Flow** httpHelper with relative_url ${code(`/cards/${card.id}`)}, request_method ${code('POST')}, body ${code('{"options": {...}, "inputs": {...}}')} keyed by the labels below (OpenAPI operation ${code(card.id)}).`,
    `- SmartHR token permission: ${permissionText(card)}.`,
    '',
    optionsTable(card),
    inputsTable(card, inputRows),
    outputsTable(card),
    streamingSection(card, inputRows),
    apiConnectorSection(card),
  ]
    .filter((part) => part !== undefined)
    .join('\n');
}

/** One guide page per SmartHR resource, one section per card. */
export function resourcePage(title: string, cards: CardDefinition[]): { file: string; text: string } {
  const text = [
    GENERATED_BANNER,
    `# ${title}: cards for Connector Builder`,
    '',
    `Back to [the guide](../README.md). Build each card as an action flow following [the recipe](${headingLink('action', '../connector-builder.md')}); the tables say what to add in the Options, Inputs and Outputs dialogs.`,
    '',
    ...cards.map((card) => `- [${card.name}](#${anchor(card.name)})`),
    '',
    ...cards.map(cardSection),
  ].join('\n');
  return { file: `cards/${slug(title)}.md`, text };
}
