import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { listen, postCard, readLines, splitStream, type ListeningService } from './support/service.ts';

type Json = Record<string, any>;

interface ListCard {
  cardId: string;
  path: string;
  stream: string;
  idLabel: string;
  all: () => string[];
}

/** Result Set and Record Limit: how much is streamed, and how many SmartHR calls it takes. */
describe('scale: result sets and Record Limit', () => {
  const TENANT = 'limits';
  let h: Harness;
  let service: ListeningService;
  let cards: ListCard[];
  before(async () => {
    h = await startHarness({ simulator: { tenants: { [TENANT]: { employees: 250 } } } });
    const store = h.sim.tenant(TENANT);
    // Enough departments for three pages of them.
    for (let i = store.departments().length; i < 260; i += 1) store.insertDepartment({ name: `Scale ${i}`, code: `SCALE-${i}` });
    service = await listen(h.app);
    cards = [
      { cardId: 'searchEmployees', path: '/api/v1/crews', stream: 'Stream Matching Records', idLabel: 'Employee ID', all: () => store.crews().map((c) => String(c.id)) },
      { cardId: 'listDepartments', path: '/api/v1/departments', stream: 'Stream Records', idLabel: 'Department ID', all: () => store.departments().map((d) => String(d.id)) },
    ];
  });
  after(async () => {
    await service.close();
    await h.close();
  });
  beforeEach(() => h.sim.requests.clear());

  async function stream(card: ListCard, streaming: Json | undefined): Promise<{ ids: string[]; last: Json | undefined }> {
    const inputs = streaming === undefined ? {} : { Streaming: streaming };
    const res = await postCard(service.url, card.cardId, h.connection({ tenant: TENANT }), { options: { 'Result Set': card.stream }, inputs });
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/x-ndjson/);
    const { records, last } = splitStream(await readLines(res));
    return { ids: records.map((r) => String(r[card.idLabel])), last };
  }

  const pagesAsked = (card: ListCard): Json[] => h.sim.requests.entries({ path: card.path, tenant: TENANT }).map((e) => e.query);

  for (const which of [0, 1]) {
    const card = (): ListCard => cards[which] as ListCard;
    const name = which === 0 ? 'Search Employees' : 'List Departments';

    describe(name, () => {
      it('Record Limit 0 streams nothing and calls SmartHR not at all', async () => {
        const { ids, last } = await stream(card(), { 'Record Limit': 0 });
        expect(ids).to.deep.equal([]);
        expect(last).to.deep.equal({ 'Records Streamed': 0 });
        expect(h.sim.requests.count()).to.equal(0);
      });

      it('Record Limit 1 streams the first record from one page', async () => {
        const { ids, last } = await stream(card(), { 'Record Limit': 1 });
        expect(ids).to.deep.equal(card().all().slice(0, 1));
        expect(last).to.deep.equal({ 'Records Streamed': 1 });
        expect(pagesAsked(card())).to.have.length(1);
      });

      it('Record Limit 150 streams the first 150 from two pages', async () => {
        const { ids, last } = await stream(card(), { 'Record Limit': 150 });
        expect(ids).to.deep.equal(card().all().slice(0, 150));
        expect(last).to.deep.equal({ 'Records Streamed': 150 });
        expect(pagesAsked(card()).map((q) => [q.page, q.per_page]).sort()).to.deep.equal([['1', '100'], ['2', '100']]);
      });

      it('an empty Record Limit streams every record', async () => {
        const { ids, last } = await stream(card(), { 'Record Limit': null });
        expect(ids).to.deep.equal(card().all());
        expect(ids).to.have.length.at.least(250);
        expect(last).to.deep.equal({ 'Records Streamed': ids.length });
        expect(pagesAsked(card())).to.have.length(3);
      });

      it('no Record Limit at all (the default, 500000) streams every record', async () => {
        const { ids } = await stream(card(), undefined);
        expect(ids).to.deep.equal(card().all());
      });
    });
  }

  it('First Matching Record is one SmartHR call with per_page=1', async () => {
    const res = await postCard(service.url, 'searchEmployees', h.connection({ tenant: TENANT }), { options: { 'Result Set': 'First Matching Record' } });
    expect(res.statusCode).to.equal(200);
    const [body] = (await readLines(res)) as Json[];
    expect(body?.Result.Employee['Employee ID']).to.equal(cards[0]?.all()[0]);
    expect(h.sim.requests.entries().map((e) => [e.path, e.query.page, e.query.per_page])).to.deep.equal([['/api/v1/crews', '1', '1']]);
  });

  for (const [cardId, option, group] of [
    ['searchEmployees', 'First 100 Matching Records', 'Employees'],
    ['listDepartments', 'First 100 Records', 'Departments'],
  ] as const) {
    it(`${option} (${cardId}) is exactly one SmartHR call`, async () => {
      const res = await postCard(service.url, cardId, h.connection({ tenant: TENANT }), { options: { 'Result Set': option } });
      expect(res.statusCode).to.equal(200);
      const [body] = (await readLines(res)) as Json[];
      expect(body?.Result[group]).to.have.length(100);
      expect(h.sim.requests.entries().map((e) => [e.query.page, e.query.per_page])).to.deep.equal([['1', '100']]);
    });
  }
});
