/**
 * Learns the Workflows folder format from real exports and writes what was seen to
 * scripts/codegen/workflows/helper-flows/catalogue.json, the data the generator copies card shapes from and
 * the checker compares against. Not run by the tests: it needs a checkout of
 * okta/workflows-templates (https://github.com/okta/workflows-templates):
 *
 *   npx tsx scripts/workflows-study.ts --templates ../workflows-templates [--commit <sha>]
 *
 * It records facts (addresses, versions, key sets, id alphabets, the shape of each card the
 * generator uses), never a whole flow.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CARDS, REQUIRED_NAME, UNMARKED_BUILDER_FIELDS } from './codegen/workflows/helper-flows/addresses.ts';
import { CATALOGUE_FILE, newestVersion, type Catalogue, type CatalogueCard, type CardTemplate, type IdFacts, type TemplateField, type TemplatePort } from './codegen/workflows/helper-flows/catalogue.ts';
import { checkFolder, PROJECT_RULES } from './codegen/workflows/helper-flows/check.ts';
import { same, sortedKeys } from './codegen/workflows/helper-flows/check-support.ts';
import { isObject, type Field, type Flopack, type Json, type JsonObject, type Method, type Port } from './codegen/workflows/helper-flows/format.ts';

interface Export {
  template: string;
  pack: Flopack & { checksum?: string; data: Flopack['data'] & { projectOverview?: Json } };
}

const { values } = parseArgs({ options: { templates: { type: 'string' }, commit: { type: 'string' } } });
if (!values.templates) {
  console.error('usage: tsx scripts/workflows-study.ts --templates <checkout of okta/workflows-templates> [--commit <sha>]');
  process.exit(2);
}
const root = values.templates;
const commit = values.commit ?? gitHead(root);

function gitHead(dir: string): string {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const exportsNewestFirst: Export[] = readdirSync(path.join(root, 'workflows'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) => {
    const file = path.join(root, 'workflows', entry.name, 'workflow.flopack');
    try {
      return [{ template: entry.name, pack: JSON.parse(readFileSync(file, 'utf8')) as Export['pack'] }];
    } catch {
      return [];
    }
  })
  .sort((a, b) => b.pack.created.localeCompare(a.pack.created) || a.template.localeCompare(b.template));

/** Distinct values by their JSON text (the checker's `same`), in first-seen order. */
class Distinct<T> {
  private readonly seen: T[] = [];
  add(value: T): void {
    if (!this.seen.some((known) => same(known, value))) this.seen.push(value);
  }
  list(): T[] {
    return [...this.seen];
  }
}

class IdStats {
  private readonly chars = new Set<string>();
  private min = Infinity;
  private max = 0;
  add(id: string): void {
    for (const c of id) this.chars.add(c);
    this.min = Math.min(this.min, id.length);
    this.max = Math.max(this.max, id.length);
  }
  facts(): IdFacts {
    return { alphabet: [...this.chars].sort().join(''), minLength: this.min, maxLength: this.max };
  }
}

const isHelperFlow = (flo: { data: { display?: { isCallable?: boolean }; scheduled?: boolean } }) =>
  flo.data.display?.isCallable === true && flo.data.scheduled !== true;
const isCustom = (address: string) => (field: Field) => field.metadata?.custom === true || UNMARKED_BUILDER_FIELDS.has(address);
/**
 * The template's own content is not a fact about the format: text values and flow references are
 * blanked, and the editor's UI state (`ghost`, naming a card of that export) is dropped.
 */
const blankText = (field: Field): TemplateField => {
  const { id: _id, ...rest } = structuredClone(field);
  if ((rest.value.type === 'string' || rest.value.type === 'flo') && !rest.value.collection && typeof rest.value.data === 'string') rest.value.data = '';
  if (rest.metadata) delete rest.metadata.ghost;
  return rest;
};

function templatePort(address: string, port: Port | undefined): TemplatePort {
  const { data, ...skeleton } = port ?? { data: {} };
  const custom = isCustom(address);
  return { ...skeleton, fields: Object.values(data).filter((f) => !custom(f)).map(blankText) };
}

/** A builder-added field as a sample of its form: its own key, type, value and labels are the generator's to set. */
function customSample(field: Field): TemplateField {
  const sample = blankText(field);
  const metadata: JsonObject = { index: 0 };
  for (const [key, value] of Object.entries(field.metadata ?? {})) {
    if (!['index', 'displayname', 'description', 'path', 'srcMethodId', 'srcOutputId'].includes(key)) metadata[key] = value;
  }
  const proxy: unknown = sample.value.proxy;
  if (isObject(proxy) && isObject(proxy.dest)) proxy.dest.key = '';
  return { ...sample, key: '', value: { ...sample.value, type: 'string', collection: false, data: '' }, metadata };
}

