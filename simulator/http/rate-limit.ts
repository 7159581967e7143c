/**
 * Two fixed windows per tenant+token: per hour (reported as `x-rate-limit-*`) and per second
 * (reported as `x-intensive-rate-limit-*`). Which header family carries which window is not
 * confirmed for real SmartHR (reference section 4); README says so. `reset` is whole seconds
 * until the window starts over. Every request counts, refused ones included.
 */

export interface RateLimits {
  perSecond: number;
  perHour: number;
}

interface Window {
  startedAt: number;
  used: number;
}

export interface RateDecision {
  headers: Record<string, string>;
  limited: boolean;
}

const SECOND = 1000;
const HOUR = 3600 * SECOND;

function headerLimit(limit: number): string {
  // Infinity cannot go on the wire; a limit nobody reaches is reported as a very large number.
  return Number.isFinite(limit) ? String(limit) : '2147483647';
}

export class RateLimiter {
  private readonly windows = new Map<string, { second: Window; hour: Window }>();

  constructor(private limits: RateLimits) {}

  set(limits: Partial<RateLimits>): void {
    this.limits = { ...this.limits, ...limits };
  }

  current(): RateLimits {
    return { ...this.limits };
  }

  reset(): void {
    this.windows.clear();
  }

  hit(key: string, now = Date.now()): RateDecision {
    let state = this.windows.get(key);
    if (!state) {
      state = { second: { startedAt: now, used: 0 }, hour: { startedAt: now, used: 0 } };
      this.windows.set(key, state);
    }
    const { second, hour } = state;
    if (now - second.startedAt >= SECOND) Object.assign(second, { startedAt: now - ((now - second.startedAt) % SECOND), used: 0 });
    if (now - hour.startedAt >= HOUR) Object.assign(hour, { startedAt: now, used: 0 });
    second.used++;
    hour.used++;
    const { perSecond, perHour } = this.limits;
    const remaining = (limit: number, used: number): string =>
      Number.isFinite(limit) ? String(Math.max(0, limit - used)) : headerLimit(limit);
    const resetIn = (window: Window, length: number): string =>
      String(Math.max(1, Math.ceil((window.startedAt + length - now) / SECOND)));
    return {
      limited: second.used > perSecond || hour.used > perHour,
      headers: {
        'x-rate-limit-limit': headerLimit(perHour),
        'x-rate-limit-remaining': remaining(perHour, hour.used),
        'x-rate-limit-reset': resetIn(hour, HOUR),
        'x-intensive-rate-limit-limit': headerLimit(perSecond),
        'x-intensive-rate-limit-remaining': remaining(perSecond, second.used),
        'x-intensive-rate-limit-reset': resetIn(second, SECOND),
      },
    };
  }
}
