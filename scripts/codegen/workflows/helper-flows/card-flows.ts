import type { CardDefinition } from '../../../../connector/generated/schemas/card.ts';
import { flowInputs, flowName, flowOutputs, STREAM_STATE, streamOf, type FlowInput } from './card-io.ts';
import type { Flo } from './format.ts';
import { FLOW, FlowBuilder, NUMBER, OBJECT, OBJECTS, pin, TEXT, type Card, type FieldType, type Output } from './flow-builder.ts';
import { uuidFrom } from './ids.ts';

/** The ids every flow of the folder refers to. */
export interface FolderIds {
  group: string;
  connection: string;
  settingsFlow: string;
  pagesFlow: string;
}

export const SETTINGS_FLOW_NAME = 'SmartHR - Settings';
export const PAGES_FLOW_NAME = 'SmartHR - Stream Pages';

/** What the admin sets once after the import, in the Settings flow's Return card. */
export const SETTINGS: Record<'Service URL' | 'Tenant ID' | 'Account Type', string> = {
  'Service URL': 'https://CHANGE-ME.example.com',
  'Tenant ID': 'CHANGE-ME',
  'Account Type': 'Sandbox',
};

/**
 * Records per `/pages` call: one SmartHR page (its maximum is 100), so each call is one upstream
 * request, and a page of labelled records stays far below what a Workflows card handles.
 */
export const PAGE_SIZE = 100;

const PAGES_INPUTS: Record<string, FieldType> = { 'Card ID': TEXT, Options: OBJECT, Inputs: OBJECT, Flow: FLOW, State: OBJECT, Cursor: TEXT };
const PAGES_OUTPUTS: Record<string, FieldType> = { 'Records Streamed': NUMBER, 'Next Changed Since': TEXT };

/** Call Flow on the Settings flow: the service URL, Tenant ID and Account Type. */
function readSettings(b: FlowBuilder, ids: FolderIds): Card {
  const call = b.card('callFlow').set('flo', ids.settingsFlow);
  for (const key of Object.keys(SETTINGS)) call.addOutput(key, TEXT);
  return call;
}

/**
 * One API Connector Raw Request to the card service, and the answer parsed. The connection (Basic:
 * connector key and SmartHR token) is the Raw Request's; Tenant ID and Account Type are headers.
 * Anything but 200 ends the flow with Return Error, carrying the service's error envelope.
 */
function callService(b: FlowBuilder, settings: Card, path: (string | Output)[], body: Output): { cards: Card[]; answer: Output } {
  const text = b.card('stringify').take('object', body, OBJECT).label('output', 'Request Body');
  const url = b.card('concatenate').label('output', 'URL');
  // Concatenate has two texts of its own; further ones are added as "text 3", "text 4"...
  [settings.output('Service URL'), ...path].forEach((part, index) => {
    const key = index < 2 ? `string${index + 1}` : `text ${index + 1}`;
    if (index >= 2) url.addInput(key, TEXT);
    if (typeof part === 'string') url.set(key, part);
    else url.take(key, part);
  });
  const headers = b.card('construct').label('output', 'Headers');
  headers.addInput('Content-Type', TEXT, { data: 'application/json' });
  headers.addInput('Accept', TEXT, { data: 'application/json' });
  headers.addInput('X-SmartHR-Tenant-Id', TEXT, { from: settings.output('Tenant ID') });
  headers.addInput('X-SmartHR-Account-Type', TEXT, { from: settings.output('Account Type') });
  const request = b
    .card('rawRequest')
    .take('URL', url.output('output'))
    .set('Method', 'POST')
    .take('Headers', headers.output('output'))
    .take('Body', text.output('output'));
  const failed = b
    .card('returnErrorIf')
    .take('left-operand', request.output('Status Code'), NUMBER)
    .set('operator', '!=')
    .set('right-operand', 200, NUMBER)
    .take('message', request.output('Body'))
    .take('statusCode', request.output('Status Code'));
  const parse = b.card('parse').take('string', request.output('Body')).retype('output', OBJECT).label('output', 'Answer');
  return { cards: [settings, text, url, headers, request, failed, parse], answer: parse.output('output') };
}

function getField(b: FlowBuilder, from: Output, path: string, type: FieldType): Card {
  return b.card('get').take('object', from).set('path', path).retype('output', type).label('output', path);
}

interface Entry {
  path: string[];
  type: FieldType;
  from: Output;
}

/**
 * One object of the request body built with Construct cards, nested as the card's groups are.
 * Construct keeps an input left empty as null, which the service would take as a value ("clear
 * this field" on Update cards): Clear Empty (not recursive, so Object inputs reach the service as
 * given) drops the empty ones from each level that holds fields.
 */
