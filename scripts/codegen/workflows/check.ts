import type { CardDefinition } from '../../../connector/generated/schemas/card.ts';
import { flowInputs, flowName, flowOutputs } from './card-io.ts';
import { CARDS } from './addresses.ts';
import { catalogue, type Catalogue, type IdFacts } from './catalogue.ts';
import { PAGES_FLOW_NAME, SETTINGS_FLOW_NAME } from './card-flows.ts';
import { isObject, type Field, type Flo, type Json, type Method, type Port } from './format.ts';

/**
 * The structural checker of a Workflows folder export. Okta does not document the format; the
 * rules marked [real] are what the real exports in okta/workflows-templates obey (125 files at
 * b11231c, studied by scripts/workflows-study.ts into catalogue.json; this checker, run on the 48
 * exports of version 1.5.0, finds no breach of a [real] rule in their 199 helper flows, counting
 * only the kernel and API Connector cards the catalogue holds). Rules marked [ours] are what this
 * project promises on top: real exports do not always keep them.
 *
 * Envelope
 *  E1 [real] The file is one JSON object with the top-level keys of a real export (type, version,
 *     created, flags, data; `checksum` appears only up to version 1.4.0 and is not written).
 *  E2 [real] `type` is "flopack"; `version` is one seen (1.5.0 is the newest, and no 1.5.0 export
 *     carries a checksum); `flags` are the four flags every export carries.
 *  E3 [real] `data` holds flos, configs, tables and groups (maps keyed by id). A group (folder) is
 *     {id, data:{name, description, media_uri, path}}, path "" or a parent group id. A config (a
 *     connection) is {id, name, module, data:null}: exports never carry credentials.
 *  E4 [real] A flow is {id, name, description, data}; id = its key = data.uuid; data has the key
 *     set of real helper flows of that version; data.group names a group of the file;
 *     data.methods is the list of cards, data.orderings the order they run in.
 * Cards ("methods")
 *  M1 [real] A card's address is root:kernel:<module>:0.0.1:<function> or
 *     root:channels:http:<channel>:<version>:<function>, one seen in real exports (the catalogue
 *     holds every kernel and API Connector address), with `parents` (channel and version, with
 *     their platform ids) exactly as seen with it; node.key and model.key are its last part.
 *  M2 [ours] A card this project generates is a copy of a real card of its address: the same model
 *     attributes (timeout, async, error policy...), port skeletons (extensible, rules, groupRules)
 *     and own fields (URL, Method, Query, Headers, Body on Raw Request...). Real cards vary a
 *     little (an error policy with retries, say); the generator copies one real card exactly.
 *  M3 [real] Every field sits in its port's `data` under its own id, has a key, and a stored type
 *     (string, number, boolean, Date, object, flo, file, or an object type listing its keys).
 *  M4 [real] Card, field and ordering ids use the alphabet and lengths of real ids (8-12 characters
 *     of base64url) and no id appears twice in a flow (true of all 560 real flows). [ours] No id
 *     appears twice in the file either (real exports repeat ids in flows copied from one another).
 *  M5 [ours] An API Connector card names a connection (config) of the file of its own module, so
 *     that the admin maps one connection for all of them; a kernel card names none. (Real exports
 *     also leave it null, to be chosen after import.)
 * Wiring
 *  W1 [real] `pins` (output id -> target card uuid -> [{input, transform}]) start at an output of
 *     the card holding them and end at an input of a card of the same flow.
 *  W2 [real] `orderings` (id -> [from uuid, to uuid]) name cards of the same flow only. A pack whose
 *     orderings named another flow's cards is reported to fail import with "flo.id is not a
 *     function" (workflows-integration.md section 2.5).
 *  W3 [real] An If/Else names in `branches` two Noop cards of its flow, one true and one false, each
 *     starting its branch; a Join's `joins` map its own inputs to its own outputs (real joins also
 *     keep stale keys with no link, which are ignored).
 *  W4 [ours] A Flow-typed input of a card names a flow of the file or is pinned: the folder is
 *     self-contained (real exports may name flows of other folders).
 *  W5 [real] A helper flow has exactly one event card (Helper Flow) and every card is reached from
 *     it through orderings and branches.
 * Content [ours]
 *  C1 No credential: no Authorization or X-Connector-Key field, no "Bearer" or "Basic user:password"
 *     credential, no value under a key naming a password, secret, token or API key, and none of
 *     the caller's known secrets (the tests pass the test tokens).
 *  C2 No machine path: no home, temp or work directory, drive path or file: URL, and none of the
 *     caller's paths (the tests pass the repository root and the home directory).
 * Card flows [ours] (when the cards are given)
 *  F1 One flow per card, named "SmartHR - <card name>"; the only other flows are SmartHR - Settings
 *     and SmartHR - Stream Pages.
 *  F2 A card flow's inputs (the Helper Flow card's own fields) are the card's options and inputs,
 *     flattened to "Group > Label", with their Workflows types, in order (a streaming card adds
 *     Streaming > Flow when it has none, and Streaming > State).
 *  F3 Its one Return card returns the card's output groups, typed with their fields.
 *  F4 It calls POST <service>/cards/<card id> with a Raw Request.
 */

