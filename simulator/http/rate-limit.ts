/**
 * SmartHR's request limits as fixed windows: per hour and per second for each tenant+token
 * (reported as `x-rate-limit-*` and `x-intensive-rate-limit-*`), and optionally per minute for a
 * whole tenant. Which header family carries which window, the numbers, and the per-tenant window
 * itself are not confirmed for real SmartHR (reference section 4); README says so. `reset` is
 * whole seconds until the window starts over. Every request counts, refused ones included.
 */

export interface RateLimits {
  perSecond: number;
  perHour: number;
  /** All tokens of one tenant together; Infinity = no such window. */
  perTenantPerMinute: number;
}

interface Window {
  startedAt: number;
  used: number;
}

export interface RateDecision {
  headers: Record<string, string>;
  /** Seconds until every spent window has started over; null when nothing is spent. */
  retryAfter: number | null;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 3600 * SECOND;

/** Infinity cannot go on the wire; a limit nobody reaches is reported as a very large number. */
const UNLIMITED_HEADER = '2147483647';

/** The headers of a 429 that every window refused: all spent, all starting over in `seconds`. */
export function spentWindowHeaders(seconds: number): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const family of ['x-rate-limit-', 'x-intensive-rate-limit-']) {
    headers[`${family}remaining`] = '0';
    headers[`${family}reset`] = String(seconds);
  }
  return { ...headers, 'retry-after': String(seconds) };
}

class FixedWindows {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly length: number) {}

  /** Counts one request; returns the window's use and the whole seconds until it starts over. */
  hit(key: string, now: number): { used: number; resetIn: number } {
    let window = this.windows.get(key);
    if (!window) {
      window = { startedAt: now, used: 0 };
      this.windows.set(key, window);
    } else if (now - window.startedAt >= this.length) {
      // Windows keep their phase, so a client that learned when one ends can rely on it.
      window.startedAt = now - ((now - window.startedAt) % this.length);
      window.used = 0;
    }
    window.used++;
    return { used: window.used, resetIn: Math.max(1, Math.ceil((window.startedAt + this.length - now) / SECOND)) };
  }

  clear(): void {
    this.windows.clear();
  }
}

export class RateLimiter {
  private readonly second = new FixedWindows(SECOND);
  private readonly hour = new FixedWindows(HOUR);
  private readonly tenantMinute = new FixedWindows(MINUTE);

  constructor(private limits: RateLimits) {}

  set(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  current(): RateLimits {
    return { ...this.limits };
  }

  reset(): void {
    this.second.clear();
    this.hour.clear();
    this.tenantMinute.clear();
  }

  hit(tenant: string, token: string, now = Date.now()): RateDecision {
    const { perSecond, perHour, perTenantPerMinute } = this.limits;
    const key = `${tenant}\n${token}`;
    const second = this.second.hit(key, now);
    const hour = this.hour.hit(key, now);
    const spent = [
      { limit: perSecond, ...second },
      { limit: perHour, ...hour },
      ...(Number.isFinite(perTenantPerMinute) ? [{ limit: perTenantPerMinute, ...this.tenantMinute.hit(tenant, now) }] : []),
    ].filter((w) => w.used > w.limit);
    const family = (prefix: string, limit: number, window: { used: number; resetIn: number }): Record<string, string> => ({
      [`${prefix}limit`]: Number.isFinite(limit) ? String(limit) : UNLIMITED_HEADER,
      [`${prefix}remaining`]: Number.isFinite(limit) ? String(Math.max(0, limit - window.used)) : UNLIMITED_HEADER,
      [`${prefix}reset`]: String(window.resetIn),
    });
    return {
      retryAfter: spent.length > 0 ? Math.max(...spent.map((w) => w.resetIn)) : null,
      headers: { ...family('x-rate-limit-', perHour, hour), ...family('x-intensive-rate-limit-', perSecond, second) },
    };
  }
}
