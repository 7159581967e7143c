import { validateHeaderValue } from 'node:http';
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

function refused(message: string): ServiceError {
  return new ServiceError(400, 'invalid_input', message, [{ message }]);
}

/** A string Node would send as a header value (tab, visible ASCII, Latin-1): checked here so it is a 400, not a failed request. */
function isSendableValue(name: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
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
    if (!isSendableValue(lower, value)) throw refused(`The request header ${lower} has a value that is not allowed`);
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
