import { ServiceError } from '../errors.ts';
import { requiredPermission } from './permissions.ts';

/**
 * Turns what node-fetch and the socket layer throw into our own errors. node-fetch messages embed
 * the request URL, so only the error's code and type are read, never its message.
 */

export interface TransportFailure {
  /** Short machine reason for logs and retry decisions. */
  reason: 'timeout' | 'connect_timeout' | 'refused' | 'dns' | 'unreachable' | 'reset' | 'oversize' | 'tls' | 'other';
  /** The request provably never reached SmartHR, so any method may be retried. */
  neverSent: boolean;
  /** Worth retrying for an idempotent read. */
  transient: boolean;
  error: ServiceError;
}

interface ErrorFacts {
  name?: unknown;
  type?: unknown;
  code?: unknown;
  erroredSysCall?: unknown;
  syscall?: unknown;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);

export function upstreamTimeout(): ServiceError {
  return new ServiceError(504, 'upstream_timeout', 'SmartHR did not answer in time');
}

/**
 * A write SmartHR may have received but whose answer never came (a timeout, a reset, a gateway's
 * 502/504). Deliberately not 504 or 429: Okta's HTTP cards repeat those by themselves, and a
 * repeated Create would create again.
 */
export function writeOutcomeUnknown(method: string, path: string): ServiceError {
  const { endpoint } = requiredPermission(method, path);
  return new ServiceError(
    502,
    'write_outcome_unknown',
    `SmartHR did not confirm ${method} ${endpoint}: it may have been applied, check before retrying`,
  );
}

export function attemptTimedOut(): TransportFailure {
  return { reason: 'timeout', neverSent: false, transient: true, error: upstreamTimeout() };
}

export function oversizeFailure(): TransportFailure {
  return {
    reason: 'oversize',
    neverSent: false,
    transient: false,
    error: new ServiceError(502, 'upstream_error', 'SmartHR sent a response larger than the connector accepts'),
  };
}

function facts(err: unknown): ErrorFacts {
  return typeof err === 'object' && err !== null ? (err as ErrorFacts) : {};
}

export function classifyTransportError(err: unknown): TransportFailure {
  const f = facts(err);
  const code = typeof f.code === 'string' ? f.code : '';
  const syscall = f.erroredSysCall ?? f.syscall;

  if (f.type === 'max-size') return oversizeFailure();
  if (syscall === 'connect' && code === 'ETIMEDOUT') {
    return { reason: 'connect_timeout', neverSent: true, transient: true, error: upstreamTimeout() };
  }
  if (code === 'ECONNREFUSED') {
    const error = new ServiceError(503, 'upstream_unavailable', 'SmartHR refused the connection');
    return { reason: 'refused', neverSent: true, transient: true, error };
  }
  if (DNS_CODES.has(code)) {
    const error = new ServiceError(502, 'upstream_error', 'The SmartHR host name could not be resolved');
    return { reason: 'dns', neverSent: true, transient: true, error };
  }
  if (UNREACHABLE_CODES.has(code) && syscall === 'connect') {
    const error = new ServiceError(502, 'upstream_error', 'SmartHR could not be reached');
    return { reason: 'unreachable', neverSent: true, transient: true, error };
  }
  if (code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'EPROTO') {
    const error = new ServiceError(502, 'upstream_error', 'The secure connection to SmartHR failed');
    return { reason: 'tls', neverSent: false, transient: false, error };
  }
  // node-fetch reports a body cut short without a code ("Premature close").
  if (RESET_CODES.has(code) || f.type === 'system' || (f.name === 'FetchError' && code === '')) {
    const error = new ServiceError(502, 'upstream_error', 'The connection to SmartHR was interrupted');
    return { reason: 'reset', neverSent: false, transient: true, error };
  }
  const error = new ServiceError(502, 'upstream_error', 'The request to SmartHR failed');
  return { reason: 'other', neverSent: false, transient: false, error };
}
