import { createHash, randomBytes } from 'node:crypto';
import { ServiceError } from '../errors.ts';
import type { Connection } from './connection.ts';
import { LocalPacingStore, type PacingState, type PacingStore, type PacingWindow } from './pacing-state.ts';
import { readLimitSnapshots, rateLimitWaitSeconds, type LimitFamily } from './rate-limit-headers.ts';

/**
 * Keeps one tenant+token's request stream under SmartHR's limits, using what the response
 * headers say rather than a guessed rate: hold when a window is spent, spread the last part of a
 * window's budget over the time left in it (when several processes share the state, keep
 * one-second windows to their limit by counting requests), and stop everyone after a 429.
 * Cheaper than retrying 429s, and a stream of pages never sees one if the headers are honest.
 * What it knows sits in a PacingStore: this process's memory by default, shared by every
 * replica with REDIS_URL.
 */

export interface PacerOptions {
  /** Operator cap on requests per second for one key, whatever the headers allow. */
  maxPerSecond?: number;
  /** Fraction of a window's limit below which requests are spread out (default 0.2). */
  lowWaterFraction?: number;
  /**
   * Keep one-second windows to their limit by counting requests (countedWindowStart) rather than
   * by their answers. For a store several processes share, whose answers come in any order.
   */
  countOneSecondWindows?: boolean;
  /** This process's clock, also the default in-memory store's. */
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const DEFAULT_LOW_WATER_FRACTION = 0.2;
/** A grant stops counting as in flight after this whatever became of it (attempts time out far sooner). */
const GRANT_LIFETIME_MS = 60_000;
/** How soon a caller looks again while a new window's whole limit is in flight; an answer wakes it sooner. */
const NEW_WINDOW_RECHECK_MS = 50;
/** One-second windows (their `reset` is always 1) up to this limit are paced by counting requests. */
const COUNTED_WINDOW_MS = 1_000;
const COUNTED_WINDOW_MAX_LIMIT = 1_000;

// Grant ids must not collide between replicas that share a store.
const GRANT_ID_PREFIX = randomBytes(6).toString('base64url');
let grantsIssued = 0;

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class RateLimitPacer {
  private readonly wakers = new Set<() => void>();
  /** This pacer's grants not yet answered, oldest first; an answer ends any one of them. */
  private readonly grants: string[] = [];
  private readonly minIntervalMs: number;
  private readonly lowWaterFraction: number;
  private readonly countOneSecondWindows: boolean;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** When the next request could start (this process's clock), as the store last said. */
  private knownStartAt = Number.NEGATIVE_INFINITY;

  constructor(
    options: PacerOptions = {},
    private readonly store: PacingStore = new LocalPacingStore(options.now),
  ) {
    const cap = options.maxPerSecond;
    this.minIntervalMs = cap !== undefined && cap > 0 ? 1000 / cap : 0;
    this.lowWaterFraction = options.lowWaterFraction ?? DEFAULT_LOW_WATER_FRACTION;
    this.countOneSecondWindows = options.countOneSecondWindows ?? false;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Requests this pacer granted that have not been answered yet. */
  get inFlight(): number {
    return this.grants.length;
  }

  /**
   * Resolves when a request may be sent, and counts it in flight until observe() or release().
   * A hold longer than `maxWaitMs` is answered at once with a 429 carrying the wait, so a caller
   * that cannot wait that long (a single card call) hands the wait to Workflows' own 429 retry.
   */
  async acquire(signal?: AbortSignal, maxWaitMs: number = Number.POSITIVE_INFINITY): Promise<void> {
    let woken = false;
    for (;;) {
      signal?.throwIfAborted();
      // An answer wakes every waiter, and the store change that recorded it also set knownStartAt:
      // while that still holds everyone, asking the store again (a round trip each to a shared
      // store) would only say so again.
      const heldMs = this.knownStartAt - this.now();
      let waitMs = heldMs;
      if (!woken || heldMs <= 0) {
        const grant = `${GRANT_ID_PREFIX}.${(grantsIssued += 1)}`;
        waitMs = await this.store.update((state, t) => this.tryGrant(state, t, grant));
        if (waitMs <= 0) {
          this.grants.push(grant);
          return;
        }
      }
      if (waitMs > maxWaitMs) {
        const seconds = Math.max(1, Math.ceil(waitMs / 1000));
        throw new ServiceError(429, 'rate_limited', 'SmartHR rate limit reached; try again later', [], seconds);
      }
      woken = await this.waitUntil(waitMs, signal);
    }
  }

  /**
   * When (epoch ms, by this pacer's clock) the next request could be sent, as far as is known
   * now: what the store said at its last change, since a shared store cannot be read in passing.
   */
  nextStartAt(): number {
    return Math.max(this.knownStartAt, this.now());
  }

  /** Records an answer's rate-limit headers (lower-case names) and ends its in-flight count. */
  async observe(headers: Record<string, string>, status?: number): Promise<void> {
    const answeredAt = this.now();
    const grant = this.grants.shift();
    const snapshots = readLimitSnapshots(headers);
    const blockSeconds = status === 429 ? rateLimitWaitSeconds(headers) : 0;
    await this.store.update((state, t) => {
      this.settle(state, grant, answeredAt, t);
      for (const s of snapshots) {
        if (s.remaining === undefined || s.resetSeconds === undefined) continue;
        const resetAt = t + s.resetSeconds * 1000;
        const endsAfter = Number.isInteger(s.resetSeconds) ? resetAt - 1000 : resetAt;
        recordWindow(state, s.family, { limit: s.limit, remaining: s.remaining, endsAfter, resetAt }, t);
        state.windowLengthMs[s.family] = Math.max(state.windowLengthMs[s.family] ?? 0, Math.ceil(s.resetSeconds) * 1000);
      }
      if (status === 429) state.blockedUntil = Math.max(state.blockedUntil, t + blockSeconds * 1000);
      this.remember(state, t);
    });
    this.wakeAll();
  }

  /** Ends an in-flight count when no answer arrived (transport failure). */
  async release(): Promise<void> {
    const failedAt = this.now();
    const grant = this.grants.shift();
    if (grant !== undefined) {
      await this.store.update((state, t) => {
        this.settle(state, grant, failedAt, t);
        this.remember(state, t);
      });
    }
    this.wakeAll();
  }

  /** Grants the request (0) or says how long to wait before asking again. */
  private tryGrant(state: PacingState, t: number, grant: string): number {
    for (const [id, expiresAt] of Object.entries(state.inFlight)) if (expiresAt <= t) delete state.inFlight[id];
    const at = this.earliestStart(state, t);
    if (at > t) {
      this.remember(state, t, at);
      return at - t;
    }
    state.inFlight[grant] = t + GRANT_LIFETIME_MS;
    state.lastGrantAt = t;
    this.remember(state, t);
    return 0;
  }

  /**
   * Ends a grant's in-flight count. When one-second windows are counted, also keeps when it was
   * answered (`localAt`, this process's clock): its request reached SmartHR, if at all, before
   * then. Answers older than a window are dropped here, the one place the list grows.
   */
  private settle(state: PacingState, grant: string | undefined, localAt: number, t: number): void {
    if (grant === undefined) return;
    delete state.inFlight[grant];
    if (!this.countOneSecondWindows) return;
    const answeredAt = this.storeTime(localAt, t);
    const answers = state.recentAnswers;
    answers.splice(answers.findLastIndex((other) => other <= answeredAt) + 1, 0, answeredAt);
    state.recentAnswers = answers.filter((at) => at > t - COUNTED_WINDOW_MS).slice(-COUNTED_WINDOW_MAX_LIMIT);
  }

  /**
   * A moment of this process's clock on the store's clock (`t` is the store's now): a shared
   * store's change runs after a round trip and maybe a queue, which must not make an answer
   * look later than it came.
   */
  private storeTime(localAt: number, t: number): number {
    return t - Math.max(0, this.now() - localAt);
  }

  /** Keeps nextStartAt() current: `t` is the store's clock, converted to this process's. */
  private remember(state: PacingState, t: number, at: number = this.earliestStart(state, t)): void {
    this.knownStartAt = this.now() + (at - t);
  }

  private earliestStart(state: PacingState, t: number): number {
    const inFlight = Object.keys(state.inFlight).length;
    const lastGrantAt = state.lastGrantAt ?? Number.NEGATIVE_INFINITY;
    let at = Math.max(t, state.blockedUntil, lastGrantAt + this.minIntervalMs);
    for (const [family, w] of Object.entries(state.windows) as [LimitFamily, PacingWindow][]) {
      const counted = this.countOneSecondWindows ? countedWindowStart(w, state.windowLengthMs[family], inFlight, state.recentAnswers, t) : undefined;
      if (counted !== undefined) {
        // An answer saying the window is spent still holds everyone (someone else may use the token).
        at = Math.max(at, counted, w.remaining <= 0 ? w.resetAt : t);
        continue;
      }
      if (w.resetAt <= t) {
        // The window is over and no answer has told of the next one yet. That one allows the
        // same limit again, so keep what is in flight within it instead of sending everything.
        if (w.limit !== undefined && inFlight >= w.limit) at = Math.max(at, t + NEW_WINDOW_RECHECK_MS);
        continue;
      }
      const available = w.remaining - inFlight;
      if (w.remaining <= 0 || available <= 0) {
        at = Math.max(at, w.resetAt);
        continue;
      }
      const lowWater = Math.ceil((w.limit ?? w.remaining) * this.lowWaterFraction);
      if (available <= lowWater) {
        at = Math.max(at, lastGrantAt + (w.resetAt - t) / (available + 1));
      }
    }
    return at;
  }

  /** Sleeps, but wakes early when an answer arrives, since it may free budget; true when an answer woke it. */
  private async waitUntil(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
    const local = new AbortController();
    let woken = false;
    const wake = (): void => {
      woken = true;
      local.abort();
    };
    const forward = (): void => local.abort();
    this.wakers.add(wake);
    signal?.addEventListener('abort', forward, { once: true });
    try {
      await this.sleep(ms, local.signal);
    } catch {
      // woken or aborted: the loop in acquire() decides which
    } finally {
      this.wakers.delete(wake);
      signal?.removeEventListener('abort', forward);
    }
    return woken;
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}

/**
 * A one-second window's `reset` is always 1, so its answers cannot tell a late answer from the
 * next window's first one, and with several replicas answers come in any order. SmartHR counts a
 * request when it arrives, and a request answered more than a second ago arrived more than a
 * second before anything sent now: so a new request cannot share a fixed one-second window with
 * more than the requests in flight and those answered within the last second. Keeping those under
 * `limit` holds however late requests arrive. Undefined for other windows (paced by answers).
 */
function countedWindowStart(w: PacingWindow, lengthMs: number | undefined, inFlight: number, recentAnswers: number[], t: number): number | undefined {
  if (w.limit === undefined || w.limit > COUNTED_WINDOW_MAX_LIMIT || lengthMs !== COUNTED_WINDOW_MS) return undefined;
  const answered = recentAnswers.filter((at) => at > t - COUNTED_WINDOW_MS);
  const excess = inFlight + answered.length - w.limit;
  if (excess < 0) return t;
  // Enough answers must age out; if the requests in flight alone fill the window, an answer must come first.
  const freeing = answered[excess];
  return freeing === undefined ? t + NEW_WINDOW_RECHECK_MS : freeing + COUNTED_WINDOW_MS;
}

function recordWindow(state: PacingState, family: LimitFamily, next: PacingWindow, t: number): void {
  const current = state.windows[family];
  if (current === undefined || current.resetAt <= t) {
    state.windows[family] = next;
    return;
  }
  const overlaps = next.endsAfter < current.resetAt && next.resetAt > current.endsAfter;
  if (overlaps && next.remaining <= current.remaining) {
    // Same window: keep the tighter bounds.
    state.windows[family] = {
      limit: next.limit ?? current.limit,
      remaining: next.remaining,
      endsAfter: Math.max(current.endsAfter, next.endsAfter),
      resetAt: Math.min(current.resetAt, next.resetAt),
    };
    return;
  }
  // More left in a window that may still be the current one: either a new window began or an
  // older answer overtook a newer one. Believe it only once the current window has surely ended.
  if (overlaps && t < current.resetAt && next.remaining > current.remaining && t <= current.endsAfter) return;
  state.windows[family] = next;
}

export const DEFAULT_MAX_PACERS = 5_000;

/**
 * One pacer per tenant + token, so every card call with that token shares SmartHR's budget.
 * Least recently used pacers are dropped past `maxPacers`, so many one-off tokens cannot grow
 * memory without bound.
 */
export class PacerRegistry {
  private readonly pacers = new Map<string, RateLimitPacer>();

  constructor(
    private readonly maxPacers = DEFAULT_MAX_PACERS,
    private readonly options?: PacerOptions,
    /** Where each key's pacing state lives, shared with other processes; this process's memory when absent. */
    private readonly storeFor?: (key: string) => PacingStore,
  ) {
    if (storeFor) this.options = { ...options, countOneSecondWindows: true };
  }

  for(key: string): RateLimitPacer {
    const existing = this.pacers.get(key);
    if (existing) {
      // Re-insert to keep the map in least-recently-used order.
      this.pacers.delete(key);
      this.pacers.set(key, existing);
      return existing;
    }
    const pacer = new RateLimitPacer(this.options, this.storeFor?.(key));
    this.pacers.set(key, pacer);
    if (this.pacers.size > this.maxPacers) {
      const oldest = this.pacers.keys().next().value;
      if (oldest !== undefined) this.pacers.delete(oldest);
    }
    return pacer;
  }

  get size(): number {
    return this.pacers.size;
  }
}

/** Pacer key: the raw token is hashed so it never sits in a long-lived map. */
export function connectionKey(conn: Pick<Connection, 'accountType' | 'tenantId' | 'accessToken'>): string {
  const tokenHash = createHash('sha256').update(conn.accessToken).digest('hex');
  return `${conn.accountType}:${conn.tenantId}:${tokenHash}`;
}