function buildObject(b: FlowBuilder, entries: Entry[], depth: number, name: string): { cards: Card[]; output: Output } {
  const construct = b.card('construct').label('output', name);
  const cards: Card[] = [];
  const heads = [...new Set(entries.map((e) => e.path[depth] ?? ''))];
  let holdsFields = false;
  for (const head of heads) {
    const under = entries.filter((e) => e.path[depth] === head);
    const [only] = under;
    if (only && under.length === 1 && only.path.length === depth + 1) {
      construct.addInput(head, only.type, { from: only.from });
      holdsFields = true;
    } else {
      const child = buildObject(b, under, depth + 1, head);
      cards.push(...child.cards);
      construct.addInput(head, OBJECT, { from: child.output });
    }
  }
  if (!holdsFields) return { cards: [...cards, construct], output: construct.output('output') };
  const clear = b.card('clearEmpty').take('object', construct.output('output')).set('recursive', false).label('output', name);
  return { cards: [...cards, construct, clear], output: clear.output('output') };
}

/** The Helper Flow card with the flow's inputs; what each input holds, by key. */
function helperFlowStart(b: FlowBuilder, inputs: Record<string, FieldType>): { start: Card; given: Map<string, Output> } {
  const start = b.card('helperFlow');
  const given = new Map<string, Output>();
  for (const [key, type] of Object.entries(inputs)) {
    start.addInput(key, type);
    given.set(key, start.addOutput(key, type));
  }
  return { start, given };
}

function required(given: Map<string, Output>, key: string): Output {
  const output = given.get(key);
  if (!output) throw new Error(`the flow has no input "${key}"`);
  return output;
}

function returnCard(b: FlowBuilder, outputs: { key: string; type: FieldType; from: Output }[]): Card {
  const done = b.card('returnOutputs');
  for (const { key, type, from } of outputs) {
    done.addInput(key, type, { from });
    done.addOutput(key, type);
  }
  return done;
}

/**
 * "SmartHR - <card name>": the card's inputs in, `POST {service}/cards/{id}` through API
 * Connector, the card's outputs out. A card that can stream hands the stream to the Stream Pages
 * flow when its Result Set says so, and returns what the stream counted.
 */
export function cardFlow(card: CardDefinition, ids: FolderIds): Flo {
  const b = new FlowBuilder(uuidFrom(`flow:${card.id}`), `card:${card.id}`, ids.connection);
  const inputs: FlowInput[] = flowInputs(card);
  const { start, given } = helperFlowStart(b, Object.fromEntries(inputs.map((i) => [i.key, i.type])));

  const assembly: Card[] = [];
  const parts: Record<'options' | 'inputs', Output | undefined> = { options: undefined, inputs: undefined };
  for (const part of ['options', 'inputs'] as const) {
    const entries = inputs.filter((i) => i.part === part && i.sent).map((i) => ({ path: i.path, type: i.type, from: required(given, i.key) }));
    if (entries.length === 0) continue;
    const built = buildObject(b, entries, 0, part === 'options' ? 'Options' : 'Inputs');
    assembly.push(...built.cards);
    parts[part] = built.output;
  }
  const body = b.card('construct').label('output', 'Body');
  for (const [part, output] of Object.entries(parts)) if (output) body.addInput(part, OBJECT, { from: output });

  const outputs = flowOutputs(card);
  const settings = readSettings(b, ids);
  const call = callService(b, settings, [`/cards/${card.id}`], body.output('output'));
  const gets = outputs.map((o) => getField(b, call.answer, o.key, o.type));
  const answered = [...call.cards, ...gets];
  const choices = inputs.flatMap((i) => (i.choices ? [`${i.key}: ${i.choices.join(', ')}.`] : []));
  const description = [`${card.description} Runs the card through POST /cards/${card.id} of the SmartHR card service (set in ${SETTINGS_FLOW_NAME}).`, ...choices].join(' ');

  const stream = streamOf(card);
  if (!stream) {
    const done = returnCard(b, outputs.map((o, i) => ({ ...o, from: (gets[i] as Card).output('output') })));
    b.then(start, ...assembly, body, ...answered, done);
    return b.build(flowName(card), description, ids.group);
  }

  const pages = b.card('callFlow').set('flo', ids.pagesFlow);
  const flowInput = inputs.find((i) => i.type.type === 'flo');
  const stateInput = inputs.find((i) => i.key === STREAM_STATE.key);
  const pass: Record<string, Output | string | undefined> = {
    'Card ID': card.id,
    Options: parts.options,
    Inputs: parts.inputs,
    Flow: flowInput && required(given, flowInput.key),
    State: stateInput && required(given, stateInput.key),
    Cursor: undefined,
  };
  for (const [key, type] of Object.entries(PAGES_INPUTS)) {
    const value = pass[key];
    pages.addInput(key, type, typeof value === 'string' ? { data: value } : value ? { from: value } : {});
  }
  for (const [key, type] of Object.entries(PAGES_OUTPUTS)) pages.addOutput(key, type);
  const summary = b.card('construct').label('output', stream.resultGroup);
  for (const label of stream.summary) summary.addInput(label, PAGES_OUTPUTS[label] ?? TEXT, { from: pages.output(label) });

  const decision = b
    .card('ifElse')
    .take('left-operand', required(given, stream.option), TEXT)
    .set('operator', '==')
    .set('right-operand', stream.value, TEXT);
  const join = b.ifElse(decision, [pages, summary], answered);
  const joined = outputs.map((o, i) => {
    const { input, output } = join.addJoined(o.key, o.type);
    pin((gets[i] as Card).output('output'), join, input);
    if (o.key === stream.resultGroup) pin(summary.output('output'), join, input);
    return { ...o, from: output };
  });
  const done = returnCard(b, joined);
  b.then(start, ...assembly, body, decision);
  b.then(join, done);
  return b.build(flowName(card), `${description} With ${stream.option} "${stream.value}", calls Streaming > Flow with Record and State for every record, through ${PAGES_FLOW_NAME}.`, ids.group);
}

