import { expect } from 'chai';
import { ServiceError } from '../../connector/errors.ts';
import { LocalPacingStore } from '../../connector/smarthr/pacing-state.ts';
import { PacerRegistry, RateLimitPacer, connectionKey } from '../../connector/smarthr/rate-limit-pacer.ts';
import { FakeClock, FixedWindowLimit } from './support/fake-clock.ts';

function pacerOn(clock: FakeClock, options: { maxPerSecond?: number; lowWaterFraction?: number } = {}): RateLimitPacer {
  return new RateLimitPacer({ ...options, now: clock.now, sleep: clock.sleep });
}

function limitHeaders(remaining: number, reset: number, limit = 10, prefix = 'x-rate-limit-'): Record<string, string> {
  return { [`${prefix}limit`]: String(limit), [`${prefix}remaining`]: String(remaining), [`${prefix}reset`]: String(reset) };
}

/** Milliseconds a request takes to reach SmartHR's counter (`up`) and its answer to come back (`down`). */
type Latency = () => { up: number; down: number };
const fixedLatency = (ms: number): Latency => () => ({ up: 0, down: ms });

/** Uniform in [min, max), from a fixed seed so a run can be repeated. */
function seededLatency(seed: number, up: [number, number], down: [number, number]): Latency {
  let x = seed;
  const next = (): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return () => ({ up: up[0] + next() * (up[1] - up[0]), down: down[0] + next() * (down[1] - down[0]) });
}

/** Drives `total` requests through `workers` concurrent loops per pacer against the given limits. */
async function simulate(
  clock: FakeClock,
  pacers: RateLimitPacer[],
  limits: FixedWindowLimit[],
  total: number,
  workers: number,
  latency: Latency,
): Promise<{ ok: number; rejected: number; maxInFlight: number }> {
  let next = 0;
  let ok = 0;
  let rejected = 0;
  let maxInFlight = 0;
  const worker = async (pacer: RateLimitPacer): Promise<void> => {
    while (next < total) {
      next += 1;
      await pacer.acquire();
      maxInFlight = Math.max(maxInFlight, pacer.inFlight);
      const { up, down } = latency();
      await clock.sleep(up);
      const headers: Record<string, string> = {};
      const allowed = limits.map((l) => l.take(clock.t, headers)).every(Boolean);
      await clock.sleep(down);
      if (allowed) ok += 1;
      else {
        rejected += 1;
        next -= 1; // resumed, as pagination does
      }
      await pacer.observe(headers, allowed ? 200 : 429);
    }
  };
  await clock.run(Promise.all(pacers.flatMap((pacer) => Array.from({ length: workers }, () => worker(pacer)))));
  return { ok, rejected, maxInFlight };
}

