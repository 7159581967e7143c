import { expect } from 'chai';
import type { Express } from 'express';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { CapturedLogs, startHarness, type Harness } from '../helpers/harness.ts';
import { headerStrippingProxy } from './support/header-proxy.ts';
import { listen, postCard, readLines, splitStream, until, type ListeningService } from './support/service.ts';
import { crewPagesRequested } from './support/upstream.ts';

type Json = Record<string, any>;

const STREAM = { options: { 'Result Set': 'Stream Matching Records' } };

/**
 * The page count comes from the first answer: x-total-count, else Link rel="last". Knowing it,
 * the service asks for the remaining pages together; the simulator holds page 2 until page 3 has
 * been asked for, which only happens if the count was known after page 1.
 */
describe('scale: page count from SmartHR headers', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { counted: { employees: 250 }, exact: { employees: 300 } } } });
  });
  after(() => h.close());
  afterEach(() => h.sim.requests.clear());

  const holdPage2UntilPage3Asked = (tenant: string): (() => void) =>
    h.sim.onRequest(async (info) => {
      if (info.tenant === tenant && info.query.page === '2') await until(() => crewPagesRequested(h.sim, tenant).includes(3), 'page 3 to be asked for', 5_000);
    });

  async function streamThrough(app: Express, tenant: string): Promise<{ records: Json[]; last: Json | undefined }> {
    const service: ListeningService = await listen(app);
    try {
      const res = await postCard(service.url, 'searchEmployees', h.connection({ tenant }), STREAM);
      expect(res.statusCode).to.equal(200);
      return splitStream(await readLines(res));
    } finally {
      await service.close();
    }
  }

  const ids = (tenant: string): string[] => h.sim.tenant(tenant).crews().map((c) => String(c.id));

  it('x-total-count: pages 2 and 3 asked for together, nothing past the last page', async () => {
    const release = holdPage2UntilPage3Asked('counted');
    try {
      const { records, last } = await streamThrough(h.app, 'counted');
      expect(records.map((r) => r['Employee ID'])).to.deep.equal(ids('counted'));
      expect(last).to.deep.equal({ 'Records Streamed': 250 });
      expect([...crewPagesRequested(h.sim, 'counted')].sort()).to.deep.equal([1, 2, 3]);
    } finally {
      release();
    }
  });

  it('Link rel="last" gives the count when x-total-count is missing', async () => {
    const proxy = await headerStrippingProxy(h.sim.url, ['x-total-count']);
    const release = holdPage2UntilPage3Asked('counted');
    try {
      const probe = await fetch(`${proxy.url}/counted/api/v1/crews?per_page=100`, { headers: { authorization: 'Bearer demo-token' } });
      expect(probe.headers.has('x-total-count')).to.equal(false);
      expect(probe.headers.get('link')).to.match(/<[^>]*[?&]page=3(&[^>]*)?>; rel="last"/);
      const app = await createApp({ logger: createLogger({ destination: new CapturedLogs() }), upstreamBaseUrl: `${proxy.url}/{tenant}` });
      h.sim.requests.clear();
      const { records, last } = await streamThrough(app, 'counted');
      expect(records.map((r) => r['Employee ID'])).to.deep.equal(ids('counted'));
      expect(last).to.deep.equal({ 'Records Streamed': 250 });
      expect([...crewPagesRequested(h.sim, 'counted')].sort()).to.deep.equal([1, 2, 3]);
    } finally {
      release();
      await proxy.close();
    }
  });

  it('with neither header, pages are read one after another until a short or empty page', async () => {
    const proxy = await headerStrippingProxy(h.sim.url, ['x-total-count', 'link']);
    try {
      const app = await createApp({ logger: createLogger({ destination: new CapturedLogs() }), upstreamBaseUrl: `${proxy.url}/{tenant}` });
      const { records, last } = await streamThrough(app, 'exact');
      expect(records.map((r) => r['Employee ID'])).to.deep.equal(ids('exact'));
      expect(last).to.deep.equal({ 'Records Streamed': 300 });
      // 300 is three full pages, so only an empty page 4 says the list has ended.
      expect(crewPagesRequested(h.sim, 'exact')).to.deep.equal([1, 2, 3, 4]);
    } finally {
      await proxy.close();
    }
  });
});
