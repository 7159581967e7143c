import { ServiceError } from '../errors.ts';

/** Outgoing headers and body. Caller headers may add, never replace auth or framing. */

// Authorization is ours; the rest are hop-by-hop or framing headers that would let a caller
// desynchronise the pooled connection.
const RESERVED = new Set([
  'authorization',
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'cookie',
  'expect',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Node's own rule for header values (tab, visible ASCII, Latin-1); it throws on anything else.
const FORBIDDEN_VALUE = /[^\t\u0020-\u007e\u0080-\u00ff]/;

function refused(message: string): ServiceError {
  return new ServiceError(400, 'invalid_input', message, [{ message }]);
}

export function buildRequestHeaders(
  accessToken: string,
  extra: Record<string, string> | undefined,
  hasBody: boolean,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(extra ?? {})) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) throw refused('A request header name is not valid');
    if (RESERVED.has(lower) || lower.startsWith('proxy-')) {
      throw refused(`The request header ${lower} cannot be set`);
    }
    if (typeof value !== 'string' || FORBIDDEN_VALUE.test(value)) {
      throw refused(`The request header ${lower} has a value that is not allowed`);
    }
    headers[lower] = value;
  }
  headers['authorization'] = `Bearer ${accessToken}`;
  return headers;
}

export function serialiseBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  try {
    return JSON.stringify(body);
  } catch {
    throw refused('The request body cannot be sent as JSON');
  }
}
