import type { CardDefinition } from '../../../../connector/generated/schemas/card.ts';
import { catalogue, type Catalogue } from './catalogue.ts';
import { checkCardFlows } from './check-card-flows.ts';
import { checkContent } from './check-content.ts';
import { checkFlow } from './check-flow.ts';
import { oneOf, Problems, same, sortedKeys } from './check-support.ts';
import { isObject, type Flo } from './format.ts';

/**
 * The structural checker of a Workflows folder export. Okta does not document the format; the
 * rules marked [real] are what the real exports in okta/workflows-templates obey (125 files at
 * b11231c, studied by scripts/workflows-study.ts into catalogue.json; this checker, run by that
 * script on the 48 exports of version 1.5.0, finds no breach of a [real] rule in their 199 helper
 * flows, counting only the kernel and API Connector cards the catalogue holds). Rules marked [ours] are what this
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
 *     of base64url) and no id appears twice in a flow (true of all 560 real flows).
 *  M5 [ours] An API Connector card names a connection (config) of the file of its own module, so
 *     that the admin maps one connection for all of them; a kernel card names none. (Real exports
 *     also leave it null, to be chosen after import.)
 *  M6 [ours] No id appears in two flows either (real exports repeat ids in flows copied from one
 *     another).
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
 *     flattened to "Group > Label", with their Workflows types, in order (a streaming card's flow
 *     adds Streaming > State).
 *  F3 Its one Return card returns the card's output groups, typed with their fields.
 *  F4 It calls POST <service>/cards/<card id> with a Raw Request.
 */

/** The rules marked [ours] above: what this project adds to what real exports obey. */
export const PROJECT_RULES: ReadonlySet<string> = new Set(['M2', 'M5', 'M6', 'W4', 'C1', 'C2', 'F1', 'F2', 'F3', 'F4']);

interface CheckOptions {
  /** The cards the folder must hold one flow each for (F1-F4). */
  cards?: CardDefinition[];
  /** Text that must not appear anywhere: secrets and paths of this machine (C1, C2). */
  forbidden?: string[];
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

  const seenIds = new Map<string, { flow: string; where: string }>();
  const claim = (id: string, flow: string, where: string) => {
    const before = seenIds.get(id);
    if (!before) seenIds.set(id, { flow, where });
    else if (before.flow === flow) problems.add('M4', where, `id ${id} is also used by ${before.where}`);
    else problems.add('M6', where, `id ${id} is also used in ${before.flow}`);
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

