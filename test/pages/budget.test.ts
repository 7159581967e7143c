import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { postPage, walk, type CardCall } from './support.ts';

/**
 * A page call answers within its deadline whatever SmartHR does: it starts no SmartHR page that
 * could not answer in time (the pacer knows when the next request may go) and gives back fewer
 * records, or none, with a cursor, rather than run late or pass SmartHR's 429 on. A short card
 * deadline here stands for the real 25 s.
 */
describe('pages: the page call budget', () => {
  const DEADLINE_MS = 2_500;
  let h: Harness;
  const search = (tenant: string): CardCall => ({ headers: h.connection({ tenant }), options: { 'Result Set': 'Stream Matching Records' } });
  before(async () => {
    h = await startHarness({
      simulator: { tenants: { paced: { employees: 250 }, slow: { employees: 250 }, stuck: { employees: 250 }, hourly: { employees: 250 } } },
      app: { rateLimit: false, limits: { cardDeadlineMs: DEADLINE_MS, pageStartMarginMs: 1_400 } },
    });
  });
  afterEach(() => {
    h.sim.setRateLimit({ perSecond: Number.POSITIVE_INFINITY, perHour: 5000 });
    h.sim.faults.clear();
  });
  after(() => h.close());

  it('at 1 SmartHR request a second, pages hold what fits (some none) and the walk still returns every record, without a 429', async () => {
    h.sim.setRateLimit({ perSecond: 1 });
    const { records, pages } = await walk(h.app, 'searchEmployees', search('paced'), 300);
    expect(records.map((r) => r['Employee ID'])).to.deep.equal(h.sim.tenant('paced').crews().map((c) => c.id));
    expect(pages.every((p) => p.status === 200 && p.ms < DEADLINE_MS)).to.equal(true);
    // The first page could only start one SmartHR request before its stop time.
    expect(pages[0]!.body.Records).to.have.length(100);
    const empty = pages.filter((p) => p.body.Records.length === 0);
    expect(empty.length, 'pages with no record').to.be.greaterThan(0);
    expect(empty.every((p) => typeof p.body['Next Cursor'] === 'string')).to.equal(true);
    expect(h.sim.requests.count({ tenant: 'paced', status: 429 })).to.equal(0);
  });

  it('a SmartHR page slower than the deadline ends the page call on time with the records read before it', async () => {
    let armed = false;
    const unhook = h.sim.onRequest((info) => {
      if (info.tenant === 'slow' && info.query.page === '2' && !armed) {
        armed = true;
        h.sim.faults.set({ tenant: 'slow', latencyMs: 2 * DEADLINE_MS, times: 1 });
      }
    });
    try {
      const started = performance.now();
      const first = await postPage(h.app, 'searchEmployees', search('slow'), null, 250).expect(200);
      expect(performance.now() - started).to.be.below(DEADLINE_MS);
      expect(first.body.Records).to.have.length(100);
      expect(first.body['Next Cursor']).to.be.a('string');
      const { records } = await walk(h.app, 'searchEmployees', search('slow'), 250);
      expect(records).to.have.length(250);
    } finally {
      unhook();
    }
  });

  it('when not even one SmartHR page answers in time, the call is a 504 within the deadline, not a late answer', async () => {
    h.sim.faults.set({ tenant: 'stuck', latencyMs: 2 * DEADLINE_MS, times: 1 });
    const started = performance.now();
    const res = await postPage(h.app, 'searchEmployees', search('stuck'), null, 100);
    expect(performance.now() - started).to.be.below(DEADLINE_MS);
    expect(res.status).to.equal(504);
  });

  it('when SmartHR\'s hourly budget is spent, an empty page is a 429 with the wait, so a loop does not spin', async () => {
    h.sim.setRateLimit({ perHour: 2 });
    const first = await postPage(h.app, 'searchEmployees', search('hourly'), null, 300).expect(200);
    expect(first.body.Records).to.have.length(100);
    const next = await postPage(h.app, 'searchEmployees', search('hourly'), first.body['Next Cursor'] as string, 300);
    expect(next.status).to.equal(429);
    expect(next.body.error.retryAfter).to.be.greaterThan(60);
    expect(Number(next.headers['retry-after'])).to.equal(next.body.error.retryAfter);
  });
});