/**
 * "SmartHR - Stream Pages": one `POST {service}/cards/{id}/pages` call, the chosen flow called
 * with Record and State for each record of the page, then itself again with the Next Cursor
 * until there is none. The service counts Records Streamed over the pages and applies Record
 * Limit (both travel in the cursor), so the last page's figures are the stream's.
 */
export function pagesFlow(ids: FolderIds): Flo {
  const b = new FlowBuilder(ids.pagesFlow, 'stream-pages', ids.connection);
  const { start, given } = helperFlowStart(b, PAGES_INPUTS);
  const page = b.card('construct').label('output', 'Page Request');
  page.addInput('options', OBJECT, { from: required(given, 'Options') });
  page.addInput('inputs', OBJECT, { from: required(given, 'Inputs') });
  page.addInput('cursor', TEXT, { from: required(given, 'Cursor') });
  page.addInput('pageSize', NUMBER, { data: PAGE_SIZE });
  // The first call has no cursor: Clear Empty leaves it out, which the service reads as the first page.
  const clear = b.card('clearEmpty').take('object', page.output('output')).set('recursive', false).label('output', 'Page Request');
  const call = callService(b, readSettings(b, ids), ['/cards/', required(given, 'Card ID'), '/pages'], clear.output('output'));
  const records = getField(b, call.answer, 'Records', OBJECTS);
  const cursor = getField(b, call.answer, 'Next Cursor', TEXT);
  const each = b.card('forEach').take('list', records.output('output'), OBJECTS).take('flo', required(given, 'Flow')).set('concurrency', 1);
  each.addInput('Record', OBJECT, { proxy: { dynamic: true, path: '', dest: { key: 'Record', group: null } } });
  each.addInput('State', OBJECT, { from: required(given, 'State'), proxy: { dynamic: false, path: null, dest: { key: 'State', group: null } } });

  const decision = b.card('ifElse').take('left-operand', cursor.output('output'), TEXT).set('operator', 'is empty').set('right-operand', '', TEXT);
  const last = Object.entries(PAGES_OUTPUTS).map(([key, type]) => getField(b, call.answer, key, type));
  const next = b.card('callFlow').set('flo', ids.pagesFlow);
  for (const [key, type] of Object.entries(PAGES_INPUTS)) next.addInput(key, type, { from: key === 'Cursor' ? cursor.output('output') : required(given, key) });
  for (const [key, type] of Object.entries(PAGES_OUTPUTS)) next.addOutput(key, type);
  const join = b.ifElse(decision, last, [next]);
  const done = returnCard(
    b,
    Object.entries(PAGES_OUTPUTS).map(([key, type], i) => {
      const { input, output } = join.addJoined(key, type);
      pin((last[i] as Card).output('output'), join, input);
      pin(next.output(key), join, input);
      return { key, type, from: output };
    }),
  );
  b.then(start, page, clear, ...call.cards, records, cursor, each, decision);
  b.then(join, done);
  return b.build(PAGES_FLOW_NAME, 'Streams the pages of a SmartHR card to a helper flow. Called by the SmartHR card flows whose Result Set streams; not meant to be called directly.', ids.group);
}

/** "SmartHR - Settings": where the admin sets the service URL, Tenant ID and Account Type once. */
export function settingsFlow(ids: FolderIds): Flo {
  const b = new FlowBuilder(ids.settingsFlow, 'settings', ids.connection);
  const { start } = helperFlowStart(b, {});
  const note = b
    .card('comment')
    .note(
      'Set these once after the import',
      'Service URL: where the SmartHR card service runs (https, no trailing slash). Tenant ID: the subdomain of your SmartHR URL. Account Type: Sandbox or Production. The connector key and the SmartHR access token are not set here: they belong in the API Connector connection (Basic) chosen on the Raw Request cards.',
    );
  const done = b.card('returnOutputs');
  for (const [key, value] of Object.entries(SETTINGS)) {
    done.addInput(key, TEXT, { data: value });
    done.addOutput(key, TEXT);
  }
  b.then(start, note, done);
  return b.build(SETTINGS_FLOW_NAME, 'The SmartHR card service URL, Tenant ID and Account Type every SmartHR flow of this folder uses. Edit the values in the Return card after importing the folder.', ids.group);
}
