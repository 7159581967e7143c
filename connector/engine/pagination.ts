import { ServiceError } from '../errors.ts';
import type { SmartHRClient } from '../smarthr/client.ts';
import { parseLastPage } from './link-header.ts';
import { RecentIds } from './recent-ids.ts';
import type { QueryValue } from './request-builder.ts';

type Json = Record<string, unknown>;

export const MAX_PER_PAGE = 100;
export const DEFAULT_PAGE_CONCURRENCY = 4;
/**
 * A page's answer is capped at a quarter of the 20 MiB answer cap, so the pages fetched ahead hold
 * at most one answer's worth (a full crew page with every field is ~0.6 MB).
 */
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

export interface PageQuery {
  path: string;
  query: Record<string, QueryValue>;
  signal: AbortSignal;
  deadlineAt?: number;
}

export interface PagingOptions {
  perPage?: number;
  /** Stop after this many records (undefined: all). */
  limit?: number;
  /** Pages fetched ahead of the consumer; bounds memory and upstream load. */
  concurrency?: number;
  /** Resume from its position and keep it up to date (cursor pages); a read from the start otherwise. */
  progress?: ListProgress;
  /** Epoch ms: no SmartHR page is started after this; the read ends there, resumable from `progress`. */
  stopAt?: number;
}

/**
 * Where a read of a SmartHR list stands, in SmartHR's own terms, so that another call (or another
 * replica) can go on from there: the index of the next record and the list's size when last seen.
 */
export interface ListPosition {
  /** 0-based index, in SmartHR's order, of the next record to read. */
  index: number;
  /** x-total-count of the answer that position was read from, when SmartHR sent it. */
  total?: number;
}

export interface ListProgress {
  position: ListPosition;
  /** Set once the end of the list was read. */
  complete: boolean;
}

interface Page {
  records: Json[];
  /** The last page number as this response saw it. */
  lastPage: number;
  /** x-total-count as this response saw it; undefined when SmartHR did not send it. */
  total: number | undefined;
}

function totalFrom(headers: Record<string, string>): number | undefined {
  const total = Number.parseInt(headers['x-total-count'] ?? '', 10);
  return Number.isFinite(total) && total >= 0 ? total : undefined;
}

/** The page count from x-total-count, else from Link rel="last", else "this page is the last". */
export function lastPageFrom(headers: Record<string, string>, perPage: number, page: number, received: number): number {
  const total = totalFrom(headers);
  if (total !== undefined) return Math.max(1, Math.ceil(total / perPage));
  const last = parseLastPage(headers.link);
  if (last !== undefined) return last;
  return received < perPage ? page : page + 1;
}

/**
 * The pages to read again when the list shrank by `shrunkBy` since the read reached `readFrom`
 * (by default the start of `page`): with offset paging, up to that many of the records still to
 * read slid back into pages already read, and would otherwise be skipped without anyone noticing.
 */
export function pagesToReread(page: number, perPage: number, shrunkBy: number, readFrom = (page - 1) * perPage): number[] {
  if (shrunkBy <= 0 || page <= 1) return [];
  const firstOffset = Math.max(0, readFrom - shrunkBy);
  const pages: number[] = [];
  for (let p = Math.floor(firstOffset / perPage) + 1; p < page; p += 1) pages.push(p);
  return pages;
}

function malformedPage(what: string): ServiceError {
  return new ServiceError(502, 'upstream_error', `SmartHR sent ${what}`);
}

/**
 * Every record of a SmartHR list, in SmartHR's order, fetched page by page with per_page=100.
 * Pages after the first are fetched up to `concurrency` ahead of the consumer, so a slow consumer
 * (a slow stream reader) slows the fetching instead of filling memory. The list may change while
 * it is read: the page count is re-read from every answer, so records added at the end are still
 * reached; records that shift forward into the next page are reported once (by id); when the
 * total shrinks, the pages records slid back into are read again so none is skipped. Returning
 * early (limit reached, client gone) aborts the pages still in flight.
 *
 * With `progress`, the read starts at its position (a cursor page resuming an earlier call, which
 * may have seen a larger list: the same shrink rule applies across calls, ids seen by earlier
 * calls are not known, so a record can come again) and moves the position past every record
 * handed over; with `stopAt`, it ends quietly where the next page could not start in time.
 */
