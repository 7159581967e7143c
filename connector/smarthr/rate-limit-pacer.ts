import { createHash } from 'node:crypto';
import { ServiceError } from '../errors.ts';
import type { Connection } from './connection.ts';
import { readLimitSnapshots, rateLimitWaitSeconds, type LimitFamily } from './rate-limit-headers.ts';

/**
 * Keeps one tenant+token's request stream under SmartHR's limits, using what the response
 * headers say rather than a guessed rate: hold when a window is spent, spread the last part of a
 * window's budget over the time left in it, and stop everyone after a 429. Cheaper than retrying
 * 429s, and a stream of pages never sees one if the headers are honest.
 */

export interface PacerOptions {
  /** Operator cap on requests per second for one key, whatever the headers allow. */
  maxPerSecond?: number;
  /** Fraction of a window's limit below which requests are spread out (default 0.2). */
  lowWaterFraction?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface WindowState {
  limit: number | undefined;
  remaining: number;
  /**
   * Bounds on when the window ends. `reset` is whole seconds, so one answer only says the end is
   * within a second; answers from the same window narrow it, which lets a spent window be
   * resumed at its real end instead of up to a second late.
   */
  endsAfter: number;
  resetAt: number;
}

const DEFAULT_LOW_WATER_FRACTION = 0.2;

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
  private readonly windows = new Map<LimitFamily, WindowState>();
  private readonly wakers = new Set<() => void>();
  private blockedUntil = 0;
  private lastGrantAt = Number.NEGATIVE_INFINITY;
  private inFlightCount = 0;
  private readonly minIntervalMs: number;
  private readonly lowWaterFraction: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(options: PacerOptions = {}) {
    const cap = options.maxPerSecond;
    this.minIntervalMs = cap !== undefined && cap > 0 ? 1000 / cap : 0;
    this.lowWaterFraction = options.lowWaterFraction ?? DEFAULT_LOW_WATER_FRACTION;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  /**
   * Resolves when a request may be sent, and counts it in flight until observe() or release().
   * A hold longer than `maxWaitMs` is answered at once with a 429 carrying the wait, so a caller
   * that cannot wait that long (a single card call) hands the wait to Workflows' own 429 retry.
   */
  async acquire(signal?: AbortSignal, maxWaitMs: number = Number.POSITIVE_INFINITY): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const t = this.now();
      const at = this.earliestStart(t);
      if (at <= t) {
        this.inFlightCount += 1;
        this.lastGrantAt = t;
        return;
      }
      if (at - t > maxWaitMs) {
        const seconds = Math.max(1, Math.ceil((at - t) / 1000));
        throw new ServiceError(429, 'rate_limited', 'SmartHR rate limit reached; try again later', [], seconds);
      }
      await this.waitUntil(at - t, signal);
    }
  }

  /** When (epoch ms, by this pacer's clock) the next request could be sent, as far as is known now. */
  nextStartAt(): number {
    return this.earliestStart(this.now());
  }

  /** Records an answer's rate-limit headers (lower-case names) and ends its in-flight count. */
  observe(headers: Record<string, string>, status?: number): void {
    this.settle();
    const t = this.now();
    for (const s of readLimitSnapshots(headers)) {
      if (s.remaining === undefined || s.resetSeconds === undefined) continue;
      const resetAt = t + s.resetSeconds * 1000;
      const endsAfter = Number.isInteger(s.resetSeconds) ? resetAt - 1000 : resetAt;
      this.record(s.family, { limit: s.limit, remaining: s.remaining, endsAfter, resetAt }, t);
    }
    if (status === 429) {
      this.blockedUntil = Math.max(this.blockedUntil, t + rateLimitWaitSeconds(headers) * 1000);
    }
    this.wakeAll();
  }

  /** Ends an in-flight count when no answer arrived (transport failure). */
  release(): void {
    this.settle();
    this.wakeAll();
  }

  private settle(): void {
    if (this.inFlightCount > 0) this.inFlightCount -= 1;
  }

  private record(family: LimitFamily, next: WindowState, t: number): void {
    const current = this.windows.get(family);
    if (current === undefined || current.resetAt <= t) {
      this.windows.set(family, next);
      return;
    }
    const overlaps = next.endsAfter < current.resetAt && next.resetAt > current.endsAfter;
    if (overlaps && next.remaining <= current.remaining) {
      // Same window: keep the tighter bounds.
      this.windows.set(family, {
        limit: next.limit ?? current.limit,
        remaining: next.remaining,
        endsAfter: Math.max(current.endsAfter, next.endsAfter),
        resetAt: Math.min(current.resetAt, next.resetAt),
      });
      return;
    }
    // More left in a window that may still be the current one: either a new window began or an
    // older answer overtook a newer one. Believe it only once the current window has surely ended.
    if (overlaps && t < current.resetAt && next.remaining > current.remaining && t <= current.endsAfter) return;
    this.windows.set(family, next);
  }

  private earliestStart(t: number): number {
    let at = Math.max(t, this.blockedUntil, this.lastGrantAt + this.minIntervalMs);
    for (const w of this.windows.values()) {
      if (w.resetAt <= t) continue; // the window is over; the next answer will tell us the new one
      const available = w.remaining - this.inFlightCount;
      if (w.remaining <= 0 || available <= 0) {
        at = Math.max(at, w.resetAt);
        continue;
      }
      const lowWater = Math.ceil((w.limit ?? w.remaining) * this.lowWaterFraction);
      if (available <= lowWater) {
        at = Math.max(at, this.lastGrantAt + (w.resetAt - t) / (available + 1));
      }
    }
    return at;
  }

  /** Sleeps, but wakes early when an answer arrives, since it may free budget. */
  private async waitUntil(ms: number, signal: AbortSignal | undefined): Promise<void> {
    const local = new AbortController();
    const wake = (): void => local.abort();
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
  }

  private wakeAll(): void {
    for (const wake of [...this.wakers]) wake();
  }
}

/**
 * One pacer per tenant + token, so every card call with that token shares SmartHR's budget.
 * Least recently used pacers are dropped past `maxPacers`, so many one-off tokens cannot grow
 * memory without bound.
 */
export class PacerRegistry {
  private readonly pacers = new Map<string, RateLimitPacer>();

  constructor(
    private readonly maxPacers = 5_000,
    private readonly options?: PacerOptions,
  ) {}

  for(key: string): RateLimitPacer {
    const existing = this.pacers.get(key);
    if (existing) {
      // Re-insert to keep the map in least-recently-used order.
      this.pacers.delete(key);
      this.pacers.set(key, existing);
      return existing;
    }
    const pacer = new RateLimitPacer(this.options);
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
