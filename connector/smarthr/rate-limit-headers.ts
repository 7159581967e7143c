/**
 * SmartHR's two rate-limit header families (smarthr-api.md section 4). `reset` is seconds until
 * the window resets, not an epoch. Which window each family carries is undocumented, so both
 * are treated alike.
 */

export type LimitFamily = 'standard' | 'intensive';

/**
 * The longest wait any header can impose. SmartHR's longest window is an hour; a larger (or
 * far-future) value is a broken or hostile answer and must not hold a token for longer, nor
 * overflow the whole number of seconds the error envelope promises.
 */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 3600;

export interface LimitSnapshot {
  family: LimitFamily;
  limit: number | undefined;
  remaining: number | undefined;
  resetSeconds: number | undefined;
}

const PREFIX: Record<LimitFamily, string> = {
  standard: 'x-rate-limit-',
  intensive: 'x-intensive-rate-limit-',
};

function nonNegativeNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Seconds, clamped: "1e309" (Infinity to Number) is as long a wait as we allow, not none. */
function waitSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isNaN(n) || n < 0 ? undefined : Math.min(n, MAX_RATE_LIMIT_WAIT_SECONDS);
}

/** Families present in the headers (names lower-case). */
export function readLimitSnapshots(headers: Record<string, string>): LimitSnapshot[] {
  const out: LimitSnapshot[] = [];
  for (const family of ['standard', 'intensive'] as const) {
    const p = PREFIX[family];
    const snapshot: LimitSnapshot = {
      family,
      limit: nonNegativeNumber(headers[`${p}limit`]),
      remaining: nonNegativeNumber(headers[`${p}remaining`]),
      resetSeconds: waitSeconds(headers[`${p}reset`]),
    };
    if (snapshot.limit !== undefined || snapshot.remaining !== undefined || snapshot.resetSeconds !== undefined) {
      out.push(snapshot);
    }
  }
  return out;
}

/**
 * Seconds to wait after a 429: the reset of the exhausted family (remaining 0), else the longest
 * reset given, at least 1 and at most MAX_RATE_LIMIT_WAIT_SECONDS.
 */
export function rateLimitWaitSeconds(headers: Record<string, string>): number {
  const snapshots = readLimitSnapshots(headers);
  const exhausted = snapshots.filter((s) => s.remaining === 0 && s.resetSeconds !== undefined);
  const candidates = (exhausted.length > 0 ? exhausted : snapshots).map((s) => s.resetSeconds ?? 0);
  const fromRetryAfter = retryAfterHeaderSeconds(headers['retry-after']);
  if (fromRetryAfter !== undefined) candidates.push(fromRetryAfter);
  return Math.max(1, Math.ceil(Math.max(0, ...candidates)));
}

/** RFC 9110 Retry-After: delay-seconds or an HTTP-date; at most MAX_RATE_LIMIT_WAIT_SECONDS. */
export function retryAfterHeaderSeconds(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return waitSeconds(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.min(MAX_RATE_LIMIT_WAIT_SECONDS, Math.max(0, Math.ceil((at - now) / 1000)));
}