export interface CheckOptions {
  /** The cards the folder must hold one flow each for (F1-F4). */
  cards?: CardDefinition[];
  /** Text that must not appear anywhere: secrets and paths of this machine (C1, C2). */
  forbidden?: string[];
}

const SCALAR_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'object', 'flo', 'file']);
const CREDENTIAL_KEY = /pass(word|wd)?|secret|token|api[-_ ]?key|private[-_ ]?key|client[-_ ]?secret/i;
const CREDENTIAL_FIELD = /^(authorization|x-connector-key|proxy-authorization|cookie)$/i;
const CREDENTIAL_FIELD_HINT = /authorization|x-connector-key|cookie/i;
const BEARER = /\bBearer\s+\S/;
const BASIC = /\bBasic\s+([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])/g;

/** "Bearer <anything>", or "Basic <base64 of user:password>" (not "Basic Information"). */
function holdsCredential(text: string): boolean {
  if (!text.includes('Bearer') && !text.includes('Basic')) return false;
  if (BEARER.test(text)) return true;
  return [...text.matchAll(BASIC)].some(([, encoded]) => /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(Buffer.from(encoded ?? '', 'base64').toString('latin1')));
}
const MACHINE_PATH = /(^|[\s"'(=:])(\/home\/|\/Users\/|\/root\/|\/tmp\/|\/var\/folders\/|\/work\/|[A-Za-z]:\\)|file:\/\//;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedKeys = (value: object) => Object.keys(value).sort();
const oneOf = (keys: string[], seen: string[][]) => seen.some((s) => same(s, keys));
const ownFields = (port: Port | undefined): Field[] => Object.values(port?.data ?? {});

function validType(type: unknown): boolean {
  if (typeof type === 'string') return SCALAR_TYPES.has(type);
  return isObject(type) && Object.values(type).every((t) => isObject(t) && validType(t.type) && typeof t.collection === 'boolean');
}

function idLooksReal(id: string, facts: IdFacts): boolean {
  return id.length >= facts.minLength && id.length <= facts.maxLength && [...id].every((c) => facts.alphabet.includes(c));
}

class Problems {
  readonly list: string[] = [];
  add(rule: string, where: string, message: string): void {
    this.list.push(`${rule} ${where}: ${message}`);
  }
}

function checkEnvelope(pack: Record<string, unknown>, facts: Catalogue, problems: Problems): boolean {
  if (!oneOf(sortedKeys(pack), facts.envelope.topLevelKeys)) problems.add('E1', 'file', `top-level keys ${sortedKeys(pack).join(', ')} are not those of a real export`);
  if (pack.type !== 'flopack') problems.add('E2', 'file', `type is ${JSON.stringify(pack.type)}, not "flopack"`);
  if (typeof pack.version !== 'string' || !facts.envelope.versions[pack.version]) problems.add('E2', 'file', `version ${JSON.stringify(pack.version)} was never seen`);
  if (!facts.envelope.flags.some((flags) => same(flags, pack.flags))) problems.add('E2', 'file', 'flags differ from those every export carries');
  const data = pack.data;
  if (!isObject(data)) {
    problems.add('E3', 'file', 'data is not an object');
    return false;
  }
  if (!oneOf(sortedKeys(data), facts.envelope.dataKeys)) problems.add('E3', 'file', `data keys ${sortedKeys(data).join(', ')} are not those of a real export`);
  for (const part of ['flos', 'configs', 'tables', 'groups']) {
    if (!isObject(data[part])) problems.add('E3', 'file', `data.${part} is not a map`);
  }
  return isObject(data.flos) && isObject(data.configs) && isObject(data.groups);
}

export function checkFolder(text: string, options: CheckOptions = {}): string[] {
  const facts = catalogue();
  const problems = new Problems();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return [`E1 file: not JSON (${(error as Error).message})`];
  }
  if (!isObject(parsed)) return ['E1 file: not a JSON object'];
  if (!checkEnvelope(parsed, facts, problems)) return problems.list;
  const data = parsed.data as { flos: Record<string, unknown>; configs: Record<string, unknown>; groups: Record<string, unknown> };
  const version = String(parsed.version);

  for (const [id, group] of Object.entries(data.groups)) {
    const keys = isObject(group) && isObject(group.data) ? [...sortedKeys(group), ...sortedKeys(group.data).map((k) => `data.${k}`)] : [];
    if (!isObject(group) || !oneOf(keys, facts.envelope.groupKeys) || group.id !== id) problems.add('E3', `group ${id}`, 'not {id, data:{name, description, media_uri, path}} under its id');
    else if (isObject(group.data) && group.data.path !== '' && !(String(group.data.path) in data.groups)) problems.add('E3', `group ${id}`, 'path names no group of the file');
  }
  for (const [id, config] of Object.entries(data.configs)) {
    if (!isObject(config) || !oneOf(sortedKeys(config), facts.envelope.configKeys) || config.id !== id) problems.add('E3', `config ${id}`, 'not {id, name, module, data} under its id');
    else if (config.data !== null) problems.add('E3', `config ${id}`, 'carries connection data; exports never do');
  }

  const seenIds = new Map<string, string>();
  const claim = (id: string, where: string) => {
    const before = seenIds.get(id);
    if (before) problems.add('M4', where, `id ${id} is also used by ${before}`);
    else seenIds.set(id, where);
  };
  const flowIds = new Set(Object.keys(data.flos));
  const flows: Flo[] = [];
  for (const [id, raw] of Object.entries(data.flos)) {
    const where = `flow ${id}`;
    if (!isObject(raw) || !oneOf(sortedKeys(raw), facts.envelope.floKeys) || !isObject(raw.data)) {
      problems.add('E4', where, 'not {id, name, description, data}');
      continue;
    }
    const flow = raw as unknown as Flo;
    const named = `flow "${flow.name}"`;
    if (flow.id !== id || flow.data.uuid !== id) problems.add('E4', named, 'id, key and data.uuid differ');
    const realKeys = facts.envelope.floDataKeys[version];
    if (realKeys && !oneOf(sortedKeys(flow.data), realKeys)) problems.add('E4', named, `data keys are not those of a real ${version} helper flow`);
    if (!isObject(flow.data.display) || !oneOf(sortedKeys(flow.data.display), facts.envelope.displayKeys)) problems.add('E4', named, 'display keys are not those of a real helper flow');
    if (!(flow.data.group in data.groups)) problems.add('E4', named, 'group names no group of the file');
    if (!Array.isArray(flow.data.methods) || !isObject(flow.data.orderings)) {
      problems.add('E4', named, 'methods or orderings missing');
      continue;
    }
    flows.push(flow);
    checkFlow(flow, named, { facts, problems, claim, flowIds, configs: data.configs });
  }
  checkContent(text, parsed, options.forbidden ?? [], problems);
  if (options.cards) checkCardFlows(flows, options.cards, problems);
  return problems.list;
}

interface FlowContext {
  facts: Catalogue;
  problems: Problems;
  claim: (id: string, where: string) => void;
  flowIds: Set<string>;
  configs: Record<string, unknown>;
}

function checkFlow(flow: Flo, named: string, context: FlowContext): void {
  const { facts, problems, claim } = context;
  const byUuid = new Map<string, Method>();
  for (const method of flow.data.methods) {
    if (!isObject(method) || typeof method.uuid !== 'string' || typeof method.address !== 'string') {
      problems.add('M1', named, 'a card without uuid or address');
      continue;
    }
    claim(method.uuid, `${named} card ${method.uuid}`);
    if (!idLooksReal(method.uuid, facts.ids.card)) problems.add('M4', `${named} card ${method.uuid}`, 'card id unlike real ones');
    byUuid.set(method.uuid, method);
    checkMethod(method, `${named} card ${method.uuid} (${method.address})`, context);
  }
  const inputIds = new Map([...byUuid].map(([uuid, method]) => [uuid, new Set(Object.keys(method.node.model.inputs?.data ?? {}))]));
  const inputsOf = (uuid: string) => inputIds.get(uuid) ?? new Set<string>();
  const pinnedInputs = new Set<string>();
  for (const method of byUuid.values()) {
    const where = `${named} card ${method.uuid}`;
    const outputs = new Set(Object.keys(method.node.model.outputs?.data ?? {}));
    for (const [output, targets] of Object.entries(method.pins ?? {})) {
      if (!outputs.has(output)) problems.add('W1', where, `pins from ${output}, which is not one of its outputs`);
      for (const [target, links] of Object.entries(targets)) {
        if (!byUuid.has(target)) problems.add('W1', where, `pins into card ${target}, which is not in this flow`);
        for (const link of links) {
          if (!inputsOf(target).has(link.input)) problems.add('W1', where, `pins into ${link.input}, which is not an input of card ${target}`);
          pinnedInputs.add(link.input);
        }
      }
    }
    const branchEntries = Object.entries(method.branches ?? {});
    for (const [branch, value] of branchEntries) {
      if (byUuid.get(branch)?.address !== CARDS.branchStart || typeof value !== 'boolean') problems.add('W3', where, `branch ${branch} is not a Noop card of this flow`);
    }
    if (method.address === CARDS.ifElse && !same(branchEntries.map(([, v]) => v).sort(), [false, true])) problems.add('W3', where, 'an If/Else needs one true and one false branch');
    for (const [input, links] of Object.entries(method.joins ?? {}).filter(([, l]) => l.length > 0)) {
      if (!inputsOf(method.uuid).has(input)) problems.add('W3', where, `joins ${input}, which is not one of its inputs`);
      for (const link of links) if (!outputs.has(link.output)) problems.add('W3', where, `joins into ${link.output}, which is not one of its outputs`);
    }
  }
  // The Helper Flow card's inputs are the flow's parameters: the caller fills them.
  for (const method of [...byUuid.values()].filter((m) => m.address !== CARDS.helperFlow)) {
    for (const field of ownFields(method.node.model.inputs)) {
      if (field.value?.type !== 'flo' || pinnedInputs.has(field.id)) continue;
      if (!context.flowIds.has(String(field.value.data))) problems.add('W4', `${named} card ${method.uuid}`, `Flow input "${field.key}" names no flow of the file and is not pinned`);
    }
  }
  const next = new Map<string, string[]>();
  for (const [id, pair] of Object.entries(flow.data.orderings)) {
    claim(id, `${named} ordering ${id}`);
    if (!idLooksReal(id, facts.ids.ordering)) problems.add('M4', `${named} ordering ${id}`, 'ordering id unlike real ones');
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((uuid) => byUuid.has(uuid))) {
      problems.add('W2', `${named} ordering ${id}`, `orders ${JSON.stringify(pair)}: not two cards of this flow`);
      continue;
    }
    next.set(pair[0], [...(next.get(pair[0]) ?? []), pair[1]]);
  }
  for (const method of byUuid.values()) next.set(method.uuid, [...(next.get(method.uuid) ?? []), ...Object.keys(method.branches ?? {})]);
  const events = [...byUuid.values()].filter((m) => m.address === CARDS.helperFlow);
  if (events.length !== 1 || !events[0]) {
    problems.add('W5', named, `has ${events.length} event cards, not one Helper Flow`);
    return;
  }
  const reached = new Set<string>();
  const queue = [events[0].uuid];
  for (let uuid = queue.shift(); uuid !== undefined; uuid = queue.shift()) {
    if (reached.has(uuid)) continue;
    reached.add(uuid);
    queue.push(...(next.get(uuid) ?? []));
  }
  for (const uuid of byUuid.keys()) if (!reached.has(uuid)) problems.add('W5', named, `card ${uuid} is not reached from the Helper Flow card`);
}