function cardTemplate(template: string, created: string, method: Method): CardTemplate {
  const model = structuredClone(method.node.model) as unknown as JsonObject;
  const inputs = templatePort(method.address, method.node.model.inputs);
  const outputs = templatePort(method.address, method.node.model.outputs);
  model.config = null;
  if (isObject(model.display)) model.display = {};
  if (isObject(model.comments)) model.comments = { title: '', markdown: '' };
  return {
    from: template,
    created,
    name: method.node.data.name,
    model: { ...model, inputs, outputs } as CardTemplate['model'],
  };
}

const catalogue: Catalogue = {
  source: { repository: 'okta/workflows-templates', commit, exports: exportsNewestFirst.length, path: 'workflows/<template>/workflow.flopack' },
  envelope: { versions: {}, flags: [], topLevelKeys: [], dataKeys: [], floKeys: [], floDataKeys: {}, displayKeys: [], trees: [], groupKeys: [], configKeys: [] },
  ids: { card: { alphabet: '', minLength: 0, maxLength: 0 }, field: { alphabet: '', minLength: 0, maxLength: 0 }, ordering: { alphabet: '', minLength: 0, maxLength: 0 } },
  cards: {},
};

const flags = new Distinct<Record<string, boolean>>();
const topLevelKeys = new Distinct<string[]>();
const dataKeys = new Distinct<string[]>();
const floKeys = new Distinct<string[]>();
const floDataKeys = new Map<string, Distinct<string[]>>();
const displayKeys = new Distinct<string[]>();
const trees = new Distinct<JsonObject>();
const groupKeys = new Distinct<string[]>();
const configKeys = new Distinct<string[]>();
const idStats = { card: new IdStats(), field: new IdStats(), ordering: new IdStats() };
const parents = new Map<string, Distinct<Method['parents']>>();
const templates = new Map<string, Set<string>>();
const customSignatures = new Map<string, Map<string, { count: number; sample: TemplateField }>>();
const wanted = new Set<string>(Object.values(CARDS));

/** An address without its version: the card across the versions of its channel. */
const unversioned = (address: string) => address.replace(/:[0-9]+\.[0-9]+\.[0-9]+:/, ':');

/**
 * Builders rename cards ("Parse (Stringfy)", "Get Azure Access Token"): the shape kept for an
 * address comes from a card under its usual name, the one most cards of that kind carry.
 */
function usualNames(): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const { pack } of exportsNewestFirst) {
    for (const flo of Object.values(pack.data.flos)) {
      for (const method of flo.data.methods) {
        const kind = unversioned(method.address);
        const names = counts.get(kind) ?? new Map<string, number>();
        counts.set(kind, names.set(method.node.data.name, (names.get(method.node.data.name) ?? 0) + 1));
      }
    }
  }
  return new Map([...counts].map(([kind, names]) => [kind, [...names].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '']));
}
const usualName = usualNames();

for (const { template, pack } of exportsNewestFirst) {
  const version = (catalogue.envelope.versions[pack.version] ??= { exports: 0, withChecksum: 0 });
  version.exports += 1;
  if (pack.checksum) version.withChecksum += 1;
  flags.add(pack.flags);
  topLevelKeys.add(sortedKeys(pack));
  dataKeys.add(sortedKeys(pack.data));
  for (const group of Object.values(pack.data.groups)) groupKeys.add([...sortedKeys(group), ...sortedKeys(group.data).map((k) => `data.${k}`)]);
  for (const config of Object.values(pack.data.configs)) configKeys.add(sortedKeys(config));
  for (const flo of Object.values(pack.data.flos)) {
    floKeys.add(sortedKeys(flo));
    if (isHelperFlow(flo)) {
      const byVersion = floDataKeys.get(pack.version) ?? new Distinct<string[]>();
      floDataKeys.set(pack.version, byVersion);
      byVersion.add(sortedKeys(flo.data));
      displayKeys.add(sortedKeys(flo.data.display));
      trees.add(flo.data.tree);
    }
    for (const key of Object.keys(flo.data.orderings ?? {})) idStats.ordering.add(key);
    for (const method of flo.data.methods) {
      idStats.card.add(method.uuid);
      for (const port of [method.node.model.inputs, method.node.model.outputs]) {
        for (const id of Object.keys(port?.data ?? {})) idStats.field.add(id);
      }
      const address = method.address;
      if (!address.startsWith('root:kernel:') && !address.startsWith('root:channels:http:httpfunctions:')) continue;
      const seenIn = templates.get(address) ?? new Set<string>();
      templates.set(address, seenIn.add(template));
      const distinctParents = parents.get(address) ?? new Distinct<Method['parents']>();
      parents.set(address, distinctParents);
      distinctParents.add(method.parents);
      const entry = (catalogue.cards[address] ??= cardEntry(address));
      entry.count += 1;
      if (!wanted.has(address)) continue;
      const name = REQUIRED_NAME[address] ?? usualName.get(unversioned(address));
      if (!entry.template && method.node.data.name === name) entry.template = cardTemplate(template, pack.created, method);
      for (const [part, port] of [['inputs', method.node.model.inputs], ['outputs', method.node.model.outputs]] as const) {
        for (const field of Object.values(port?.data ?? {}).filter(isCustom(address))) {
          const signatures = customSignatures.get(`${address} ${part}`) ?? new Map<string, { count: number; sample: TemplateField }>();
          customSignatures.set(`${address} ${part}`, signatures);
          const signature = JSON.stringify([Object.keys(field), Object.keys(field.value), sortedKeys(field.metadata ?? {})]);
          const seen = signatures.get(signature) ?? { count: 0, sample: customSample(field) };
          signatures.set(signature, { ...seen, count: seen.count + 1 });
        }
      }
    }
  }
}