export async function* pagedRecords(client: SmartHRClient, query: PageQuery, options: PagingOptions = {}): AsyncGenerator<Json> {
  const perPage = Math.min(options.perPage ?? MAX_PER_PAGE, MAX_PER_PAGE);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_PAGE_CONCURRENCY);
  if (limit <= 0) return;
  const progress = options.progress ?? { position: { index: 0 }, complete: false };
  const start = progress.position.index;
  const firstPage = Math.floor(start / perPage) + 1;
  const stop = new AbortController();
  const signal = AbortSignal.any([query.signal, stop.signal]);
  // Fetching ahead stops at the page that should reach the limit; a later page is only read if
  // duplicates or deletions left the limit unreached.
  const prefetchUntil = Math.floor((start + limit - 1) / perPage) + 1;
  const startsInTime = (): boolean => options.stopAt === undefined || client.nextRequestAt() <= options.stopAt;

  const fetchPage = async (page: number): Promise<Page> => {
    const response = await client.request({
      method: 'GET',
      path: query.path,
      query: { ...query.query, page, per_page: perPage },
      signal,
      deadlineAt: query.deadlineAt,
      waitOnRateLimit: true,
      maxResponseBytes: MAX_PAGE_BYTES,
    });
    const records = Array.isArray(response.body) ? (response.body as Json[]) : [];
    if (records.length > perPage) throw malformedPage(`${records.length} records on a page of ${perPage}, more records than asked for`);
    return { records, lastPage: lastPageFrom(response.headers, perPage, page, records.length), total: totalFrom(response.headers) };
  };

  const seen = new RecentIds();
  /** Whether a record was not reported yet; ids make a record that moved to the next page count once. */
  const unseen = (record: Json): boolean => {
    const id = record.id;
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };

  const inFlight = new Map<number, Promise<Page>>();
  let lastPage = firstPage;
  let nextToRequest = firstPage + 1;
  let yielded = 0;
  let previousTotal = progress.position.total;
  try {
    for (let page = firstPage; page <= lastPage; page += 1) {
      if (!inFlight.has(page) && !startsInTime()) return;
      const current = inFlight.get(page) ?? fetchPage(page);
      inFlight.delete(page);
      const result = await current;
      // Re-read every time: records added while paging move the last page further out.
      lastPage = Math.max(lastPage, result.lastPage);
      // An empty page is the end (after any re-read below): nothing beyond it is worth fetching.
      const until = result.records.length === 0 ? 0 : Math.min(lastPage, prefetchUntil);
      while (nextToRequest <= until && inFlight.size < concurrency && startsInTime()) {
        const pending = fetchPage(nextToRequest);
        pending.catch(() => undefined); // surfaced when awaited in order; avoid an unhandled rejection meanwhile
        inFlight.set(nextToRequest, pending);
        nextToRequest += 1;
      }
      nextToRequest = Math.max(nextToRequest, page + 1);

      const shrunkBy = previousTotal !== undefined && result.total !== undefined ? previousTotal - result.total : 0;
      const wantedFrom = page === firstPage ? start : (page - 1) * perPage;
      const readFrom = Math.max(0, wantedFrom - Math.max(0, shrunkBy));
      const batches: { page: number; result: Page }[] = [];
      for (const again of pagesToReread(page, perPage, shrunkBy, wantedFrom)) batches.push({ page: again, result: await fetchPage(again) });
      batches.push({ page, result });
      previousTotal = result.total;

      let fresh = 0;
      for (const batch of batches) {
        const firstIndex = (batch.page - 1) * perPage;
        for (const [i, record] of batch.result.records.entries()) {
          if (firstIndex + i < readFrom) continue;
          progress.position = { index: firstIndex + i + 1, ...(batch.result.total !== undefined ? { total: batch.result.total } : {}) };
          if (!unseen(record)) continue;
          yield record;
          fresh += 1;
          yielded += 1;
          if (yielded >= limit) return;
        }
      }
      if (result.records.length === 0) break;
      // A full page of nothing new: SmartHR ignores `page`, and would be asked until the deadline.
      if (page > firstPage && fresh === 0 && result.records.length >= perPage) throw malformedPage(`page ${page} again with only records it had already sent: it ignores the page parameter`);
      seen.turnPage();
    }
    progress.complete = true;
  } finally {
    stop.abort();
  }
}
