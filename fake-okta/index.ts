/**
 * startFakeOkta(): a local stand-in for Okta's Identity Sources API (Anything-as-a-Source), for
 * the tests and the demo of `npm run sync:okta`. It keeps Okta's session statuses and rules, its
 * limits, its error bodies and rate-limit headers, takes injected faults, and shows what was
 * imported: users by externalId, with the deactivated ones marked.
 */
import { startServer } from '../connector/server.ts';
import { createFakeOktaApp, type FakeOktaContext } from './app.ts';
import { bulkBodyValidators } from './bulk-bodies.ts';
import { FaultController } from './faults.ts';
import { IdentitySource, type FakeSession, type ImportedUser, type SessionLimits } from './identity-source.ts';
import { OrgRateLimit, type RateLimitOptions } from './rate-limit.ts';
import { FakeRequestLog } from './request-log.ts';

export type { FaultRule } from './faults.ts';
export type { FakeSession, ImportedUser, SessionStatus } from './identity-source.ts';
export type { FakeRequest } from './request-log.ts';
export { ONE_ACTIVE_SESSION } from './identity-source.ts';

export interface FakeOktaOptions {
  port?: number;
  host?: string;
  /** API tokens accepted as `SSWS <token>` (or `Bearer <token>`). */
  tokens?: string[];
  /** Custom Identity Source ids (the app integration ids). */
  identitySources?: string[];
  limits?: Partial<SessionLimits>;
  rateLimit?: Partial<RateLimitOptions>;
  /** How long after start-import a session is imported (COMPLETED). */
  importDelayMs?: number;
}

export interface RunningFakeOkta {
  /** 'http://127.0.0.1:PORT': the org URL to give the sync. */
  url: string;
  port: number;
  close(): Promise<void>;
  faults: FaultController;
  requests: FakeRequestLog;
  identitySource(id: string): IdentitySource;
  /** The imported users of an identity source, by externalId. */
  users(id: string): Map<string, ImportedUser>;
  /** Every session of an identity source, closed and completed ones too, oldest first. */
  sessions(id: string): FakeSession[];
  setRateLimit(options: Partial<RateLimitOptions>): void;
}

export const DEFAULT_LIMITS: SessionLimits = { profilesPerRequest: 200, requestsPerSession: 50 };
export const DEFAULT_FAKE_TOKEN = 'fake-okta-token';
export const DEFAULT_IDENTITY_SOURCE = '0oa1smarthrxaas0demo';

export async function startFakeOkta(options: FakeOktaOptions = {}): Promise<RunningFakeOkta> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const sources = new Map((options.identitySources ?? [DEFAULT_IDENTITY_SOURCE]).map((id) => [id, new IdentitySource(id, limits)]));
  const timers = new Set<NodeJS.Timeout>();
  const importDelayMs = options.importDelayMs ?? 100;
  const rateLimit = new OrgRateLimit({ limit: Number.POSITIVE_INFINITY, windowMs: 60_000, ...options.rateLimit });

  const scheduleImport = (source: IdentitySource): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (source.processNext()) scheduleImport(source);
    }, importDelayMs);
    timers.add(timer);
  };
  const ctx: FakeOktaContext = {
    sources,
    tokens: new Set(options.tokens ?? [DEFAULT_FAKE_TOKEN]),
    validators: bulkBodyValidators(limits.profilesPerRequest),
    rateLimit,
    faults: new FaultController(),
    requests: new FakeRequestLog(),
    scheduleImport,
  };

  const host = options.host ?? '127.0.0.1';
  const server = await startServer(createFakeOktaApp(ctx), options.port ?? 0, host);
  const source = (id: string): IdentitySource => {
    const found = sources.get(id);
    if (!found) throw new Error(`unknown identity source: ${id}`);
    return found;
  };

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`,
    port: server.port,
    faults: ctx.faults,
    requests: ctx.requests,
    identitySource: source,
    users: (id) => source(id).users,
    sessions: (id) => [...source(id).sessions.values()],
    setRateLimit: (limit) => rateLimit.set(limit),
    close() {
      for (const timer of timers) clearTimeout(timer);
      closing ??= server.close();
      return closing;
    },
  };
}