function cardEntry(address: string): CatalogueCard {
  const parts = address.split(':');
  const kernel = parts[1] === 'kernel';
  return { channel: parts[kernel ? 2 : 3] ?? '', version: parts[kernel ? 3 : 4] ?? '', kernel, count: 0, templates: [], parents: [] };
}

for (const [address, entry] of Object.entries(catalogue.cards)) {
  entry.templates = [...(templates.get(address) ?? [])].sort();
  entry.parents = parents.get(address)?.list() ?? [];
  if (!entry.template) continue;
  for (const part of ['inputs', 'outputs'] as const) {
    const signatures = [...(customSignatures.get(`${address} ${part}`)?.values() ?? [])];
    const mostCommon = signatures.sort((a, b) => b.count - a.count)[0];
    if (mostCommon) entry.template[part === 'inputs' ? 'customInput' : 'customOutput'] = mostCommon.sample;
  }
}
const missing = [...wanted].filter((address) => !catalogue.cards[address]?.template);
if (missing.length > 0) {
  console.error(`workflows-study: no real card found for ${missing.join(', ')}`);
  process.exit(1);
}

catalogue.envelope.flags = flags.list();
catalogue.envelope.topLevelKeys = topLevelKeys.list();
catalogue.envelope.dataKeys = dataKeys.list();
catalogue.envelope.floKeys = floKeys.list();
catalogue.envelope.floDataKeys = Object.fromEntries([...floDataKeys].map(([version, keys]) => [version, keys.list()]));
catalogue.envelope.displayKeys = displayKeys.list();
catalogue.envelope.trees = trees.list();
catalogue.envelope.groupKeys = groupKeys.list();
catalogue.envelope.configKeys = configKeys.list();
catalogue.ids = { card: idStats.card.facts(), field: idStats.field.facts(), ordering: idStats.ordering.facts() };
catalogue.cards = Object.fromEntries(Object.entries(catalogue.cards).sort(([a], [b]) => a.localeCompare(b)));

writeFileSync(CATALOGUE_FILE, `${JSON.stringify(catalogue, null, 2)}\n`);
console.log(`workflows-study: ${exportsNewestFirst.length} exports at ${commit}, ${Object.keys(catalogue.cards).length} card addresses, written to ${path.relative(process.cwd(), CATALOGUE_FILE.pathname)}`);

/**
 * The checker's format rules held against the real helper flows they were learned from (cards of
 * connectors other than API Connector are not catalogued, so their addresses are not counted).
 */
const newest = newestVersion(catalogue);
let helperFlows = 0;
const breaches: string[] = [];
for (const { template, pack } of exportsNewestFirst.filter((e) => e.pack.version === newest)) {
  const helpers = Object.values(pack.data.flos).filter((flo) => isHelperFlow(flo) && flo.data.display.eventConnecterName === 'Helper Flow').map((flo) => `flow "${flo.name}"`);
  helperFlows += helpers.length;
  for (const problem of checkFolder(JSON.stringify(pack))) {
    const rule = problem.split(' ')[0] ?? '';
    const uncatalogued = rule === 'M1' && !/\((root:kernel:|root:channels:http:httpfunctions:)/.test(problem);
    if (PROJECT_RULES.has(rule) || uncatalogued || !helpers.some((flow) => problem.startsWith(`${rule} ${flow}`))) continue;
    breaches.push(`${template}: ${problem}`);
  }
}
console.log(`workflows-study: the checker's format rules on the ${helperFlows} helper flows of the ${newest} exports: ${breaches.length} breaches`);
for (const breach of breaches.slice(0, 20)) console.log(`  ${breach}`);
