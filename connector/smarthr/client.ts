import type { Logger } from 'pino';
import { ServiceError, isServiceError } from '../errors.ts';
import { RateLimitPacer } from './rate-limit-pacer.ts';
import { rateLimitWaitSeconds } from './rate-limit-headers.ts';
import { buildRequestHeaders, serialiseBody } from './request-headers.ts';
import { backoffMs, retryReasonForAnswer, retryReasonForFailure } from './retry-policy.ts';
import { sendOnce, type AttemptOutcome } from './send-once.ts';
import { parseAnyBody, parseSuccessBody, translateErrorStatus, type UpstreamAnswer } from './translate.ts';
import { upstreamTimeout, writeOutcomeUnknown } from './transport-errors.ts';
import { TokenScrubber } from './token-scrub.ts';
import { upstreamTurn } from './upstream-turns.ts';
import { buildUpstreamUrl, type QueryValue } from './upstream-url.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SmartHRCall {
  method: HttpMethod;
  /** Relative to the API base, e.g. `/v1/crews/abc`; may carry its own `?query`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The card call's total deadline and the client's disconnect. */
  signal?: AbortSignal;
  /** When the card call must have answered (epoch ms); lets waits give up early instead of hitting it. */
  deadlineAt?: number;
  /** Pagination sets this: on a 429, wait the reset (if within the deadline) and retry. */
  waitOnRateLimit?: boolean;
  /** A lower answer cap for this call than the client's (list pages). */
  maxResponseBytes?: number;
}

export interface SmartHRResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON; null for 204. requestRaw: text when the body is not JSON. */
  body: unknown;
  attempts: number;
}

export interface SmartHRClientOptions {
  apiBase: URL;
  accessToken: string;
  logger?: Logger;
  /** Per attempt. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  maxRetries?: number;
  pacer?: RateLimitPacer;
  /** The tenant + token this client calls for: the upstream's sockets are shared out by it. */
  fairnessKey?: string;
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;
const DEFAULT_MAX_RETRIES = 2;
// A single card call waits only briefly for the pacer; longer holds become a 429 for Workflows.
const SHORT_PACING_WAIT_MS = 2_000;
const MAX_RATE_LIMIT_WAITS = 5;

function cancelledError(reason: unknown): ServiceError {
  if (isServiceError(reason)) return reason;
  if (reason instanceof Error && reason.name === 'TimeoutError') return upstreamTimeout();
  return new ServiceError(504, 'upstream_timeout', 'The call was cancelled before SmartHR answered');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError(signal.reason));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface Prepared {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
  logPath: string;
}

export class SmartHRClient {
  private readonly apiBase: URL;
  private readonly accessToken: string;
  private readonly logger: Logger | undefined;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxRetries: number;
  private readonly pacer: RateLimitPacer;
  private readonly fairnessKey: string;
  private readonly scrubber: TokenScrubber;

  constructor(options: SmartHRClientOptions) {
    this.apiBase = options.apiBase;
    this.accessToken = options.accessToken;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.pacer = options.pacer ?? new RateLimitPacer();
    this.fairnessKey = options.fairnessKey ?? '';
    this.scrubber = new TokenScrubber(this.accessToken);
  }

  /** SmartHR's own JSON or headers, passed on as they are (Custom API Action), without the token in any spelling. */
  withoutToken<T>(value: T): T {
    return this.scrubber.json(value) as T;
  }

  /**
   * When the next request for this tenant + token could go, as the rate-limit pacer knows it now:
   * lets a caller with a deadline stop before starting what could not finish in time.
   */
  nextRequestAt(): number {
    return this.pacer.nextStartAt();
  }

  /** Resolves for 2xx with parsed JSON; every other outcome throws a translated ServiceError. */
  async request(call: SmartHRCall): Promise<SmartHRResponse> {
    const prepared = this.prepare(call);
    const { answer, attempts } = await this.exchange(call, prepared);
    if (answer.status < 200 || answer.status >= 300) {
      throw translateErrorStatus(answer, { method: prepared.method, path: call.path, scrubber: this.scrubber });
    }
    return { status: answer.status, headers: answer.headers, body: parseSuccessBody(answer), attempts };
  }

  /** Resolves for any upstream status (Custom API Action); throws only for transport failures. */
  async requestRaw(call: SmartHRCall): Promise<SmartHRResponse> {
    const prepared = this.prepare(call);
    const { answer, attempts } = await this.exchange(call, prepared);
    return { status: answer.status, headers: answer.headers, body: parseAnyBody(answer), attempts };
  }

  private prepare(call: SmartHRCall): Prepared {
    if (!METHODS.has(call.method)) {
      throw new ServiceError(400, 'invalid_input', 'The request method is not supported', [
        { message: 'Method must be GET, POST, PUT, PATCH or DELETE' },
      ]);
    }
    const url = buildUpstreamUrl(this.apiBase, call.path, call.query);
    const body = serialiseBody(call.body);
    const headers = buildRequestHeaders(this.accessToken, call.headers, body !== undefined);
    return { url, method: call.method, headers, body, logPath: this.scrubber.exact(url.pathname) };
  }

