import { isServiceError } from '../errors.ts';
import type { Deadline } from './deadline.ts';
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

/**
 * Whether an error only says this call ran out of time or of SmartHR's rate budget: the page
 * then ends early with what it has, and the cursor (whose position never moved past a record not
 * returned) resumes there. Worth an error only when nothing at all could be read: SmartHR too slow
 * for even one page, or a rate-limit wait longer than a whole page call.
 */
function outOfBudget(error: unknown, deadline: Deadline, readSome: boolean, longestWaitMs: number): boolean {
  if (!isServiceError(error)) return false;
  if (error.status === 429) return readSome || (error.retryAfter ?? 0) * 1000 <= longestWaitMs;
  const ownDeadline = deadline.signal.aborted && (deadline.signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
  return readSome && ownDeadline && error.status === 504;
}

/** Up to `take` records of a result set that stops early (and resumably) when the page call's budget is spent. */
export async function takePage(records: AsyncGenerator<Json>, take: number, deadline: Deadline, longestWaitMs: number): Promise<Json[]> {
  const page: Json[] = [];
  if (take <= 0) return page;
  try {
    for await (const record of records) {
      page.push(record);
      if (page.length >= take) break;
    }
  } catch (error) {
    if (!outOfBudget(error, deadline, page.length > 0, longestWaitMs)) throw error;
  }
  return page;
}
