/**
 * SmartHR list paging (reference section 3): page (1-based, default 1), per_page (default 10,
 * max 100), headers x-total-count, x-page, x-per-page and an RFC 5988 Link with first/prev/
 * next/last. prev is left out on page 1 and next on the last page. Link URLs keep the request's
 * other query parameters (minus access_token, so a token never travels in a header).
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

function linkHeader(req: Request, page: number, last: number): string {
  const base = `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl.split('?')[0] ?? ''}`;
  const url = (n: number): string => {
    const query = searchParams(req);
    query.delete('access_token');
    query.set('page', String(n));
    return `${base}?${query.toString()}`;
  };
  const links = [`<${url(1)}>; rel="first"`];
  if (page > 1) links.push(`<${url(Math.min(page - 1, last))}>; rel="prev"`);
  if (page < last) links.push(`<${url(page + 1)}>; rel="next"`);
  links.push(`<${url(last)}>; rel="last"`);
  return links.join(', ');
}

/** Sets the paging headers and returns the rows of the requested page. */
export function paginate<T>(req: Request, res: Response, items: readonly T[], overMax: PerPageOverMax): T[] {
  const { page, perPage } = pageRequest(req, overMax);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  res.setHeader('x-total-count', String(items.length));
  res.setHeader('x-page', String(page));
  res.setHeader('x-per-page', String(perPage));
  res.setHeader('link', linkHeader(req, page, last));
  return items.slice((page - 1) * perPage, page * perPage);
}
