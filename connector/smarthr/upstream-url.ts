import { ServiceError } from '../errors.ts';

export type QueryValue = string | number | boolean | undefined;

const MAX_PATH_LENGTH = 2048;
// Raw whitespace, controls, backslashes and fragments have no business in an API path and are
// the usual ingredients of parser-differential tricks.
const FORBIDDEN_RAW = /[\s\x00-\x1f\x7f\\#]/;

function refused(reason: string): ServiceError {
  const message = `The SmartHR path ${reason}`;
  return new ServiceError(400, 'invalid_input', message, [{ message }]);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw refused('has a malformed percent-encoding');
  }
}

function checkPathShape(pathPart: string): void {
  if (!pathPart.startsWith('/v1/')) throw refused('must start with /v1/');
  if (pathPart.includes('//')) throw refused('must not contain empty segments');
  for (const raw of pathPart.split('/').slice(1)) {
    const segment = decodeSegment(raw);
    // Decoded, so %2e%2e, %2f and %5c are caught as well as their literal forms.
    if (segment === '.' || segment === '..') throw refused('must not contain dot segments');
    if (/[/\\]/.test(segment)) throw refused('must not contain encoded slashes');
  }
}

/**
 * Joins a caller's `/v1/...` path (optionally with its own query string) under the API base and
 * proves the result is still below `{apiBase}/v1/` on the same origin.
 */
export function buildUpstreamUrl(apiBase: URL, path: string, query?: Record<string, QueryValue>): URL {
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH) throw refused('is missing or too long');
  if (FORBIDDEN_RAW.test(path)) throw refused('contains characters that are not allowed');
  const queryStart = path.indexOf('?');
  const pathPart = queryStart === -1 ? path : path.slice(0, queryStart);
  checkPathShape(pathPart);

  const basePath = apiBase.pathname.replace(/\/+$/, '');
  const url = new URL(`${apiBase.origin}${basePath}${path}`);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value));
  }

  const stillUnder =
    url.origin === apiBase.origin &&
    url.username === '' &&
    url.password === '' &&
    url.hash === '' &&
    url.pathname.startsWith(`${basePath}/v1/`);
  if (!stillUnder) throw refused('leaves the SmartHR API');
  return url;
}