function checkMethod(method: Method, where: string, context: FlowContext): void {
  const { facts, problems, claim } = context;
  const known = facts.cards[method.address];
  if (!known) {
    problems.add('M1', where, 'address never seen in a real export');
    return;
  }
  if (!known.parents.some((parents) => same(parents, method.parents))) problems.add('M1', where, 'parents (channel, version) differ from every real card of this address');
  const model = method.node?.model;
  const key = method.address.split(':').at(-1);
  if (!model || method.node.key !== key || model.key !== key) {
    problems.add('M1', where, `node key is not "${key}"`);
    return;
  }
  for (const [part, port] of [['inputs', model.inputs], ['outputs', model.outputs]] as const) {
    for (const [id, field] of Object.entries(port?.data ?? {})) {
      claim(id, `${where} ${part}`);
      if (!idLooksReal(id, facts.ids.field)) problems.add('M4', where, `field id ${id} unlike real ones`);
      if (!isObject(field) || field.id !== id || typeof field.key !== 'string' || !isObject(field.value) || !validType(field.value.type) || typeof field.value.collection !== 'boolean') {
        problems.add('M3', where, `${part} field ${id} is not {id, key, value:{type, collection}} under its id`);
      }
    }
  }
  const connection = context.configs[String(model.config)];
  const connected = known.kernel ? model.config === null : isObject(connection) && connection.module === known.channel;
  if (!connected) problems.add('M5', where, known.kernel ? 'a kernel card names a connection' : `names no ${known.channel} connection of the file`);
  const template = known.template;
  if (!template) return;
  const { inputs, outputs, ...attributes } = template.model;
  for (const [name, value] of Object.entries(attributes)) {
    if (['config', 'metadata', 'display', 'comments'].includes(name)) continue;
    if (!same(model[name], value)) problems.add('M2', where, `${name} differs from the real card's`);
  }
  if (!same(model.metadata?.description, (template.model.metadata as { description?: Json } | undefined)?.description)) problems.add('M2', where, "metadata differs from the real card's");
  for (const [part, real] of [['inputs', inputs], ['outputs', outputs]] as const) {
    const port = model[part];
    const { fields, ...skeleton } = real;
    for (const [name, value] of Object.entries(skeleton)) if (!same(port?.[name as keyof Port], value)) problems.add('M2', where, `${part}.${name} differs from the real card's`);
    for (const own of fields) {
      if (!ownFields(port).some((f) => f.key === own.key && f.group === own.group)) problems.add('M2', where, `${part} lack the card's own field "${own.key}"`);
    }
  }
}

