import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { comparable, postPage, streamed, walk, type CardCall } from './support.ts';

type Json = Record<string, any>;

/** Record Limit counts across pages, and the Streaming group as Workflows shows it. */
describe('pages: Record Limit across pages, and the Streaming group', () => {
  let h: Harness;
  let all: Json[];
  const call = (streaming?: Json): CardCall => ({
    headers: h.connection(),
    options: { 'Result Set': 'Stream Matching Records' },
    inputs: streaming === undefined ? {} : { Streaming: streaming },
  });
  before(async () => {
    h = await startHarness({ simulator: { tenants: { demo: { employees: 250 } } } });
    all = (await streamed(h.app, 'searchEmployees', call({ 'Record Limit': null }))).records;
    expect(all).to.have.length(250);
  });
  after(() => h.close());

  for (const [limit, expected] of [[0, 0], [1, 1], [150, 150], [null, 250]] as const) {
    it(`Record Limit ${limit === null ? 'empty' : limit} gives ${expected} records over pages of 100`, async () => {
      h.sim.requests.clear();
      const { records, pages } = await walk(h.app, 'searchEmployees', call({ 'Record Limit': limit }), 100);
      expect(comparable(records)).to.deep.equal(comparable(all.slice(0, expected)));
      expect(pages.at(-1)!.body['Records Streamed']).to.equal(expected);
      expect(pages).to.have.length(Math.max(1, Math.ceil(expected / 100)));
      if (limit === 0) expect(h.sim.requests.count()).to.equal(0);
    });
  }

  it('a page stops at the Record Limit inside a SmartHR page: 150 over pages of 60 is 60, 60, 30', async () => {
    const { pages } = await walk(h.app, 'searchEmployees', call({ 'Record Limit': 150 }), 60);
    expect(pages.map((p) => p.body.Records.length)).to.deep.equal([60, 60, 30]);
  });

  it('without Record Limit (or the whole Streaming group) a caller gets the default, which here is every record', async () => {
    const { records } = await walk(h.app, 'searchEmployees', call(), 200);
    expect(records).to.have.length(250);
    // The default is really applied: a cursor of a call without it is valid for a call that says 500000.
    const first = await postPage(h.app, 'searchEmployees', call(), null, 100).expect(200);
    const next = await postPage(h.app, 'searchEmployees', call({ 'Record Limit': 500000 }), first.body['Next Cursor'], 100).expect(200);
    expect(next.body['Records Streamed']).to.equal(200);
    const refused = await postPage(h.app, 'searchEmployees', call({ 'Record Limit': null }), first.body['Next Cursor'], 100);
    expect(refused.status).to.equal(400);
  });

  it('every streaming card shows Streaming > Flow (Workflows type Flow, consumed by Workflows) and a required Record Limit', async () => {
    const cards = (await request(h.app).get('/cards').expect(200)).body.cards as Json[];
    let streamingCards = 0;
    for (const { id } of cards) {
      const card = (await request(h.app).get(`/cards/${id}`).expect(200)).body as Json;
      if (!Object.values(card.pagination?.resultSets ?? {}).includes('stream')) continue;
      streamingCards += 1;
      const group = card.inputs.properties.Streaming;
      expect(group.properties.Flow, id).to.include({ workflowsType: 'Flow', workflowsRequired: true, workflowsOnly: true });
      expect(group.properties['Record Limit'], id).to.include({ workflowsType: 'Number', workflowsRequired: true, default: 500000, minimum: 0, maximum: 500000 });
      // Required in Workflows, not of HTTP callers.
      expect(group.required ?? [], id).to.deep.equal([]);
      expect(card.inputs.required ?? [], id).not.to.include('Streaming');
    }
    expect(streamingCards).to.equal(9);
  });

  it('POST /cards/{id} callers are not asked for Flow, and one given is ignored', async () => {
    const without = await streamed(h.app, 'listDepartments', { headers: h.connection(), options: { 'Result Set': 'Stream Records' } });
    const withFlow = await streamed(h.app, 'listDepartments', { headers: h.connection(), options: { 'Result Set': 'Stream Records' }, inputs: { Streaming: { Flow: 'a1b2c3-helper-flow' } } });
    expect(withFlow.records).to.deep.equal(without.records);
    expect(without.last['Records Streamed']).to.be.greaterThan(0);
    const page = await postPage(h.app, 'listDepartments', { headers: h.connection(), options: { 'Result Set': 'Stream Records' }, inputs: { Streaming: { Flow: 'a1b2c3-helper-flow' } } }, null).expect(200);
    expect(page.body.Records).to.deep.equal(without.records);
  });
});
