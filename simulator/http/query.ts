import type { Request } from 'express';
import { isJsonObject, type JsonObject } from '../json.ts';

/** The query string in its original order (Link URLs keep it), independent of Express's parser. */
export function searchParams(req: Request): URLSearchParams {
  const at = req.originalUrl.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : req.originalUrl.slice(at + 1));
}

export function queryRecord(req: Request): Record<string, string> {
  return Object.fromEntries(searchParams(req));
}

/** The parsed request body as JSON; a write without a body is an empty object. */
export function bodyOf(req: Request): JsonObject {
  const body: unknown = req.body;
  return isJsonObject(body) ? (body as JsonObject) : {};
}