describe('smarthr/rate-limit-pacer', () => {
  it('lets requests through at once while nothing is known', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await clock.run(Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]));
    expect(clock.t).to.equal(0);
    expect(pacer.inFlight).to.equal(3);
    pacer.release();
    expect(pacer.inFlight).to.equal(2);
  });

  it('holds new requests until the reset when remaining reaches 0', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    pacer.observe(limitHeaders(0, 3), 200);
    await clock.run(pacer.acquire());
    expect(clock.t).to.equal(3000);
  });

  it('does the same for the intensive family alone', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    pacer.observe({ ...limitHeaders(4000, 1800, 5000), ...limitHeaders(0, 2, 10, 'x-intensive-rate-limit-') }, 200);
    await clock.run(pacer.acquire());
    expect(clock.t).to.equal(2000);
  });

  it('after a 429 blocks every caller on the key until the reset', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    clock.t = 100;
    pacer.observe(limitHeaders(0, 5), 429);
    const grantedAt: number[] = [];
    const one = async (): Promise<void> => {
      await pacer.acquire();
      grantedAt.push(clock.t);
    };
    await clock.run(Promise.all([one(), one(), one()]));
    expect(grantedAt).to.deep.equal([5100, 5100, 5100]);
  });

  it('a 429 without headers still blocks for at least a second', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    pacer.observe({}, 429);
    await clock.run(pacer.acquire());
    expect(clock.t).to.equal(1000);
  });

  it('counts requests in flight against the remaining budget', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock, { lowWaterFraction: 0 });
    await pacer.acquire();
    pacer.observe(limitHeaders(3, 4, 100), 200);
    await clock.run(Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]));
    expect(clock.t).to.equal(0);
    await clock.run(pacer.acquire()); // budget 3 is all in flight: wait for the window
    expect(clock.t).to.equal(4000);
  });

  it('spreads the last part of the budget over the time left', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    pacer.observe(limitHeaders(2, 3, 10), 200); // 2 left, 3 s to go, below the low-water mark
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      await clock.run(pacer.acquire());
      times.push(clock.t);
      pacer.observe(limitHeaders(1 - i, Math.ceil((3000 - clock.t) / 1000), 10), 200);
    }
    expect(times[0]).to.equal(1000); // 3000 ms / (2 + 1)
    expect(times[1]).to.be.greaterThan(times[0] ?? 0).and.below(3000);
  });

  it('ignores a stale answer that overtook a newer one in the same window', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    await pacer.acquire();
    pacer.observe(limitHeaders(0, 2), 200);
    pacer.observe(limitHeaders(5, 2), 200); // an older answer from the same window, arriving late
    await clock.run(pacer.acquire());
    expect(clock.t).to.equal(2000);
  });

  it('honours the operator cap in requests per second', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock, { maxPerSecond: 10 });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await clock.run(pacer.acquire());
      times.push(clock.t);
      pacer.release();
    }
    expect(times).to.deep.equal([0, 100, 200, 300, 400]);
  });

  it('answers a 429 with the wait at once when the hold exceeds maxWaitMs', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    await pacer.acquire();
    pacer.observe(limitHeaders(0, 30), 200);
    let error: unknown;
    try {
      await pacer.acquire(undefined, 2000);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ServiceError);
    expect([(error as ServiceError).status, (error as ServiceError).retryAfter]).to.deep.equal([429, 30]);
    expect(pacer.inFlight).to.equal(0);
  });

  it('stops waiting when the signal aborts (real timers)', async () => {
    const pacer = new RateLimitPacer();
    await pacer.acquire();
    pacer.observe(limitHeaders(0, 60), 200);
    const started = Date.now();
    let error: unknown;
    try {
      await pacer.acquire(AbortSignal.timeout(30));
    } catch (err) {
      error = err;
    }
    expect((error as Error).name).to.equal('TimeoutError');
    expect(Date.now() - started).to.be.below(1000);
    expect(pacer.inFlight).to.equal(0);
  });

  it('simulation: 200 requests, 4 workers, 10/s fixed windows: no 429 and close to the bound', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    const result = await simulate(clock, [pacer], [new FixedWindowLimit('x-rate-limit-', 10, 1000)], 200, 4, fixedLatency(40));
    expect(result).to.deep.include({ ok: 200, rejected: 0 });
    // the bound is 200 / 10 per second = 20 s (the last window need not be waited out)
    expect(clock.t).to.be.within(19_000, 20_000 * 1.15);
    expect(result.maxInFlight).to.be.at.most(4);
  });

  it('simulation: both families (10/s and 30 per 5 s): no 429', async () => {
    const clock = new FakeClock();
    const pacer = pacerOn(clock);
    const limits = [new FixedWindowLimit('x-rate-limit-', 10, 1000), new FixedWindowLimit('x-intensive-rate-limit-', 30, 5000)];
    const result = await simulate(clock, [pacer], limits, 120, 3, fixedLatency(30));
    expect(result).to.deep.include({ ok: 120, rejected: 0 });
    expect(clock.t).to.be.within(15_000, 20_000 * 1.15);
  });

  it('simulation: three replicas sharing one store, 4 workers each (12 > the 10/s limit), answers in any order: no 429 and close to the bound', async () => {
    for (const seed of [1, 2, 3]) {
      const clock = new FakeClock();
      const shared = new LocalPacingStore(clock.now);
      const replicas = [0, 1, 2].map(() => new RateLimitPacer({ sleep: clock.sleep, countOneSecondWindows: true }, shared));
      const limit = new FixedWindowLimit('x-intensive-rate-limit-', 10, 1000);
      // Each stream reads its first page alone, as pagination does, which tells every replica the limit.
      await clock.run(simulate(clock, replicas, [limit], 3, 1, fixedLatency(20)));
      const result = await simulate(clock, replicas, [limit], 300, 4, seededLatency(seed, [1, 40], [1, 60]));
      expect(result, `seed ${seed}`).to.deep.include({ ok: 300, rejected: 0 });
      expect(clock.t, `seed ${seed}`).to.be.within(29_000, 30_000 * 1.15);
    }
  });

  it('a grant whose replica died stops counting as in flight after a minute', async () => {
    const clock = new FakeClock();
    const shared = new LocalPacingStore(clock.now);
    const [dying, alive] = [new RateLimitPacer({ sleep: clock.sleep }, shared), new RateLimitPacer({ sleep: clock.sleep }, shared)];
    await dying.acquire();
    await dying.observe(limitHeaders(3, 3, 3), 200);
    // The dying replica takes the whole limit and never answers.
    await clock.run(Promise.all([dying.acquire(), dying.acquire(), dying.acquire()]));
    await clock.run(alive.acquire());
    expect(clock.t).to.be.within(60_000, 61_000);
    expect(alive.inFlight).to.equal(1);
  });

  it('keys pacers by tenant and a token hash, never the raw token', () => {
    const token = 'SECRET-CANARY-pacer';
    const key = connectionKey({ accountType: 'production', tenantId: 'acme', accessToken: token });
    expect(key).not.to.include(token);
    expect(key).to.match(/^production:acme:[0-9a-f]{64}$/);
    expect(connectionKey({ accountType: 'production', tenantId: 'acme', accessToken: 'other' })).not.to.equal(key);
    const registry = new PacerRegistry();
    expect(registry.for(key)).to.equal(registry.for(key));
    expect(registry.for(key)).not.to.equal(registry.for(`${key}x`));
  });

  it('drops the least recently used pacer past its size, keeping recently used ones', () => {
    const registry = new PacerRegistry(2);
    const a = registry.for('a');
    registry.for('b');
    expect(registry.for('a')).to.equal(a);
    registry.for('c');
    expect(registry.size).to.equal(2);
    expect(registry.for('a')).to.equal(a);
    expect(registry.size).to.equal(2);
  });
});
