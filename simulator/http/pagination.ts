/**
 * SmartHR list paging (reference section 3): page (1-based, default 1), per_page (default 10,
 * max 100), headers x-total-count, x-page, x-per-page and an RFC 5988 Link.
 *
 * SmartHR's reference describes page and per_page in the words of the api-pagination gem's Grape
 * helper ("Page of results to fetch.", "Number of results to return per page."), so the Link
 * follows that gem: first/prev only after page 1, next/last only before the last page (no Link
 * at all on a single page), and every query parameter of the request kept, keys sorted, with
 * page set. Two choices of ours on top (README): per_page, when sent, says the page size actually
 * used (as x-per-page does), and access_token is left out so a token never travels in a header.
 * The rels come in the order of SmartHR's documented example.
 */
import type { Request, Response } from 'express';
import { invalidField } from '../errors.ts';
import { searchParams } from './query.ts';

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

export type PerPageOverMax = 'clamp' | 'error';

function positiveInt(value: string | null, field: string, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw invalidField('pagination', field, `${field}は1以上の整数で指定してください`);
  return Number(value);
}

export interface PageRequest {
  page: number;
  perPage: number;
}

export function pageRequest(req: Request, overMax: PerPageOverMax): PageRequest {
  const query = searchParams(req);
  const page = positiveInt(query.get('page'), 'page', 1);
  let perPage = positiveInt(query.get('per_page'), 'per_page', DEFAULT_PER_PAGE);
  if (perPage > MAX_PER_PAGE) {
    if (overMax === 'error') throw invalidField('pagination', 'per_page', `per_pageは${MAX_PER_PAGE}以下で指定してください`);
    perPage = MAX_PER_PAGE;
  }
  return { page, perPage };
}

function linkHeader(req: Request, page: number, perPage: number, last: number): string | null {
  const base = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl.split('?')[0] ?? ''}`;
  const url = (n: number): string => {
    const query = searchParams(req);
    query.delete('access_token');
    if (query.has('per_page')) query.set('per_page', String(perPage));
    query.set('page', String(n));
    query.sort();
    return `${base}?${query.toString()}`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`<${url(1)}>; rel="first"`, `<${url(page - 1)}>; rel="prev"`);
  if (page < last) links.push(`<${url(page + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`);
  return links.length > 0 ? links.join(', ') : null;
}

/** Sets the paging headers and returns the rows of the requested page. */
export function paginate<T>(req: Request, res: Response, items: readonly T[], overMax: PerPageOverMax): T[] {
  const { page, perPage } = pageRequest(req, overMax);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  res.setHeader('x-total-count', String(items.length));
  res.setHeader('x-page', String(page));
  res.setHeader('x-per-page', String(perPage));
  const link = linkHeader(req, page, perPage, last);
  if (link !== null) res.setHeader('link', link);
  return items.slice((page - 1) * perPage, page * perPage);
}
