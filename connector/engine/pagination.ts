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
}

/** The page count from x-total-count, else from Link rel="last", else "this page is the last". */
export function lastPageFrom(headers: Record<string, string>, perPage: number, page: number, received: number): number {
  const total = Number.parseInt(headers['x-total-count'] ?? '', 10);
  if (Number.isFinite(total)) return Math.max(1, Math.ceil(total / perPage));
  const last = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(headers.link ?? '');
  if (last?.[1]) return Number.parseInt(last[1], 10);
  return received < perPage ? page : page + 1;
}

/**
 * Every record of a SmartHR list, in SmartHR's order, fetched page by page with per_page=100.
 * Pages after the first are fetched up to `concurrency` ahead of the consumer, so a slow consumer
 * (a slow stream reader) slows the fetching instead of filling memory. The page count is re-read
 * from every answer, so records added while paging are still reached; records that shift between
 * pages are reported once (by id). Returning early (limit reached, client gone) aborts the pages
 * still in flight.
 */
export async function* pagedRecords(client: SmartHRClient, query: PageQuery, options: PagingOptions = {}): AsyncGenerator<Json> {
  const perPage = Math.min(options.perPage ?? MAX_PER_PAGE, MAX_PER_PAGE);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_PAGE_CONCURRENCY);
  if (limit <= 0) return;
  const stop = new AbortController();
  const signal = AbortSignal.any([query.signal, stop.signal]);
  const maxPage = Math.ceil(limit / perPage);

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
    return { records, lastPage: lastPageFrom(response.headers, perPage, page, records.length) };
  };

  const seen = new Set<unknown>();
  const inFlight = new Map<number, Promise<Page>>();
  let lastPage = 1;
  let nextToRequest = 2;
  let yielded = 0;
  try {
    for (let page = 1; page <= Math.min(lastPage, maxPage); page += 1) {
      const current = inFlight.get(page) ?? fetchPage(page);
      inFlight.delete(page);
      const result = await current;
      // Re-read every time: records added while paging move the last page further out.
      lastPage = Math.max(lastPage, result.lastPage);
      if (result.records.length === 0 && page > 1) break;
      const until = Math.min(lastPage, maxPage);
      while (nextToRequest <= until && inFlight.size < concurrency) {
        const pending = fetchPage(nextToRequest);
        pending.catch(() => undefined); // surfaced when awaited in order; avoid an unhandled rejection meanwhile
        inFlight.set(nextToRequest, pending);
        nextToRequest += 1;
      }
      for (const record of result.records) {
        const id = record.id;
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        yield record;
        yielded += 1;
        if (yielded >= limit) return;
      }
    }
  } finally {
    stop.abort();
  }
}
