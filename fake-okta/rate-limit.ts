/**
 * Okta's org-wide rate limit, as its rate-limit reference describes it: every response carries
 * X-Rate-Limit-Limit (the ceiling), X-Rate-Limit-Remaining (left in this window) and
 * X-Rate-Limit-Reset (when the window starts over, in UTC epoch seconds); past the ceiling Okta
 * answers 429 (E0000047). Windows are fixed and aligned to the epoch.
 */
export interface RateLimitOptions {
  /** Requests per window; Infinity turns the limit off (headers still sent). */
  limit: number;
  windowMs: number;
}

export interface RateLimitVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

const UNLIMITED = 2147483647;

export class OrgRateLimit {
  private windowStart = 0;
  private used = 0;

  constructor(private options: RateLimitOptions, private readonly now: () => number = Date.now) {}

  set(options: Partial<RateLimitOptions>): void {
    this.options = { ...this.options, ...options };
    this.used = 0;
  }

  take(): RateLimitVerdict {
    const { limit, windowMs } = this.options;
    const now = this.now();
    const start = Math.floor(now / windowMs) * windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    this.used += 1;
    const finite = Number.isFinite(limit);
    const allowed = !finite || this.used <= limit;
    const headers = {
      'X-Rate-Limit-Limit': String(finite ? limit : UNLIMITED),
      'X-Rate-Limit-Remaining': String(finite ? Math.max(0, limit - this.used) : UNLIMITED),
      'X-Rate-Limit-Reset': String(Math.ceil((start + windowMs) / 1000)),
    };
    return { allowed, headers };
  }
}
