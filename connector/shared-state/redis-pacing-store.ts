import type { Redis, Result } from 'ioredis';
import { emptyPacingState, LocalPacingStore, pacingStateLivesUntil, type PacingState, type PacingStore } from '../smarthr/pacing-state.ts';
import type { RedisHealth } from './redis-health.ts';

/**
 * One tenant+token's pacing state in Redis, shared by every replica: read with Redis's clock
 * (so replicas whose clocks differ agree on when a window ends), changed by the pacer, written
 * back only if no replica changed it meanwhile (compare-and-set in a Lua script), else read
 * again. While Redis is unavailable the replica paces alone with its own in-memory state.
 */

const READ_WITH_CLOCK = "return { redis.call('GET', KEYS[1]), redis.call('TIME') }";

const WRITE_IF_UNCHANGED = `
local current = redis.call('GET', KEYS[1])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

// The scripts as ioredis commands (defineCommand): sent by their SHA1 (EVALSHA), the script
// itself only when Redis does not have it yet (NOSCRIPT: first use on a connection, a restart).
declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** READ_WITH_CLOCK; defined by withPacingScripts(). */
    smarthrPacingRead(key: string): Result<unknown, Context>;
    /** WRITE_IF_UNCHANGED; defined by withPacingScripts(). */
    smarthrPacingWrite(key: string, expected: string, next: string, ttlMs: string): Result<unknown, Context>;
  }
}

const clientsWithScripts = new WeakSet<Redis>();

/** Defines the scripts once per client: a redefinition would send each whole script again. */
function withPacingScripts(redis: Redis): Redis {
  if (!clientsWithScripts.has(redis)) {
    redis.defineCommand('smarthrPacingRead', { numberOfKeys: 1, lua: READ_WITH_CLOCK });
    redis.defineCommand('smarthrPacingWrite', { numberOfKeys: 1, lua: WRITE_IF_UNCHANGED });
    clientsWithScripts.add(redis);
  }
  return redis;
}

/** Kept this long after its last window ends, so the next burst still knows the window's limit. */
const KEEP_AFTER_LAST_WINDOW_MS = 10 * 60_000;
/** Compare-and-set rounds lost to other replicas before giving up on Redis for this change. */
const MAX_ROUNDS = 100;

function isPacingState(value: unknown): value is PacingState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.windows === 'object' && v.windows !== null && typeof v.windowLengthMs === 'object' && v.windowLengthMs !== null && typeof v.inFlight === 'object' && v.inFlight !== null && typeof v.blockedUntil === 'number' && Array.isArray(v.recentAnswers)
  );
}

function readReply(reply: unknown): { stored: string | null; now: number } {
  if (!Array.isArray(reply) || !Array.isArray(reply[1])) throw new Error('unexpected reply from Redis');
  const [stored, [seconds, micros]] = reply as [unknown, unknown[]];
  const now = Number(seconds) * 1000 + Number(micros) / 1000;
  if (!Number.isFinite(now)) throw new Error('unexpected reply from Redis');
  return { stored: typeof stored === 'string' ? stored : null, now };
}

function parseState(stored: string | null): PacingState {
  if (stored === null) return emptyPacingState();
  const parsed: unknown = JSON.parse(stored);
  // Anything else under our key is not ours to trust: start afresh rather than fail.
  return isPacingState(parsed) ? parsed : emptyPacingState();
}

export class RedisPacingStore implements PacingStore {
  private readonly local = new LocalPacingStore();
  /** This replica's changes to the key run one at a time, so only replicas compete in compare-and-set. */
  private queue: Promise<unknown> = Promise.resolve();

  private readonly redis: Redis;

  constructor(
    redis: Redis,
    private readonly key: string,
    private readonly health: RedisHealth,
  ) {
    this.redis = withPacingScripts(redis);
  }

  update<R>(change: (state: PacingState, now: number) => R): Promise<R> {
    const run = this.queue.then(() => this.health.sharedOrLocal(() => this.updateShared(change), () => this.local.update(change)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async updateShared<R>(change: (state: PacingState, now: number) => R): Promise<R> {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const { stored, now } = readReply(await this.redis.smarthrPacingRead(this.key));
      const state = parseState(stored);
      const result = change(state, now);
      const next = JSON.stringify(state);
      if (next === (stored ?? JSON.stringify(emptyPacingState()))) return result;
      const ttlMs = Math.ceil(Math.max(0, pacingStateLivesUntil(state) - now) + KEEP_AFTER_LAST_WINDOW_MS);
      if ((await this.redis.smarthrPacingWrite(this.key, stored ?? '', next, String(ttlMs))) === 1) return result;
    }
    throw new Error(`the pacing state in Redis kept changing during ${MAX_ROUNDS} attempts to update it`);
  }
}