/**
 * Whatever C1 or C2 objects to appears in the file's text as it would in a value, so the file is
 * walked (to say where) only when its text shows one.
 */
function worthWalking(text: string, forbidden: string[]): boolean {
  const hints = [CREDENTIAL_KEY, CREDENTIAL_FIELD_HINT, MACHINE_PATH];
  return holdsCredential(text) || hints.some((hint) => hint.test(text)) || forbidden.some((f) => f && text.includes(JSON.stringify(f).slice(1, -1)));
}

function checkContent(text: string, pack: unknown, forbidden: string[], problems: Problems): void {
  if (!worthWalking(text, forbidden)) return;
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (holdsCredential(value)) problems.add('C1', path, 'holds a credential');
      if (MACHINE_PATH.test(value)) problems.add('C2', path, 'holds a machine path');
      for (const text of forbidden) if (text && value.includes(text)) problems.add('C1', path, 'holds text that must never be written (a secret or a path of this machine)');
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.key === 'string' && isObject(value.value)) {
      if (CREDENTIAL_FIELD.test(value.key)) problems.add('C1', path, `a "${value.key}" field: credentials belong in the connection`);
      else if (CREDENTIAL_KEY.test(value.key) && value.value.data !== '' && value.value.data !== null && value.value.data !== undefined) problems.add('C1', path, `"${value.key}" holds a value`);
    }
    for (const [key, child] of Object.entries(value)) {
      if (CREDENTIAL_KEY.test(key) && typeof child === 'string' && child !== '') problems.add('C1', `${path}.${key}`, 'holds a value');
      visit(key, `${path} key`);
      visit(child, `${path}.${key}`);
    }
  };
  visit(pack, '$');
}

