import type { ExecutionContext } from './executors/context.ts';
import { pagedRecords, MAX_PER_PAGE, type PagingOptions } from './pagination.ts';
import { matchesFilters } from './record-filter.ts';
import type { QueryValue, RecordFilter } from './request-builder.ts';

type Json = Record<string, unknown>;

/**
 * The records of a SmartHR list that pass the card's service-side filters, at most `limit`.
 * Without such filters SmartHR's own paging does the work: pages of `limit` (capped at 100) and
 * no page beyond the limit. With them, SmartHR's page count says nothing about matches, so full
 * pages are read until enough records passed (one at a time for a single match, so reading stops
 * at the page that holds it). `resume` carries a cursor page's position and time budget through
 * to the paging.
 */
export async function* matchingRecords(
  ctx: ExecutionContext,
  list: { path: string; query: Record<string, QueryValue>; filters: RecordFilter[] },
  limit: number,
  resume: Pick<PagingOptions, 'progress' | 'stopAt'> = {},
): AsyncGenerator<Json> {
  if (limit === 0) return;
  const filtered = list.filters.length > 0;
  const records = pagedRecords(
    ctx.client,
    { path: list.path, query: list.query, signal: ctx.deadline.signal, deadlineAt: ctx.deadline.at },
    {
      perPage: filtered ? MAX_PER_PAGE : Math.min(limit, MAX_PER_PAGE),
      limit: filtered ? undefined : limit,
      // A first match (Find cards) is read a page at a time: pages fetched ahead would mostly be past it.
      concurrency: filtered && limit === 1 ? 1 : ctx.pageConcurrency,
      ...resume,
    },
  );
  let count = 0;
  for await (const record of records) {
    if (filtered && !matchesFilters(record, list.filters)) continue;
    yield record;
    count += 1;
    if (count >= limit) return;
  }
}
