import { expect } from 'chai';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../bench/lib/redis-server.ts';
import { ALL_PERMISSIONS, startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import { REDIS_KEY_PREFIX } from '../../connector/shared-state/shared-state.ts';
import { connectionHeaders } from '../helpers/harness.ts';
import { postPage } from '../pages/support.ts';
import { postCard, readLines, splitStream, until } from './support/service.ts';
import { logLinesWith, startReplicas, type Replica } from './support/replicas.ts';

type Json = Record<string, unknown>;

/**
 * Three service processes behind one Redis (REDIS_URL), streaming for one SmartHR token against a
 * simulator that allows 10 requests a second per token: together they send 12 pages at a time,
 * more than a window allows, so only a shared budget keeps SmartHR from answering 429.
 */
const TOKEN = 'SECRET-CANARY-redis-token';
const INBOUND_LIMIT = 6;
const CURSOR_SECRET = 'replicas-with-redis-0123456789abcdef';
const OUTAGE_WARNING = 'Redis is unavailable';

describe('scale: replicas share the SmartHR budget and the inbound limit through Redis', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let redis: RedisServer;
  let replicas: Replica[] = [];

  before(async function () {
    this.timeout(120_000);
    const tenants = { shared: { employees: 1000 }, outage: { employees: 2000 }, resumed: { employees: 1000 }, inbound: { employees: 5 }, pages: { employees: 600 } };
    sim = await startSimulator({ quiet: true, tenants, rateLimit: { perSecond: 10 } });
    for (const tenant of Object.keys(tenants)) sim.tenant(tenant).addToken(TOKEN, ALL_PERMISSIONS);
    redis = await startRedisServer();
    replicas = await startReplicas(3, { SMARTHR_BASE_URL: `${sim.url}/{tenant}`, REDIS_URL: redis.url, INBOUND_RATE_LIMIT: String(INBOUND_LIMIT), CURSOR_SECRET });
  });

  after(async () => {
    await Promise.all(replicas.map((r) => r.process.stop()));
    await redis?.kill();
    await sim?.close();
  });

  const connection = (tenant: string) => connectionHeaders({ tenant, token: TOKEN });

  /** Every replica streams Search Employees for the same tenant and token at once. */
  async function streamOnEveryReplica(tenant: string): Promise<{ status: number | undefined; records: Json[]; last: Json | undefined }[]> {
    return Promise.all(
      replicas.map(async (replica) => {
        const res = await postCard(replica.url, 'searchEmployees', connection(tenant), { options: { 'Result Set': 'Stream Matching Records' } });
        return { status: res.statusCode, ...splitStream(await readLines(res)) };
      }),
    );
  }

  function expectComplete(streams: Awaited<ReturnType<typeof streamOnEveryReplica>>, tenant: string): void {
    const ids = sim.tenant(tenant).crews().map((c) => c.id);
    for (const { status, records, last } of streams) {
      expect(status).to.equal(200);
      expect(last).to.deep.equal({ 'Records Streamed': ids.length });
      expect(records.map((r) => r['Employee ID'])).to.deep.equal(ids);
    }
  }

  async function health(replica: Replica): Promise<Json> {
    const res = await fetch(`${replica.url}/health`);
    expect(res.status).to.equal(200);
    return (await res.json()) as Json;
  }

  async function redisKeys(): Promise<Map<string, { value: string | null; ttlMs: number }>> {
    const client = new Redis(redis.url);
    try {
      const keys = new Map<string, { value: string | null; ttlMs: number }>();
      for (const key of await client.keys('*')) keys.set(key, { value: await client.get(key), ttlMs: await client.pttl(key) });
      return keys;
    } finally {
      client.disconnect();
    }
  }

  it('reports Redis as connected in /health', async () => {
    for (const replica of replicas) expect(await health(replica)).to.deep.equal({ status: 'ok', redis: 'connected' });
  });

  it('three replicas streaming for one token share its budget: every record, and SmartHR answers no 429', async () => {
    const streams = await streamOnEveryReplica('shared');
    expectComplete(streams, 'shared');
    expect(sim.requests.count({ tenant: 'shared', path: '/api/v1/crews', status: 200 })).to.equal(30);
    expect(sim.requests.count({ tenant: 'shared', status: 429 })).to.equal(0);
    const pacerKeys = [...(await redisKeys()).keys()].filter((key) => key.startsWith(`${REDIS_KEY_PREFIX}pacer:sandbox:shared:`));
    expect(pacerKeys).to.have.length(1);
  });

  it('the inbound limit holds across replicas: calls spread over three are limited as if sent to one', async () => {
    const employeeId = String(sim.tenant('inbound').crews()[0]?.id);
    const statuses: number[] = [];
    for (let i = 0; i < INBOUND_LIMIT * 2; i++) {
      const replica = replicas[i % replicas.length] as Replica;
      const res = await fetch(`${replica.url}/cards/readEmployee`, {
        method: 'POST',
        headers: { ...connection('inbound'), 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: { Employee: { 'Employee ID': employeeId } } }),
      });
      statuses.push(res.status);
      const body = (await res.json()) as Json;
      if (res.status === 429) expect(body.error).to.include({ status: 429, code: 'rate_limited' });
    }
    expect(statuses).to.deep.equal([...Array<number>(INBOUND_LIMIT).fill(200), ...Array<number>(INBOUND_LIMIT).fill(429)]);
    expect(sim.requests.count({ tenant: 'inbound' })).to.equal(INBOUND_LIMIT);
  });

  it('a cursor walk that moves from replica to replica returns every record once, in order, without a SmartHR 429', async () => {
    const call = { headers: connection('pages'), options: { 'Result Set': 'Stream Matching Records' } };
    const ids: unknown[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const replica = replicas[calls % replicas.length] as Replica;
      const res = await postPage(replica.url, 'searchEmployees', call, cursor, 200).expect(200);
      ids.push(...(res.body.Records as Json[]).map((r) => r['Employee ID']));
      cursor = res.body['Next Cursor'] as string | null;
      calls += 1;
    } while (cursor !== null);
    expect(calls).to.equal(3);
    expect(ids).to.deep.equal(sim.tenant('pages').crews().map((c) => c.id));
    expect(sim.requests.count({ tenant: 'pages', status: 429 })).to.equal(0);
  });

  it('keeps no token in any Redis key or value; every key is namespaced and expires', async () => {
    const keys = await redisKeys();
    expect(keys.size).to.be.at.least(2);
    for (const [key, { value, ttlMs }] of keys) {
      expect(key.startsWith(REDIS_KEY_PREFIX), key).to.equal(true);
      expect(ttlMs, key).to.be.above(0);
      expect(key).not.to.include(TOKEN);
      expect(value ?? '').not.to.include(TOKEN);
    }
  });

  it('Redis killed mid-run: no card call fails, /health says degraded, one warning per replica, and sharing resumes once Redis is back', async function () {
    this.timeout(90_000);
    const killed = new Promise<void>((resolve) => {
      const unhook = sim.onRequest((info) => {
        if (info.tenant === 'outage' && sim.requests.count({ tenant: 'outage' }) >= 15) {
          unhook();
          void redis.kill().then(resolve);
        }
      });
    });
    const streams = await streamOnEveryReplica('outage');
    await killed;
    expectComplete(streams, 'outage');
    for (const replica of replicas) {
      expect(await health(replica)).to.deep.equal({ status: 'degraded', redis: 'unavailable' });
      expect(logLinesWith(replica, OUTAGE_WARNING)).to.have.length(1);
    }

    await redis.restart();
    // Reconnecting is the client's own doing: wait for it (bounded), then check what they say.
    await until(async () => (await Promise.all(replicas.map(health))).every((h) => h.redis === 'connected'), 'every replica to reconnect to Redis', 20_000);
    for (const replica of replicas) expect(await health(replica)).to.deep.equal({ status: 'ok', redis: 'connected' });
    const again = await streamOnEveryReplica('resumed');
    expectComplete(again, 'resumed');
    expect(sim.requests.count({ tenant: 'resumed', status: 429 })).to.equal(0);
    expect([...(await redisKeys()).keys()].some((key) => key.startsWith(`${REDIS_KEY_PREFIX}pacer:sandbox:resumed:`))).to.equal(true);
    for (const replica of replicas) expect(logLinesWith(replica, OUTAGE_WARNING)).to.have.length(1);
  });
});
