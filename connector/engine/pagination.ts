import type { SmartHRClient } from '../smarthr/client.ts';
import type { QueryValue } from './request-builder.ts';

type Json = Record<string, unknown>;

export const MAX_PER_PAGE = 100;
export const DEFAULT_PAGE_CONCURRENCY = 4;

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
  const last = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(headers.link ?? '');
  if (last?.[1]) return Number.parseInt(last[1], 10);
  return received < perPage ? page : page + 1;
}

/**
 * The pages to read again when the list shrank by `shrunkBy` between reading `page - 1` and
 * `page`: with offset paging, that many records from the start of `page` slid back into pages
 * already read, and would otherwise be skipped without anyone noticing.
 */
export function pagesToReread(page: number, perPage: number, shrunkBy: number): number[] {
  if (shrunkBy <= 0 || page <= 1) return [];
  const firstOffset = Math.max(0, (page - 1) * perPage - shrunkBy);
  const pages: number[] = [];
  for (let p = Math.floor(firstOffset / perPage) + 1; p < page; p += 1) pages.push(p);
  return pages;
}

/**
 * Every record of a SmartHR list, in SmartHR's order, fetched page by page with per_page=100.
 * Pages after the first are fetched up to `concurrency` ahead of the consumer, so a slow consumer
 * (a slow stream reader) slows the fetching instead of filling memory. The list may change while
 * it is read: the page count is re-read from every answer, so records added at the end are still
 * reached; records that shift forward into the next page are reported once (by id); when the
 * total shrinks, the pages records slid back into are read again so none is skipped. Returning
 * early (limit reached, client gone) aborts the pages still in flight.
 */
export async function* pagedRecords(client: SmartHRClient, query: PageQuery, options: PagingOptions = {}): AsyncGenerator<Json> {
  const perPage = Math.min(options.perPage ?? MAX_PER_PAGE, MAX_PER_PAGE);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_PAGE_CONCURRENCY);
  if (limit <= 0) return;
  const stop = new AbortController();
  const signal = AbortSignal.any([query.signal, stop.signal]);
  // Fetching ahead stops at the page that should reach the limit; a later page is only read if
  // duplicates or deletions left the limit unreached.
  const prefetchUntil = Math.ceil(limit / perPage);

  const fetchPage = async (page: number): Promise<Page> => {
    const response = await client.request({
      method: 'GET',
      path: query.path,
      query: { ...query.query, page, per_page: perPage },
      signal,
      deadlineAt: query.deadlineAt,
      waitOnRateLimit: true,
    });
    const records = Array.isArray(response.body) ? (response.body as Json[]) : [];
    return { records, lastPage: lastPageFrom(response.headers, perPage, page, records.length), total: totalFrom(response.headers) };
  };

  const seen = new Set<unknown>();
  /** Records not reported yet, in order; ids make a record that moved pages count once. */
  const unseen = (records: Json[]): Json[] =>
    records.filter((record) => {
      const id = record.id;
      if (id === undefined) return true;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });

  const inFlight = new Map<number, Promise<Page>>();
  let lastPage = 1;
  let nextToRequest = 2;
  let yielded = 0;
  let previousTotal: number | undefined;
  try {
    for (let page = 1; page <= lastPage; page += 1) {
      const current = inFlight.get(page) ?? fetchPage(page);
      inFlight.delete(page);
      const result = await current;
      // Re-read every time: records added while paging move the last page further out.
      lastPage = Math.max(lastPage, result.lastPage);
      if (result.records.length === 0 && page > 1) break;
      const until = Math.min(lastPage, prefetchUntil);
      while (nextToRequest <= until && inFlight.size < concurrency) {
        const pending = fetchPage(nextToRequest);
        pending.catch(() => undefined); // surfaced when awaited in order; avoid an unhandled rejection meanwhile
        inFlight.set(nextToRequest, pending);
        nextToRequest += 1;
      }
      nextToRequest = Math.max(nextToRequest, page + 1);

      const batches: Json[][] = [];
      const shrunkBy = previousTotal !== undefined && result.total !== undefined ? previousTotal - result.total : 0;
      for (const again of pagesToReread(page, perPage, shrunkBy)) batches.push((await fetchPage(again)).records);
      batches.push(result.records);
      previousTotal = result.total;

      for (const batch of batches) {
        for (const record of unseen(batch)) {
          yield record;
          yielded += 1;
          if (yielded >= limit) return;
        }
      }
    }
  } finally {
    stop.abort();
  }
}
