/**
 * A client of Okta's Identity Sources API (management OpenAPI, tag IdentitySource;
 * developer.okta.com "Build an Anything-as-a-Source custom client integration"): one identity
 * source, its import sessions and their bulk uploads.
 *
 * - Auth: `Authorization: SSWS <API token>` (the guide), or `Bearer <OAuth access token>` with the
 *   okta.identitySources.read/manage scopes (the OpenAPI's security).
 * - Rate limits (Okta's rate-limit reference): every answer carries X-Rate-Limit-Limit,
 *   -Remaining and -Reset (UTC epoch seconds). With nothing remaining the next request waits for
 *   the reset; a 429 waits for it too, then retries.
 * - 5xx and network failures are retried a few times with capped, jittered backoff. Every call is
 *   safe to repeat for the sync: upserts and deletes are keyed by externalId, and a repeated
 *   create or start-import that had in fact succeeded is recognised by the caller (a 400 for the
 *   open session, a session already TRIGGERED).
 * - Okta's error body (errorCode, errorSummary, errorCauses) becomes the error message. The token
 *   is only ever in the Authorization header; messages are scrubbed of it (encoded forms too) all the same.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import fetch, { type Response } from 'node-fetch';
import type { IdentitySourceRecord } from '../connector/engine/profiles/identity-source-record.ts';
import { TokenScrubber } from '../connector/smarthr/token-scrub.ts';
import { classifyTransportError } from '../connector/smarthr/transport-errors.ts';

export type SessionStatus = 'CREATED' | 'IN_PROGRESS' | 'TRIGGERED' | 'COMPLETED' | 'ERROR' | 'EXPIRED' | 'CLOSED';

export interface IdentitySourceSession {
  id: string;
  identitySourceId?: string;
  status: SessionStatus;
  importType?: string;
  created?: string;
  lastUpdated?: string;
}

export interface IdentitySourcesApiOptions {
  /** The validated org origin (see okta-org.ts). */
  origin: string;
  token: string;
  authScheme: 'SSWS' | 'Bearer';
  identitySource: string;
  /** A line for the operator (waits, retries); never carries the token. */
  notice(line: string): void;
}

export class OktaApiError extends Error {
  constructor(message: string, readonly status: number, readonly errorCode?: string, readonly causes: string[] = []) {
    super(message);
    this.name = 'OktaApiError';
  }
}

const MAX_FAILURE_RETRIES = 4;
const MAX_RATE_LIMIT_WAITS = 10;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 15_000;
/** Never sleep longer than this on one rate-limit reset (Okta's windows are a minute). */
const MAX_RESET_WAIT_MS = 5 * 60_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

interface OktaErrorBody {
  errorCode?: unknown;
  errorSummary?: unknown;
  errorCauses?: unknown;
}

function hintFor(status: number): string {
  if (status === 401) return ' Check the token in the variable --okta-token-env names.';
  if (status === 403) return ' The token needs an admin allowed to manage the identity source (OAuth: okta.identitySources.manage).';
  if (status === 404) return ' Check --identity-source: the Custom Identity Source app id.';
  return '';
}

export class IdentitySourcesApi {
  /** When the current rate-limit window resets, if Okta said nothing remains in it. */
  private exhaustedUntil = 0;
  private readonly scrubber: TokenScrubber;

  constructor(private readonly options: IdentitySourcesApiOptions) {
    this.scrubber = new TokenScrubber(options.token);
  }

  private get base(): string {
    return `/api/v1/identity-sources/${encodeURIComponent(this.options.identitySource)}/sessions`;
  }

  listSessions(): Promise<IdentitySourceSession[]> {
    return this.call('GET', this.base, 'listing import sessions') as Promise<IdentitySourceSession[]>;
  }

  createSession(): Promise<IdentitySourceSession> {
    return this.call('POST', this.base, 'creating an import session') as Promise<IdentitySourceSession>;
  }

  getSession(id: string): Promise<IdentitySourceSession> {
    return this.call('GET', `${this.base}/${encodeURIComponent(id)}`, `reading import session ${id}`) as Promise<IdentitySourceSession>;
  }

  async deleteSession(id: string): Promise<void> {
    await this.call('DELETE', `${this.base}/${encodeURIComponent(id)}`, `cancelling import session ${id}`);
  }

  async bulkUpsert(id: string, profiles: IdentitySourceRecord[]): Promise<void> {
    await this.call('POST', `${this.base}/${encodeURIComponent(id)}/bulk-upsert`, `uploading ${profiles.length} profiles`, { entityType: 'USERS', profiles });
  }

  async bulkDelete(id: string, externalIds: string[]): Promise<void> {
    const profiles = externalIds.map((externalId) => ({ externalId }));
    await this.call('POST', `${this.base}/${encodeURIComponent(id)}/bulk-delete`, `uploading ${externalIds.length} deactivations`, { entityType: 'USERS', profiles });
  }

