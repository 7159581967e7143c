import type { TransportFailure } from './transport-errors.ts';
import { isMaintenance, type UpstreamAnswer } from './translate.ts';

/**
 * When one failed attempt may be repeated. Kept quick and few, because Okta Workflows already
 * retries 429 and 504 itself and the two layers would multiply (reliability-perf-hris.md A3).
 */

const BACKOFF_BASE_MS = 100;
const BACKOFF_MIN_MS = 50;
const BACKOFF_CAP_MS = 300;

/** Full jitter (random up to a capped exponential), with a floor so a retry is never instant. */
export function backoffMs(retryNumber: number, random: () => number = Math.random): number {
  const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retryNumber);
  return Math.max(BACKOFF_MIN_MS, Math.floor(random() * cap));
}

/**
 * Only a GET may be repeated once SmartHR may have seen it; anything else only when it provably
 * never left (refused, DNS failure, connect timeout).
 */
export function retryReasonForFailure(method: string, failure: TransportFailure): string | undefined {
  if (failure.neverSent) return failure.reason;
  if (method === 'GET' && failure.transient) return failure.reason;
  return undefined;
}

export function retryReasonForAnswer(method: string, answer: UpstreamAnswer): string | undefined {
  if (method !== 'GET') return undefined;
  if (answer.status === 502 || answer.status === 504) return `status_${answer.status}`;
  // Maintenance lasts far longer than a quick retry.
  if (answer.status === 503 && !isMaintenance(answer)) return 'status_503';
  return undefined;
}
