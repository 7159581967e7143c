import { ServiceError } from '../../errors.ts';

const LABEL = 'Relative URL';

function refuse(reason: string): never {
  throw new ServiceError(400, 'invalid_input', `${LABEL} ${reason}`, [{ field: LABEL, pointer: `/inputs/Request/${LABEL}`, message: `${LABEL} ${reason}` }]);
}

export interface RelativeTarget {
  /** Under the API base, starting with /v1/. */
  path: string;
  query: Record<string, string>;
}

/**
 * Okta's Custom API Action takes a URL relative to SmartHR's API base (/v1/...; /api/v1/... is
 * accepted too). Anything that could move the request to another host or another part of the
 * site is refused before a URL is ever built: schemes, //host, backslashes, userinfo, control
 * characters, and dot-segments whether written plainly or percent-encoded.
 */
export function parseRelativeUrl(raw: string): RelativeTarget {
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) refuse('must not contain spaces or control characters.');
  if (raw.includes('\\')) refuse('must not contain backslashes.');
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) refuse('must be relative, like /v1/crews; absolute URLs are not allowed.');
  if (raw.includes('#')) refuse('must not contain a fragment (#).');
  const [rawPath = '', rawQuery = ''] = raw.split(/\?(.*)/s, 2);
  const path = rawPath.startsWith('/api/v1/') ? rawPath.slice(4) : rawPath;
  if (!path.startsWith('/v1/')) refuse('must start with /v1/ (for example /v1/crews).');
  if (path.includes('//') || path.includes('@')) refuse('has an invalid path.');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    refuse('has invalid percent-encoding.');
  }
  if (decoded.split('/').some((segment) => segment === '.' || segment === '..') || /%2f|%5c/i.test(path) || decoded.includes('\\')) {
    refuse('must not contain dot-segments or encoded slashes.');
  }
  return { path, query: Object.fromEntries(new URLSearchParams(rawQuery)) };
}

/** Headers a flow may not set: the token is the connection's, and hop-by-hop headers belong to the transport. */
const FORBIDDEN_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'host', 'connection', 'keep-alive', 'proxy-connection',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'content-length', 'expect', 'forwarded', 'x-forwarded-for',
  'x-forwarded-host', 'x-forwarded-proto',
]);

export function customHeaders(raw: Record<string, unknown> | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const lower = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(lower) || !/^[a-z0-9-]{1,64}$/.test(lower)) {
      throw new ServiceError(400, 'invalid_input', `Headers: "${name}" cannot be set on a Custom API Action.`, [{ field: 'Headers', pointer: '/inputs/Request/Headers', message: `"${name}" cannot be set; the connection supplies authentication.` }]);
    }
    const text = String(value);
    // What HTTP lets a header value hold: tab, visible ASCII and Latin-1. Anything else (line
    // breaks, other controls, characters above U+00FF) Node refuses when sending, which would be a 502.
    if (!/^[\t\u0020-\u007e\u0080-\u00ff]*$/.test(text)) {
      throw new ServiceError(400, 'invalid_input', `Headers: "${name}" has an invalid value.`, [{ field: 'Headers', pointer: '/inputs/Request/Headers', message: `"${name}" must hold only tabs, printable ASCII and Latin-1 characters: no line breaks, control characters or characters above U+00FF.` }]);
    }
    headers[lower] = text;
  }
  return headers;
}
