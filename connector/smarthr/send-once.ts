import { Readable } from 'node:stream';
import fetch from 'node-fetch';
import { upstreamAgents } from './agents.ts';
import { attemptTimedOut, classifyTransportError, oversizeFailure, type TransportFailure } from './transport-errors.ts';
import type { UpstreamAnswer } from './translate.ts';

/**
 * One HTTP exchange with SmartHR: sends, reads the whole (capped) body, and always leaves the
 * socket either back in the pool (body fully read) or destroyed (abort, error, oversize), with
 * its timer cleared.
 */

export interface AttemptInput {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
}

export type AttemptOutcome =
  | { kind: 'answer'; answer: UpstreamAnswer }
  | { kind: 'failure'; failure: TransportFailure }
  /** `sent`: the request may have reached SmartHR before the cancellation. */
  | { kind: 'cancelled'; reason: unknown; sent: boolean };

function headerRecord(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name.toLowerCase()] = value;
  return out;
}

export async function sendOnce(input: AttemptInput): Promise<AttemptOutcome> {
  if (input.signal?.aborted) return { kind: 'cancelled', reason: input.signal.reason, sent: false };
  // Own controller and timer rather than AbortSignal.timeout/any: this timer can be cleared the
  // moment the attempt ends, and no listener stays on a caller signal that lives for a whole stream.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const lease = upstreamAgents.lease(input.url);
  let answered = false;
  try {
    const res = await fetch(input.url, {
      method: input.method,
      headers: input.headers,
      body: input.body,
      agent: lease.agent,
      redirect: 'manual',
      size: input.maxResponseBytes,
      signal: controller.signal,
    });
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > input.maxResponseBytes) {
      if (res.body instanceof Readable) res.body.destroy();
      return { kind: 'failure', failure: oversizeFailure() };
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    // An origin that answered without refusing the token has earned a pooled agent.
    answered = res.status !== 401 && res.status < 500;
    return { kind: 'answer', answer: { status: res.status, headers: headerRecord(res.headers), bytes } };
  } catch (err) {
    if (input.signal?.aborted) return { kind: 'cancelled', reason: input.signal.reason, sent: true };
    if (timedOut) return { kind: 'failure', failure: attemptTimedOut() };
    return { kind: 'failure', failure: classifyTransportError(err) };
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onCallerAbort);
    lease.settle(answered);
  }
}
