import { expect } from 'chai';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServer } from '../../bench/lib/redis-server.ts';
import { createLogger } from '../../connector/logging.ts';
import { connectSharedState, REDIS_KEY_PREFIX, type SharedState } from '../../connector/shared-state/shared-state.ts';
import { CapturedLogs } from '../helpers/harness.ts';
import { until } from '../scale/support/service.ts';

/** The shared pacing store against a real redis-server: atomic across replicas, expiring, and failing over. */
describe('shared-state/redis pacing store', function () {
  this.timeout(30_000);
  let redis: RedisServer;
  let logs: CapturedLogs;
  let replicas: SharedState[];
  let inspector: Redis;

  before(async () => {
    redis = await startRedisServer();
    logs = new CapturedLogs();
    const logger = createLogger({ level: 'info', destination: logs });
    replicas = [connectSharedState(redis.url, logger), connectSharedState(redis.url, logger)];
    inspector = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => 100 });
    await inspector.connect();
    await until(() => replicas.every((r) => r.status() === 'connected'), 'both clients to connect', 15_000);
  });

  after(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    inspector.disconnect();
    await redis.kill();
  });

  it('applies concurrent changes from two replicas exactly once each (compare-and-set)', async () => {
    const stores = replicas.map((r) => r.pacingStore('sandbox:atomic:hash'));
    await Promise.all(Array.from({ length: 60 }, (_, i) => stores[i % 2]!.update((state) => void (state.blockedUntil += 1))));
    const total = await stores[0]!.update((state) => state.blockedUntil);
    expect(total).to.equal(60);
  });

  it('namespaces the key, and the key expires', async () => {
    await replicas[0]!.pacingStore('sandbox:expiring:hash').update((state, now) => void (state.blockedUntil = now + 5_000));
    const key = `${REDIS_KEY_PREFIX}pacer:sandbox:expiring:hash`;
    const ttl = await inspector.pttl(key);
    expect(ttl).to.be.above(5_000);
    expect(ttl).to.be.at.most(5_000 + 10 * 60_000);
  });

  it('gives every replica the same clock: Redis time', async () => {
    const [a, b] = await Promise.all(replicas.map((r) => r.pacingStore('sandbox:clock:hash').update((_state, now) => now)));
    const [seconds] = await inspector.time();
    expect(Math.abs((a ?? 0) - (b ?? 0))).to.be.below(1_000);
    expect(Math.abs((a ?? 0) / 1000 - Number(seconds))).to.be.below(2);
  });

  it('while Redis is down each replica keeps its own state, warns once, and shares again when Redis is back', async () => {
    const stores = replicas.map((r) => r.pacingStore('sandbox:outage:hash'));
    await redis.kill();
    await until(() => replicas.every((r) => r.status() === 'unavailable'), 'both clients to notice the outage', 15_000);
    for (let i = 0; i < 5; i++) await stores[0]!.update((state) => void (state.blockedUntil += 1));
    expect(await stores[0]!.update((state) => state.blockedUntil)).to.equal(5);
    expect(await stores[1]!.update((state) => state.blockedUntil)).to.equal(0);
    const warnings = logs.lines.filter((line) => line.includes('Redis is unavailable'));
    expect(warnings).to.have.length(2); // one per replica, however many calls fell back

    await redis.restart();
    await until(() => replicas.every((r) => r.status() === 'connected'), 'both clients to reconnect', 15_000);
    await stores[0]!.update((state) => void (state.blockedUntil = 42));
    expect(await stores[1]!.update((state) => state.blockedUntil)).to.equal(42);
    expect(logs.lines.filter((line) => line.includes('Redis is reachable again'))).to.have.length(2);
  });
});
