import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { listen, postCard, readLines, splitStream, type ListeningService } from './support/service.ts';
import { crewPagesRequested } from './support/upstream.ts';

type Json = Record<string, any>;

/** A stream under SmartHR's rate limits: a 429 is waited out and the same page read again. */
describe('scale: rate limits during a stream', () => {
  let h: Harness;
  let service: ListeningService;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { refused: { employees: 1000 }, paced: { employees: 3000 } } } });
    service = await listen(h.app);
  });
  after(async () => {
    h.sim.setRateLimit({ perSecond: Number.POSITIVE_INFINITY });
    await service.close();
    await h.close();
  });

  async function stream(tenant: string): Promise<{ status: number | undefined; ids: string[]; last: Json | undefined }> {
    const res = await postCard(service.url, 'searchEmployees', h.connection({ tenant }), { options: { 'Result Set': 'Stream Matching Records' } });
    const { records, last } = splitStream(await readLines(res));
    return { status: res.statusCode, ids: records.map((r) => String(r['Employee ID'])), last };
  }

  it('a 429 on page 3 is waited out and page 3 read again; every record arrives once and the client never sees the 429', async () => {
    let armed = false;
    const unhook = h.sim.onRequest((info) => {
      if (info.tenant === 'refused' && info.query.page === '3' && !armed) {
        armed = true;
        h.sim.faults.set({ kind: 'rateLimited', tenant: 'refused', times: 1 });
      }
    });
    try {
      const { status, ids, last } = await stream('refused');
      expect(status).to.equal(200);
      expect(ids).to.deep.equal(h.sim.tenant('refused').crews().map((c) => c.id));
      expect(last).to.deep.equal({ 'Records Streamed': 1000 });
      const refusals = h.sim.requests.entries({ tenant: 'refused', status: 429 });
      expect(refusals.map((r) => r.query.page)).to.deep.equal(['3']);
      // Resumed from the page that failed: page 3 twice, every other page once, page 1 never again.
      const pages = crewPagesRequested(h.sim, 'refused');
      expect(pages.filter((p) => p === 3)).to.have.length(2);
      expect([...new Set(pages)].sort((a, b) => a - b)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(pages).to.have.length(11);
    } finally {
      unhook();
    }
  });

  it('paces 30 pages under a 10 requests/second limit: complete, at most a couple of 429s upstream, none to the client', async () => {
    h.sim.setRateLimit({ perSecond: 10 });
    const { status, ids, last } = await stream('paced');
    expect(status).to.equal(200);
    expect(ids).to.have.length(3000);
    expect(new Set(ids).size).to.equal(3000);
    expect(last).to.deep.equal({ 'Records Streamed': 3000 });
    expect(h.sim.requests.count({ tenant: 'paced', status: 429 })).to.be.at.most(2);
    expect(h.sim.requests.count({ tenant: 'paced', status: 200 })).to.equal(30);
  });
});