const customFields = (port: Port | undefined) => ownFields(port).filter((f) => f.metadata?.custom === true);
const typeOf = (field: { value: { type: unknown; collection: unknown } }) => JSON.stringify({ type: field.value.type, collection: field.value.collection });

function checkCardFlows(flows: Flo[], cards: CardDefinition[], problems: Problems): void {
  const byName = new Map<string, Flo[]>();
  for (const flow of flows) byName.set(flow.name, [...(byName.get(flow.name) ?? []), flow]);
  const expected = new Set([...cards.map(flowName), SETTINGS_FLOW_NAME, PAGES_FLOW_NAME]);
  for (const name of byName.keys()) if (!expected.has(name)) problems.add('F1', `flow "${name}"`, 'matches no card');
  for (const card of cards) {
    const name = flowName(card);
    const found = byName.get(name) ?? [];
    if (found.length !== 1 || !found[0]) {
      problems.add('F1', `card ${card.id}`, `${found.length} flows named "${name}", not one`);
      continue;
    }
    const methods = found[0].data.methods;
    const where = `flow "${name}"`;
    const start = methods.find((m) => m.address === CARDS.helperFlow);
    const inputs = customFields(start?.node.model.inputs).map((f) => `${f.key}: ${typeOf(f)}`);
    const wanted = flowInputs(card).map((i) => `${i.key}: ${JSON.stringify(i.type)}`);
    if (!same(inputs, wanted)) problems.add('F2', where, `inputs ${JSON.stringify(inputs)} are not the card's ${JSON.stringify(wanted)}`);
    const returns = methods.filter((m) => m.address === CARDS.returnOutputs);
    const outputs = returns.length === 1 ? customFields(returns[0]?.node.model.inputs).map((f) => `${f.key}: ${typeOf(f)}`) : [];
    const outputsWanted = flowOutputs(card).map((o) => `${o.key}: ${JSON.stringify(o.type)}`);
    if (returns.length !== 1 || !same(outputs, outputsWanted)) problems.add('F3', where, `returns ${JSON.stringify(outputs)}, not the card's outputs ${JSON.stringify(outputsWanted)}`);
    const path = `/cards/${card.id}`;
    const callsCard = methods.some((m) => m.address === CARDS.concatenate && ownFields(m.node.model.inputs).some((f) => f.value.data === path));
    const posts = methods.some((m) => m.address === CARDS.rawRequest && ownFields(m.node.model.inputs).some((f) => f.key === 'Method' && f.value.data === 'POST'));
    if (!callsCard || !posts) problems.add('F4', where, `does not POST to <service>${path} with a Raw Request`);
  }
}
