import { expect } from 'chai';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import { connectionHeaders } from '../helpers/harness.ts';
import { startReplicas, type Replica } from '../scale/support/replicas.ts';
import { postPage, type CardCall } from './support.ts';

type Json = Record<string, any>;

/** A cursor is stateless: another process with the same CURSOR_SECRET continues from it. */
describe('pages: cursors across service processes', function () {
  this.timeout(60_000);
  const SECRET = 'replicas-test-secret-0123456789abcdef';
  let sim: RunningSimulator;
  let replicas: Replica[] = [];
  before(async () => {
    sim = await startSimulator({ quiet: true, tenants: { demo: { employees: 250 } } });
    const upstream = { SMARTHR_BASE_URL: `${sim.url}/{tenant}` };
    replicas = await startReplicas(2, { ...upstream, CURSOR_SECRET: SECRET, INBOUND_RATE_LIMIT: '0' });
  });
  after(async () => {
    await Promise.all(replicas.map((r) => r.process.stop()));
    await sim.close();
  });

  const call: CardCall = {
    headers: connectionHeaders(),
    options: { 'Result Set': 'Stream Matching Records' },
  };

  it('a walk that alternates between two processes sharing CURSOR_SECRET returns every record once, in order', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const replica = replicas[calls % 2]!;
      const res = await postPage(replica.url, 'searchEmployees', call, cursor, 60).expect(200);
      ids.push(...(res.body.Records as Json[]).map((r) => String(r['Employee ID'])));
      cursor = res.body['Next Cursor'] as string | null;
      calls += 1;
    } while (cursor !== null);
    expect(calls).to.equal(5);
    expect(ids).to.deep.equal(sim.tenant('demo').crews().map((c) => String(c.id)));
  });
});
