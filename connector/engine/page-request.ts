import { ServiceError, type ErrorDetail } from '../errors.ts';

export const DEFAULT_PAGE_SIZE = 500;
export const MAX_PAGE_SIZE = 1000;

/** A cursor page call's body, split into the card invocation and the paging fields. */
export interface PageRequest {
  /** `{options, inputs}`, validated against the card like any card call. */
  invocation: Record<string, unknown>;
  /** null on the first page. */
  cursor: string | null;
  pageSize: number;
}

/** Reads `{"options","inputs","cursor","pageSize"}`; the paging fields are checked here, the rest by the card. */
export function readPageRequest(body: unknown): PageRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError(400, 'invalid_input', 'The request body must be a JSON object {"options": {...}, "inputs": {...}, "cursor": null, "pageSize": 500}.');
  }
  const { cursor = null, pageSize = null, ...invocation } = body as Record<string, unknown>;
  const details: ErrorDetail[] = [];
  if (cursor !== null && (typeof cursor !== 'string' || cursor === '')) {
    details.push({ field: 'cursor', pointer: '/cursor', message: 'cursor must be null (first page) or the "Next Cursor" of the previous page.' });
  }
  if (pageSize !== null && !(typeof pageSize === 'number' && Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE)) {
    details.push({ field: 'pageSize', pointer: '/pageSize', message: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` });
  }
  if (details.length > 0) {
    throw new ServiceError(400, 'invalid_input', `Invalid page request: ${details.map((d) => d.field).join(', ')}.`, details);
  }
  return { invocation, cursor: cursor as string | null, pageSize: (pageSize as number | null) ?? DEFAULT_PAGE_SIZE };
}
