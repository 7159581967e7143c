import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import type { CardDefinition } from '../../connector/generated/schemas/card.ts';
import { REPO_ROOT, repoLayout } from '../../scripts/codegen/paths.ts';
import { CARDS } from '../../scripts/codegen/workflows/helper-flows/addresses.ts';
import { PAGES_FLOW_NAME, SETTINGS_FLOW_NAME } from '../../scripts/codegen/workflows/helper-flows/card-flows.ts';
import { checkFolder } from '../../scripts/codegen/workflows/helper-flows/check.ts';
import { buildFolder, COMMITTED_FOLDER, loadCards, serialiseFolder } from '../../scripts/codegen/workflows/helper-flows/folder.ts';
import type { Field, Flo, Flopack, Method } from '../../scripts/codegen/workflows/helper-flows/format.ts';
import { DEMO_TOKEN, READONLY_TOKEN } from '../helpers/harness.ts';

const run = promisify(execFile);
const FORBIDDEN = [REPO_ROOT, homedir(), DEMO_TOKEN, READONLY_TOKEN];

describe('Workflows folder of helper flows', () => {
  let cards: CardDefinition[];
  let text: string;

  before(async () => {
    cards = await loadCards(repoLayout());
    text = serialiseFolder(buildFolder(cards));
  });

  const pack = (): Flopack => JSON.parse(text) as Flopack;
  const flowNamed = (folder: Flopack, name: string): Flo => {
    const flow = Object.values(folder.data.flos).find((f) => f.name === name);
    if (!flow) throw new Error(`no flow "${name}"`);
    return flow;
  };
  const cardsOf = (flow: Flo, address: string): Method[] => flow.data.methods.filter((m) => m.address === address);
  const check = (folder: Flopack) => checkFolder(JSON.stringify(folder), { cards, forbidden: FORBIDDEN });

  it('passes the structural checker', () => {
    expect(checkFolder(text, { cards, forbidden: FORBIDDEN })).to.deep.equal([]);
  });

  it('is written by npm run workflows:folder as SmartHR.folder and SmartHR.flopack, the same bytes as the committed copy', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'workflows-folder-'));
    await run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'workflows-folder.ts'), '--out', out], { cwd: REPO_ROOT });
    const folder = await readFile(path.join(out, 'SmartHR.folder'), 'utf8');
    expect(await readFile(path.join(out, 'SmartHR.flopack'), 'utf8')).to.equal(folder);
    expect(folder).to.equal(text);
    expect(await readFile(path.join(REPO_ROOT, COMMITTED_FOLDER), 'utf8')).to.equal(folder);
  });

  it('is reproducible: the same cards give the same bytes', async () => {
    const again = serialiseFolder(buildFolder(await loadCards(repoLayout())));
    expect(again).to.equal(text);
    expect(serialiseFolder(buildFolder([...cards].reverse()))).to.equal(text);
  });

  it('holds one flow per card of GET /cards, named after the card, plus Settings and Stream Pages', async () => {
    const app = await createApp({ logger: createLogger({ level: 'silent' }), rateLimit: false });
    const listed = (await request(app).get('/cards').expect(200)).body as { cards: { id: string; name: string }[] };
    const names = Object.values(pack().data.flos).map((f) => f.name).sort();
    expect(listed.cards.length).to.be.greaterThan(30);
    expect(names).to.deep.equal([...listed.cards.map((c) => `SmartHR - ${c.name}`), SETTINGS_FLOW_NAME, PAGES_FLOW_NAME].sort());
  });

  it('contains no secret, token or machine path', () => {
    const basicCredentials = [DEMO_TOKEN, READONLY_TOKEN].flatMap((token) => [`smarthr:${token}`, `:${token}`].map((pair) => Buffer.from(pair).toString('base64').replace(/=+$/, '')));
    for (const needle of [...FORBIDDEN, ...basicCredentials, 'Bearer', '/home/', '/root/', '/work/', 'Authorization', 'X-Connector-Key']) {
      expect(text, needle).not.to.include(needle);
    }
    const folder = pack();
    expect(Object.values(folder.data.configs).map((c) => [c.module, c.data])).to.deep.equal([['httpfunctions', null]]);
  });

  it('gives each card flow the card inputs flattened with Workflows types, and returns the output groups', () => {
    const folder = pack();
    const start = (name: string) => cardsOf(flowNamed(folder, name), CARDS.helperFlow)[0];
    const inputs = (name: string) =>
      Object.fromEntries(Object.values(start(name)?.node.model.inputs.data ?? {}).filter((f) => f.metadata?.custom).map((f) => [f.key, [f.value.type, f.value.collection]]));
    expect(inputs('SmartHR - Read Employee')).to.deep.equal({ 'Employee > Employee ID': ['string', false] });
    const search = inputs('SmartHR - Search Employees');
    expect(search).to.include.keys('Result Set', 'Filter By > Employee Number', 'Streaming > Record Limit', 'Streaming > Flow', 'Streaming > State');
    expect(search['Filter By > Employee Type IDs']).to.deep.equal(['string', true]);
    expect(search['Filter By > Joined After']).to.deep.equal(['Date', false]);
    expect(search['Streaming > Flow']).to.deep.equal(['flo', false]);
    const returned = cardsOf(flowNamed(folder, 'SmartHR - Read Employee'), CARDS.returnOutputs)[0];
    const basic = Object.values(returned?.node.model.inputs.data ?? {}).find((f) => f.key === 'Basic Information');
    expect(basic?.value.type).to.include.keys('Employee ID', 'Last Name', 'Birth Date');
  });

  it('calls POST {service}/cards/{id} through one API Connector Raw Request on the folder connection', () => {
    const folder = pack();
    const flow = flowNamed(folder, 'SmartHR - Update Employee');
    const [raw] = cardsOf(flow, CARDS.rawRequest);
    const fields = Object.values(raw?.node.model.inputs.data ?? {});
    expect(cardsOf(flow, CARDS.rawRequest)).to.have.length(1);
    expect(fields.find((f) => f.key === 'Method')?.value.data).to.equal('POST');
    expect(raw?.node.model.config).to.be.oneOf(Object.keys(folder.data.configs));
    const texts = cardsOf(flow, CARDS.concatenate).flatMap((m) => Object.values(m.node.model.inputs.data).map((f) => f.value.data));
    expect(texts).to.include('/cards/updateEmployee');
  });

  it('streams through /cards/{id}/pages, calling the chosen flow with Record and State per record', () => {
    const folder = pack();
    const pages = flowNamed(folder, PAGES_FLOW_NAME);
    const texts = cardsOf(pages, CARDS.concatenate).flatMap((m) => Object.values(m.node.model.inputs.data).map((f) => f.value.data));
    expect(texts).to.include.members(['/cards/', '/pages']);
    const [each] = cardsOf(pages, CARDS.forEach);
    const eachInputs = Object.values(each?.node.model.inputs.data ?? {});
    expect(eachInputs.map((f) => f.key)).to.include.members(['list', 'flo', 'Record', 'State']);
    const [start] = cardsOf(pages, CARDS.helperFlow);
    const flowParameter = Object.values(start?.node.model.outputs.data ?? {}).find((f) => f.key === 'Flow');
    const floInput = eachInputs.find((f) => f.key === 'flo');
    expect(start?.pins[flowParameter?.id ?? '']?.[each?.uuid ?? '']?.map((p) => p.input)).to.include(floInput?.id);
    const selfCalls = cardsOf(pages, CARDS.callFlow).filter((m) => Object.values(m.node.model.inputs.data).some((f) => f.key === 'flo' && f.value.data === pages.id));
    expect(selfCalls, 'the next page is fetched by calling the flow itself').to.have.length(1);

    const search = flowNamed(folder, 'SmartHR - Search Employees');
    const [decision] = cardsOf(search, CARDS.ifElse);
    expect(Object.values(decision?.node.model.inputs.data ?? {}).map((f) => f.value.data)).to.include('Stream Matching Records');
    const handsOver = cardsOf(search, CARDS.callFlow).some((m) => Object.values(m.node.model.inputs.data).some((f) => f.key === 'flo' && f.value.data === pages.id));
    expect(handsOver).to.equal(true);
  });

  describe('the checker fails a broken folder', () => {
    const mutate = (change: (folder: Flopack, flows: Flo[]) => void): string[] => {
      const folder = pack();
      change(folder, Object.values(folder.data.flos));
      return check(folder);
    };
    const cardWithPins = (flows: Flo[], name = 'SmartHR - Read Employee') =>
      flows.find((f) => f.name === name)?.data.methods.find((m) => Object.keys(m.pins).length > 0) as Method;
    const rules = (problems: string[]) => [...new Set(problems.map((p) => p.split(' ')[0]))];

    it('with a pin into an input that does not exist', () => {
      const problems = mutate((_, flows) => {
        const card = cardWithPins(flows);
        const [output] = Object.keys(card.pins);
        const targets = card.pins[output ?? ''] ?? {};
        const [target] = Object.keys(targets);
        targets[target ?? ''] = [{ input: 'NoSuchFld1', transform: null }];
      });
      expect(rules(problems)).to.deep.equal(['W1']);
    });

    it('with a pin into a card of another flow', () => {
      const problems = mutate((_, flows) => {
        const card = cardWithPins(flows);
        const other = cardWithPins(flows, 'SmartHR - Read User');
        const [output] = Object.keys(card.pins);
        card.pins[output ?? ''] = { [other.uuid]: [{ input: Object.keys(other.node.model.inputs.data)[0] ?? '', transform: null }] };
      });
      expect(rules(problems)).to.include('W1');
    });

    it('with an ordering naming a card of another flow', () => {
      const problems = mutate((_, [first, second]) => {
        const [key] = Object.keys((first as Flo).data.orderings);
        const foreign = (second as Flo).data.methods[0] as Method;
        const pair = (first as Flo).data.orderings[key ?? ''] as [string, string];
        (first as Flo).data.orderings[key ?? ''] = [pair[0], foreign.uuid];
      });
      expect(problems.some((p) => p.startsWith('W2'))).to.equal(true);
    });

    it('with a card left out of the order', () => {
      const problems = mutate((_, flows) => {
        const flow = flows.find((f) => f.name === 'SmartHR - Read User') as Flo;
        const last = Object.keys(flow.data.orderings).at(-1) ?? '';
        delete flow.data.orderings[last];
      });
      expect(rules(problems)).to.deep.equal(['W5']);
    });

    it('with a card address or version never seen in a real export', () => {
      const problems = mutate((_, flows) => {
        const raw = flows.flatMap((f) => f.data.methods).find((m) => m.address === CARDS.rawRequest) as Method;
        raw.address = 'root:channels:http:httpfunctions:9.9.9:raw';
      });
      expect(rules(problems)).to.include('M1');
      expect(mutate((folder) => (folder.version = '2.0.0'))).to.deep.equal(['E2 file: version "2.0.0" was never seen']);
    });

    it('with an id used twice, in one flow or in two', () => {
      const inOneFlow = mutate((_, flows) => {
        const [first, second] = (flows.find((f) => f.name === 'SmartHR - Read User') as Flo).data.methods as [Method, Method];
        const [fieldId] = Object.keys(second.node.model.inputs.data);
        first.node.model.outputs.data = { ...first.node.model.outputs.data, [fieldId ?? '']: { ...(second.node.model.inputs.data[fieldId ?? ''] as Field) } };
      });
      expect(rules(inOneFlow)).to.include('M4');
      const inTwo = mutate((_, [first, second]) => {
        ((second as Flo).data.methods[0] as Method).uuid = ((first as Flo).data.methods[0] as Method).uuid;
      });
      expect(rules(inTwo)).to.include('M6');
      expect(rules(inTwo)).not.to.include('M4');
    });

    it('with an If/Else branch that is not a Noop of its flow', () => {
      const problems = mutate((_, flows) => {
        const flow = flows.find((f) => f.name === 'SmartHR - List Users') as Flo;
        const decision = flow.data.methods.find((m) => m.address === CARDS.ifElse) as Method;
        const [first] = Object.keys(decision.branches);
        decision.branches = { [flow.data.methods[0]?.uuid ?? '']: true, ...Object.fromEntries(Object.entries(decision.branches).filter(([k]) => k !== first)) };
      });
      expect(rules(problems)).to.include('W3');
    });

    it('with a flow input or output that no longer matches its card', () => {
      const retyped = mutate((_, flows) => {
        const flow = flows.find((f) => f.name === 'SmartHR - Read Employee') as Flo;
        const start = flow.data.methods.find((m) => m.address === CARDS.helperFlow) as Method;
        const field = Object.values(start.node.model.inputs.data).find((f) => f.key === 'Employee > Employee ID');
        if (field) field.value.type = 'number';
      });
      expect(rules(retyped)).to.deep.equal(['F2']);
      const dropped = mutate((_, flows) => {
        const flow = flows.find((f) => f.name === 'SmartHR - Read Employee') as Flo;
        const done = flow.data.methods.find((m) => m.address === CARDS.returnOutputs) as Method;
        const [first] = Object.keys(done.node.model.inputs.data);
        delete done.node.model.inputs.data[first ?? ''];
      });
      expect(rules(dropped)).to.include('F3');
    });

    it('without the flow of a card', () => {
      const problems = mutate((folder, flows) => {
        const flow = flows.find((f) => f.name === 'SmartHR - Read User') as Flo;
        delete folder.data.flos[flow.id];
      });
      expect(problems).to.deep.equal(['F1 card readUser: 0 flows named "SmartHR - Read User", not one']);
    });

    it('with a token, a credential header or a machine path written into it', () => {
      const withToken = mutate((_, flows) => {
        const flow = flows.find((f) => f.name === SETTINGS_FLOW_NAME) as Flo;
        flow.description = `uses ${DEMO_TOKEN}`;
      });
      expect(rules(withToken)).to.deep.equal(['C1']);
      const withHeader = mutate((_, flows) => {
        const headers = flows.flatMap((f) => f.data.methods).find((m) => Object.values(m.node.model.inputs.data).some((f) => f.key === 'X-SmartHR-Tenant-Id')) as Method;
        const tenant = Object.values(headers.node.model.inputs.data).find((f) => f.key === 'X-SmartHR-Tenant-Id');
        if (tenant) headers.node.model.inputs.data[tenant.id] = { ...tenant, key: 'Authorization', value: { ...tenant.value, data: 'Bearer abc' } };
      });
      expect(rules(withHeader)).to.deep.equal(['C1']);
      const withPath = mutate((_, flows) => {
        (flows[0] as Flo).description = `built in ${path.join(REPO_ROOT, 'cards')}`;
      });
      expect(rules(withPath)).to.include('C1');
      expect(checkFolder(JSON.stringify({ ...pack(), created: '/home/someone/export' }))).to.deep.equal(['C2 $.created: holds a machine path']);
    });

    it('with a connection that carries data, or that is not JSON at all', () => {
      const problems = mutate((folder) => {
        for (const config of Object.values(folder.data.configs)) (config as { data: unknown }).data = { username: 'smarthr' };
      });
      expect(rules(problems)).to.include('E3');
      expect(checkFolder('{"type": "flopack",')[0]).to.match(/^E1 file: not JSON/);
    });
  });
});
