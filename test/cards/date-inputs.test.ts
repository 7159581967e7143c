import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, type Json } from './support.ts';

interface DateInput {
  card: string;
  /** Labels from the card's options or inputs root, e.g. ["inputs", "Filter By", "Joined After"]. */
  labels: string[];
  smarthr?: string;
}

/** Every Date & Time field of a served options/inputs tree, with its label path. */
function dateInputs(card: Json, part: 'options' | 'inputs', labels: string[] = [part], tree: Json = card[part]): DateInput[] {
  return Object.entries((tree.properties ?? {}) as Record<string, Json>).flatMap(([label, field]) => {
    const here = [...labels, label];
    if (field.workflowsType === 'Date & Time') return [{ card: card.id as string, labels: here, smarthr: field.smarthr as string | undefined }];
    return field.properties ? dateInputs(card, part, here, field) : [];
  });
}

function withValue(body: Json, labels: string[], value: string): Json {
  const copy = structuredClone(body);
  let node = copy;
  for (const label of labels.slice(0, -1)) node = (node[label] ??= {}) as Json;
  node[labels.at(-1) as string] = value;
  return copy;
}

/** Okta's pages ask for YYYY/MM/DD: every Date & Time input of every card takes it, found from the served definitions. */
describe('Date & Time inputs of every card', () => {
  let h: Harness;
  const inputs: DateInput[] = [];
  const examples = new Map<string, Json>();
  before(async () => {
    h = await startHarness();
    for (const { id } of (await request(h.app).get('/cards').expect(200)).body.cards as Json[]) {
      const card = (await request(h.app).get(`/cards/${id}`).expect(200)).body as Json;
      const example = (card.examples as Json[])[0] as Json;
      examples.set(card.id, { options: example.options, inputs: example.inputs });
      inputs.push(...dateInputs(card, 'options'), ...dateInputs(card, 'inputs'));
    }
  });
  after(() => h?.close());

  it('are found on the cards that have dates (Search Employees, Update and Create Employee, Discontinue Department, List Employee Profiles)', () => {
    expect(new Set(inputs.map((i) => i.card))).to.include.keys('searchEmployees', 'updateEmployee', 'createEmployee', 'discontinueDepartment', 'listEmployeeProfiles');
    expect(inputs.length).to.be.at.least(12);
  });

  it('accept 1990/01/02 and refuse a day that does not exist, naming the field', async () => {
    for (const input of inputs) {
      const pointer = `/${input.labels.join('/')}`;
      const where = `${input.card} ${input.labels.join(' > ')}`;
      const example = examples.get(input.card) as Json;
      const bad = await callCard(h, input.card, withValue(example, input.labels, '1990/02/30'));
      expect(bad.status, where).to.equal(400);
      expect((bad.body.error.details as Json[]).map((d) => d.pointer), where).to.include(pointer);

      h.sim.requests.clear();
      const good = await callCard(h, input.card, withValue(example, input.labels, '1990/01/02'));
      const refused = good.status === 400 ? (good.body.error.details as Json[]).filter((d) => d.pointer === pointer || d.field === input.labels.at(-1)) : [];
      expect(refused, `${where}: ${JSON.stringify(good.body)}`).to.deep.equal([]);
      // Where SmartHR was asked with the date as a query parameter, it got the date in Japan.
      const sent = h.sim.requests.entries().find((e) => input.smarthr !== undefined && e.query[input.smarthr] !== undefined);
      if (sent) expect(sent.query[input.smarthr as string], where).to.equal('1990-01-02');
    }
  });

  it('send SmartHR the date, in Japan, that an ISO date-time or YYYY/MM/DD stands for', async () => {
    const joined = async (after: string) => {
      h.sim.requests.clear();
      await callCard(h, 'searchEmployees', { options: { 'Result Set': 'First Matching Record' }, inputs: { 'Filter By': { 'Joined After': after } } }).expect(200);
      return h.sim.requests.entries().find((e) => e.path === '/api/v1/crews')?.query.entered_at_from;
    };
    expect(await joined('1990/01/02')).to.equal('1990-01-02');
    expect(await joined('2024-03-31T15:00:00Z')).to.equal('2024-04-01');
    expect(await joined('2024-04-01')).to.equal('2024-04-01');
  });
});
