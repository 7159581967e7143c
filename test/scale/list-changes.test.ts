import { expect } from 'chai';
import { DEFAULT_PAGE_CONCURRENCY } from '../../connector/engine/pagination.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { listen, postCard, readLines, splitStream, until, type ListeningService } from './support/service.ts';
import { crewPageAnswered, crewPagesRequested } from './support/upstream.ts';

type Json = Record<string, any>;

/** Pages fetched together, answering out of order, and a list that changes while it is read. */
describe('scale: order and a list that changes mid-way', () => {
  let h: Harness;
  let service: ListeningService;
  let unhook: (() => void) | undefined;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { ordered: { employees: 1000 }, growing: { employees: 300 }, shifted: { employees: 300 }, shrinking: { employees: 300 } } } });
    service = await listen(h.app);
  });
  after(async () => {
    await service.close();
    await h.close();
  });
  afterEach(() => unhook?.());

  async function stream(tenant: string, filterBy: Json = {}): Promise<{ ids: string[]; last: Json | undefined }> {
    const res = await postCard(service.url, 'searchEmployees', h.connection({ tenant }), { options: { 'Result Set': 'Stream Matching Records' }, inputs: { 'Filter By': filterBy } });
    expect(res.statusCode).to.equal(200);
    const { records, last } = splitStream(await readLines(res));
    return { ids: records.map((r) => String(r['Employee ID'])), last };
  }

  /** Runs `change` once, just before the simulator handles page 2 (page 1 is already served). */
  function beforePage2(tenant: string, change: () => void): void {
    let done = false;
    unhook = h.sim.onRequest((info) => {
      if (info.tenant !== tenant || info.query.page !== '2' || done) return;
      done = true;
      change();
    });
  }

  it('keeps SmartHR order when later pages answer first', async () => {
    expect(DEFAULT_PAGE_CONCURRENCY).to.be.greaterThan(2);
    const answeredBeforePage2: number[] = [];
    unhook = h.sim.onRequest(async (info) => {
      if (info.tenant !== 'ordered' || info.query.page !== '2') return;
      // Page 2 is held back until pages 3 and 4, fetched alongside it, have been answered.
      await until(() => crewPageAnswered(h.sim, 'ordered', 3) && crewPageAnswered(h.sim, 'ordered', 4), 'pages 3 and 4', 5_000);
      answeredBeforePage2.push(3, 4);
    });
    const { ids, last } = await stream('ordered');
    expect(answeredBeforePage2).to.deep.equal([3, 4]);
    expect(ids).to.deep.equal(h.sim.tenant('ordered').crews().map((c) => c.id));
    expect(last).to.deep.equal({ 'Records Streamed': 1000 });
  });

  it('delivers a record added at the end between page fetches, and nothing twice', async () => {
    // 300 records are exactly three pages; the new one makes a fourth that only later answers announce.
    let added = '';
    beforePage2('growing', () => {
      added = String(h.sim.tenant('growing').insertCrew({ last_name: '追加', first_name: '太郎', emp_code: 'Z-NEW' }).id);
    });
    const { ids, last } = await stream('growing');
    expect(ids).to.have.length(301);
    expect(new Set(ids).size).to.equal(301);
    expect(ids.at(-1)).to.equal(added);
    expect(ids).to.deep.equal(h.sim.tenant('growing').crews().map((c) => c.id));
    expect(last).to.deep.equal({ 'Records Streamed': 301 });
    expect(crewPagesRequested(h.sim, 'growing')).to.include(4);
  });

  it('a record added before the read position pushes the rest forward without duplicating any', async () => {
    const before = h.sim.tenant('shifted').crews().map((c) => String(c.id));
    beforePage2('shifted', () => {
      h.sim.tenant('shifted').insertCrew({ last_name: '先頭', first_name: '花子', emp_code: '0000' });
    });
    const { ids, last } = await stream('shifted', { 'Sort Order': 'emp_code' });
    // Every record that was there when the stream began arrives once, in order.
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.filter((id) => before.includes(id))).to.deep.equal(before);
    expect(last).to.deep.equal({ 'Records Streamed': ids.length });
  });

  it('a record deleted from a page already read neither duplicates nor skips the one that slides back', async () => {
    const store = h.sim.tenant('shrinking');
    const before = store.crews().map((c) => String(c.id));
    const deleted = before[10] as string;
    beforePage2('shrinking', () => store.deleteCrew(deleted));
    const { ids, last } = await stream('shrinking');
    // before[10] was read (page 1) before it went. before[100] moves from page 2 to page 1 once
    // before[10] is gone; offset paging alone would skip it.
    expect(ids).to.deep.equal(before);
    expect(last).to.deep.equal({ 'Records Streamed': 300 });
    expect(store.crews()).to.have.length(299);
  });
});