  startImport(id: string): Promise<IdentitySourceSession> {
    return this.call('POST', `${this.base}/${encodeURIComponent(id)}/start-import`, `starting the import of session ${id}`) as Promise<IdentitySourceSession>;
  }

  private async waitForWindow(): Promise<void> {
    const wait = this.exhaustedUntil - Date.now();
    if (wait <= 0) return;
    this.options.notice(`Okta rate limit reached; waiting ${Math.ceil(wait / 1000)} s for the next window`);
    await sleep(wait);
  }

  /** Remembers an exhausted window from Okta's headers; answers how long until its reset. */
  private noteRateLimit(res: Response): number | undefined {
    const reset = Number(res.headers.get('x-rate-limit-reset'));
    if (!Number.isFinite(reset) || reset <= 0) return undefined;
    // A little past the reset second, so the request lands in the new window.
    const wait = Math.min(MAX_RESET_WAIT_MS, Math.max(0, reset * 1000 - Date.now()) + 250);
    if (res.headers.get('x-rate-limit-remaining') === '0') this.exhaustedUntil = Date.now() + wait;
    return wait;
  }

  private backoff(retry: number): number {
    return Math.floor(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry)) + 100;
  }

  private async call(method: string, path: string, operation: string, body?: unknown): Promise<unknown> {
    let failures = 0;
    let rateLimitWaits = 0;
    for (;;) {
      await this.waitForWindow();
      let res: Response;
      const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
      try {
        res = await fetch(`${this.options.origin}${path}`, {
          method,
          headers: {
            authorization: `${this.options.authScheme} ${this.options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          redirect: 'manual',
          size: MAX_RESPONSE_BYTES,
          signal,
        });
      } catch (error) {
        const reason = signal.aborted ? 'timeout' : classifyTransportError(error).reason;
        if (failures < MAX_FAILURE_RETRIES) {
          failures += 1;
          this.options.notice(`Okta did not answer ${operation} (${reason}); retry ${failures} of ${MAX_FAILURE_RETRIES}`);
          await sleep(this.backoff(failures));
          continue;
        }
        throw new OktaApiError(`Could not reach Okta while ${operation} (${reason}).`, 0);
      }
      const resetWait = this.noteRateLimit(res);
      if (res.status === 429 && rateLimitWaits < MAX_RATE_LIMIT_WAITS) {
        rateLimitWaits += 1;
        await res.arrayBuffer().catch(() => undefined);
        const wait = resetWait ?? this.backoff(rateLimitWaits);
        this.options.notice(`Okta answered 429 (rate limit) to ${operation}; waiting ${Math.ceil(wait / 1000)} s, then retrying`);
        await sleep(wait);
        continue;
      }
      if (res.status >= 500 && failures < MAX_FAILURE_RETRIES) {
        failures += 1;
        await res.arrayBuffer().catch(() => undefined);
        this.options.notice(`Okta answered ${res.status} to ${operation}; retry ${failures} of ${MAX_FAILURE_RETRIES}`);
        await sleep(this.backoff(failures));
        continue;
      }
      const text = await res.text().catch(() => '');
      if (res.status >= 300 && res.status < 400) throw new OktaApiError(`Okta answered a redirect (${res.status}) to ${operation}; give --okta-org as the org URL itself.`, res.status);
      if (!res.ok) throw this.translate(res.status, text, operation);
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new OktaApiError(`Okta answered ${operation} with something other than JSON.`, res.status);
      }
    }
  }

  private translate(status: number, text: string, operation: string): OktaApiError {
    let parsed: OktaErrorBody = {};
    try {
      parsed = JSON.parse(text) as OktaErrorBody;
    } catch {
      // Not Okta's error body (a proxy's page, say): the status alone has to do.
    }
    const code = typeof parsed.errorCode === 'string' ? parsed.errorCode : undefined;
    const summary = typeof parsed.errorSummary === 'string' ? parsed.errorSummary : undefined;
    const causes = Array.isArray(parsed.errorCauses)
      ? parsed.errorCauses.flatMap((c) => (c && typeof (c as OktaErrorBody).errorSummary === 'string' ? [String((c as OktaErrorBody).errorSummary)] : []))
      : [];
    const what = [code, summary].filter(Boolean).join(' ') || 'no error details';
    const why = causes.length > 0 ? ` (${causes.slice(0, 5).join('; ')})` : '';
    return new OktaApiError(this.scrubber.exact(`Okta refused ${operation}: ${status} ${what}${why}.${hintFor(status)}`), status, code, causes.map((c) => this.scrubber.exact(c)));
  }
}