  /** Attempts until an answer that is final for this call, or throws. */
  private async exchange(call: SmartHRCall, prepared: Prepared): Promise<{ answer: UpstreamAnswer; attempts: number }> {
    // Anything but a GET may change SmartHR, so its outcome matters once it may have been sent.
    const write = prepared.method !== 'GET';
    let attempts = 0;
    let retries = 0;
    let rateLimitWaits = 0;
    for (;;) {
      attempts += 1;
      await this.acquirePacer(call);
      const endTurn = await this.takeTurn(prepared, call);
      const started = performance.now();
      const outcome = await sendOnce({
        url: prepared.url,
        method: prepared.method,
        headers: prepared.headers,
        body: prepared.body,
        timeoutMs: this.attemptTimeout(call, write),
        maxResponseBytes: Math.min(call.maxResponseBytes ?? Number.POSITIVE_INFINITY, this.maxResponseBytes),
        signal: call.signal,
      }).finally(endTurn);
      const latencyMs = Math.round(performance.now() - started);
      await this.settlePacer(outcome);

      if (outcome.kind === 'cancelled') {
        this.logAttempt(prepared, attempts, latencyMs, { outcome: 'cancelled' });
        throw write && outcome.sent ? writeOutcomeUnknown(prepared.method, call.path) : cancelledError(outcome.reason);
      }

      if (outcome.kind === 'answer' && outcome.answer.status === 429 && call.waitOnRateLimit) {
        const waitMs = rateLimitWaitSeconds(outcome.answer.headers) * 1000;
        if (rateLimitWaits < MAX_RATE_LIMIT_WAITS && this.fitsDeadline(call, waitMs)) {
          rateLimitWaits += 1;
          this.logAttempt(prepared, attempts, latencyMs, { status: 429, retryReason: 'rate_limited' });
          continue; // the pacer now holds every request for this key until the reset
        }
      }

      const reason =
        outcome.kind === 'failure'
          ? retryReasonForFailure(prepared.method, outcome.failure)
          : retryReasonForAnswer(prepared.method, outcome.answer);
      const delay = backoffMs(retries + 1);
      const retry = reason !== undefined && retries < this.maxRetries && this.fitsDeadline(call, delay);
      const status = outcome.kind === 'answer' ? outcome.answer.status : undefined;
      const failure = outcome.kind === 'failure' ? outcome.failure.reason : undefined;
      this.logAttempt(prepared, attempts, latencyMs, { status, failure, retryReason: retry ? reason : undefined });

      if (retry) {
        retries += 1;
        await sleep(delay, call.signal);
        continue;
      }
      if (outcome.kind === 'failure') {
        throw write && !outcome.failure.neverSent ? writeOutcomeUnknown(prepared.method, call.path) : outcome.failure.error;
      }
      return { answer: outcome.answer, attempts };
    }
  }

  private async acquirePacer(call: SmartHRCall): Promise<void> {
    const maxWait = call.waitOnRateLimit ? this.timeLeft(call) : Math.min(SHORT_PACING_WAIT_MS, this.timeLeft(call));
    try {
      await this.pacer.acquire(call.signal, maxWait);
    } catch (err) {
      if (isServiceError(err)) throw err;
      throw cancelledError(call.signal?.reason ?? err);
    }
  }

  /** A turn at the origin's sockets, after the pacer's grant (which is given back if the wait is cancelled). */
  private async takeTurn(prepared: Prepared, call: SmartHRCall): Promise<() => void> {
    try {
      return await upstreamTurn(prepared.url.origin, this.fairnessKey, call.signal);
    } catch (err) {
      await this.pacer.release();
      throw cancelledError(call.signal?.reason ?? err);
    }
  }

  private settlePacer(outcome: AttemptOutcome): Promise<void> {
    return outcome.kind === 'answer' ? this.pacer.observe(outcome.answer.headers, outcome.answer.status) : this.pacer.release();
  }

  private timeLeft(call: SmartHRCall): number {
    return call.deadlineAt === undefined ? Number.POSITIVE_INFINITY : call.deadlineAt - Date.now();
  }

  private fitsDeadline(call: SmartHRCall, waitMs: number): boolean {
    return waitMs < this.timeLeft(call);
  }

  /**
   * A write waits for its answer until the card deadline, not just the attempt timeout: SmartHR may
   * well have applied it (a 201 whose body is slow), and a write cut short cannot be repeated.
   */
  private attemptTimeout(call: SmartHRCall, write: boolean): number {
    const cap = write && call.deadlineAt !== undefined ? Number.POSITIVE_INFINITY : this.timeoutMs;
    return Math.max(1, Math.min(cap, this.timeLeft(call)));
  }

  private logAttempt(
    prepared: Prepared,
    attempt: number,
    latencyMs: number,
    facts: { status?: number | undefined; failure?: string | undefined; retryReason?: string | undefined; outcome?: string },
  ): void {
    if (!this.logger) return;
    const upstream: Record<string, string | number> = { method: prepared.method, path: prepared.logPath, attempt, latencyMs };
    if (facts.status !== undefined) upstream['status'] = facts.status;
    if (facts.failure !== undefined) upstream['failure'] = facts.failure;
    if (facts.outcome !== undefined) upstream['outcome'] = facts.outcome;
    if (facts.retryReason !== undefined) upstream['retryReason'] = facts.retryReason;
    this.logger.info({ upstream }, 'smarthr upstream attempt');
  }
}
