import { isServiceError, ServiceError } from '../errors.ts';
import type { ExecutionContext } from './executors/context.ts';
import type { ListProgress } from './pagination.ts';

type Json = Record<string, unknown>;

/** One cursor page's share of a streaming result set. */
export interface PageSlice {
  /** Where the previous page stopped; moved on as records are read. */
  progress: ListProgress;
  /** Most records this page returns: the page size, or less where Record Limit leaves less. */
  take: number;
  /** Epoch ms after which no SmartHR page is started, so the answer is not late. */
  stopAt: number;
}

/** SmartHR answers that say "not now" rather than "never": rate limit, unavailable, too slow. */
const TRANSIENT = new Set([429, 502, 503, 504]);

/**
 * Whether a failure may end the page early instead of failing the call: the cursor's position
 * never moved past a record not returned, so the next call reads the failed SmartHR page again
 * (and reports the failure then, if it persists). With nothing read, only a short rate-limit
 * wait gives an empty page; anything else is the call's answer.
 */
function endsPageEarly(error: unknown, readSome: boolean, longestWaitMs: number): boolean {
  if (!isServiceError(error) || !TRANSIENT.has(error.status)) return false;
  if (readSome) return true;
  return error.status === 429 && (error.retryAfter ?? 0) * 1000 <= longestWaitMs;
}

/**
 * Up to `slice.take` records of a result set that stops early (and resumably) when the page
 * call's budget is spent. A page may hold no record at all when the rate budget allows no SmartHR
 * page before the deadline; when even a whole new page call could not start one (an hourly limit
 * spent), the answer is a 429 with the wait instead, so a loop does not spin on empty pages.
 */
export async function takePage(records: AsyncGenerator<Json>, slice: PageSlice, ctx: ExecutionContext, longestWaitMs: number): Promise<Json[]> {
  const page: Json[] = [];
  if (slice.take <= 0) return page;
  try {
    for await (const record of records) {
      page.push(record);
      if (page.length >= slice.take) break;
    }
  } catch (error) {
    if (!endsPageEarly(error, page.length > 0, longestWaitMs)) throw error;
  }
  const waitMs = ctx.client.nextRequestAt() - Date.now();
  if (page.length === 0 && !slice.progress.complete && waitMs > longestWaitMs) {
    throw new ServiceError(429, 'rate_limited', 'SmartHR rate limit reached for longer than a page call can wait; call again with the same cursor later', [], Math.ceil(waitMs / 1000));
  }
  return page;
}
