import { ServiceError, type ErrorDetail } from '../errors.ts';
import { requiredPermission } from './permissions.ts';
import { nestsDeeperThan } from './json-depth.ts';
import { rateLimitWaitSeconds, retryAfterHeaderSeconds } from './rate-limit-headers.ts';
import type { TokenScrubber } from './token-scrub.ts';
import { writeOutcomeUnknown } from './transport-errors.ts';

/**
 * Maps SmartHR's answers onto the service's errors (DESIGN.md section 5), keeping SmartHR's own
 * message where it sent one.
 */

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
}

export interface CallContext {
  method: string;
  path: string;
  /** The client's scrubber for its access token: SmartHR's text goes through it, in case an upstream ever echoes the token. */
  scrubber: TokenScrubber;
}

interface SmartHRErrorBody {
  code?: number;
  message?: string;
  errors: ErrorDetail[];
}

const MAX_MESSAGE_LENGTH = 500;
const MAINTENANCE_CODE = 9;
const PLAN_LIMIT_CODE = 7;

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** JSON that parses and can be serialised again (see nestsDeeperThan). */
export function parseJson(bytes: Buffer): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false };
  }
  return nestsDeeperThan(value) ? { ok: false } : { ok: true, value };
}

function isJsonContentType(headers: Record<string, string>): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(headers['content-type'] ?? '');
}

function cleanText(value: unknown, scrub: TokenScrubber): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return scrub.text(value, MAX_MESSAGE_LENGTH).replace(/[\x00-\x1f\x7f]+/g, ' ');
}

function readErrorBody(answer: UpstreamAnswer, token: TokenScrubber): SmartHRErrorBody {
  const parsed = parseJson(answer.bytes);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return { errors: [] };
  const raw = parsed.value as Record<string, unknown>;
  const errors: ErrorDetail[] = [];
  if (Array.isArray(raw['errors'])) {
    for (const item of raw['errors'] as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const entry = item as Record<string, unknown>;
      const message = cleanText(entry['message'], token);
      if (message === undefined) continue;
      const field = cleanText(entry['field'], token);
      errors.push(field === undefined ? { message } : { smarthrField: field, message });
    }
  }
  const body: SmartHRErrorBody = { errors };
  if (typeof raw['code'] === 'number') body.code = raw['code'];
  const message = cleanText(raw['message'], token);
  if (message !== undefined) body.message = message;
  return body;
}

function withSmartHRMessage(ours: string, theirs: string | undefined): string {
  return theirs === undefined ? ours : `${ours}: ${theirs}`;
}

/** The error for a non-2xx answer. */
export function translateErrorStatus(answer: UpstreamAnswer, call: CallContext): ServiceError {
  const { status, headers } = answer;
  if (status >= 300 && status < 400) {
    return new ServiceError(502, 'upstream_error', 'SmartHR answered with a redirect, which the connector does not follow');
  }
  // A gateway's 502/504 says nothing of whether SmartHR behind it applied a write.
  if ((status === 502 || status === 504) && call.method !== 'GET') return writeOutcomeUnknown(call.method, call.path);
  const body = readErrorBody(answer, call.scrubber);
  const say = (ours: string): string => withSmartHRMessage(ours, body.message);

  switch (status) {
    case 400:
      return new ServiceError(400, 'invalid_input', say('SmartHR rejected the request'), body.errors);
    case 401:
      return new ServiceError(401, 'unauthorized', say('SmartHR did not accept the access token'));
    case 403: {
      if (body.code === PLAN_LIMIT_CODE) {
        return new ServiceError(403, 'forbidden', say('The SmartHR plan limit has been reached'));
      }
      const need = requiredPermission(call.method, call.path);
      return new ServiceError(
        403,
        'forbidden',
        say(`The access token lacks ${need.permission} permission for ${need.endpoint}`),
        [{ message: `${need.endpoint} needs ${need.permission} permission` }],
      );
    }
    case 404:
      return new ServiceError(404, 'not_found', say('SmartHR has no such resource'));
    case 409:
      return new ServiceError(409, 'conflict', say('SmartHR reported a conflict'), body.errors);
    case 429:
      return new ServiceError(429, 'rate_limited', say('SmartHR rate limit reached'), [], rateLimitWaitSeconds(headers));
    case 503: {
      const retryAfter = retryAfterHeaderSeconds(headers['retry-after']);
      if (body.code === MAINTENANCE_CODE) {
        return new ServiceError(503, 'maintenance', say('SmartHR is under maintenance'), [], retryAfter);
      }
      return new ServiceError(503, 'upstream_unavailable', say('SmartHR is unavailable'), [], retryAfter);
    }
    case 504:
      return new ServiceError(504, 'upstream_timeout', say('SmartHR timed out'));
    default:
      if (status >= 500) return new ServiceError(502, 'upstream_error', say(`SmartHR failed with status ${status}`));
      return new ServiceError(400, 'invalid_input', say(`SmartHR rejected the request with status ${status}`), body.errors);
  }
}

export function isMaintenance(answer: UpstreamAnswer): boolean {
  if (answer.status !== 503) return false;
  const parsed = parseJson(answer.bytes);
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null &&
    (parsed.value as Record<string, unknown>)['code'] === MAINTENANCE_CODE;
}

function malformed(what: string): ServiceError {
  return new ServiceError(502, 'upstream_error', `SmartHR sent ${what}`);
}

/** The parsed body of a 2xx answer, or the error saying why it is unusable. */
export function parseSuccessBody(answer: UpstreamAnswer): unknown {
  if (answer.status === 204 || answer.status === 205) return null;
  if (answer.bytes.length === 0) throw malformed('an empty response');
  if (!isJsonContentType(answer.headers)) throw malformed('a response that is not JSON');
  const parsed = parseJson(answer.bytes);
  if (!parsed.ok) throw malformed('malformed JSON');
  return parsed.value;
}

/** For the Custom API Action: JSON when it parses, else text, null when empty. */
export function parseAnyBody(answer: UpstreamAnswer): unknown {
  if (answer.bytes.length === 0) return null;
  const parsed = parseJson(answer.bytes);
  return parsed.ok ? parsed.value : answer.bytes.toString('utf8');
}
