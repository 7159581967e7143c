/**
 * One Custom Identity Source and its import sessions, following Okta's rules:
 *
 * - statuses (management OpenAPI, IdentitySourceSessionStatus): CREATED (new, takes bulk data),
 *   IN_PROGRESS (bulk data uploaded), TRIGGERED (importing, can't be cancelled), COMPLETED,
 *   CLOSED (cancelled), EXPIRED (CREATED and idle for 24 hours), ERROR;
 * - one active session (CREATED, IN_PROGRESS or TRIGGERED) at a time: creating another answers
 *   400 ("Build an Anything-as-a-Source custom client integration", Identity Source Session
 *   process; the message is the one the Terraform Okta provider quotes);
 * - at most 200 profiles per bulk request and 50 bulk requests per session (same guide,
 *   Bulk-load requests), so at most 10,000 profiles per session (Workflows "Bulk User Import");
 * - bulk-delete of an externalId Okta doesn't know is silently ignored (guide), and a session that
 *   received no work stays CREATED, so start-import refuses it (Okta support article "Bulk
 *   operations workflow and session status to manage an Anything-as-a-Source integration");
 * - sessions are processed one after another, never in parallel (guide).
 */
import { randomBytes } from 'node:crypto';
import { FakeOktaError, notFound, validationFailed } from './errors.ts';

export type SessionStatus = 'CREATED' | 'IN_PROGRESS' | 'TRIGGERED' | 'COMPLETED' | 'ERROR' | 'EXPIRED' | 'CLOSED';
const ACTIVE_STATUSES: ReadonlySet<SessionStatus> = new Set(['CREATED', 'IN_PROGRESS', 'TRIGGERED']);
/** Okta's wording for the one-open-session refusal. */
export const ONE_ACTIVE_SESSION = 'Only one active import session per identity source is allowed to be created every 5 minutes';
const EXPIRY_MS = 24 * 3600_000;

export type Operation = { kind: 'upsert'; externalId: string; profile: Record<string, unknown> } | { kind: 'delete'; externalId: string };

export interface FakeSession {
  id: string;
  identitySourceId: string;
  status: SessionStatus;
  importType: 'INCREMENTAL';
  created: string;
  lastUpdated: string;
  /** Bulk requests accepted, upserts and deletes alike. */
  bulkRequests: number;
  /** What Okta will apply, in the order received. */
  operations: Operation[];
}

export interface ImportedUser {
  id: string;
  externalId: string;
  profile: Record<string, unknown>;
  /** Okta deactivates, never deletes, the users an identity source bulk-deletes. */
  status: 'ACTIVE' | 'DEACTIVATED';
  created: string;
  lastUpdated: string;
}

export interface SessionLimits {
  profilesPerRequest: number;
  requestsPerSession: number;
}

const oktaId = (prefix: string) => `${prefix}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17)}`;

/** What the API answers for a session: Okta's IdentitySourceSession fields only. */
export function sessionView(s: FakeSession) {
  return { id: s.id, identitySourceId: s.identitySourceId, status: s.status, importType: s.importType, created: s.created, lastUpdated: s.lastUpdated };
}

export class IdentitySource {
  readonly sessions = new Map<string, FakeSession>();
  readonly users = new Map<string, ImportedUser>();
  /** Set to make the next import end in ERROR without applying anything. */
  failNextImport = false;

  constructor(readonly id: string, private readonly limits: SessionLimits, private readonly now: () => Date = () => new Date()) {}

  private stamp(session: FakeSession): void {
    session.lastUpdated = this.now().toISOString();
  }

  /** Sessions left CREATED for 24 hours without a request expire, as Okta does. */
  private expireIdle(): void {
    const cutoff = this.now().getTime() - EXPIRY_MS;
    for (const s of this.sessions.values()) if (s.status === 'CREATED' && Date.parse(s.lastUpdated) < cutoff) s.status = 'EXPIRED';
  }

  active(): FakeSession[] {
    this.expireIdle();
    return [...this.sessions.values()].filter((s) => ACTIVE_STATUSES.has(s.status));
  }

  createSession(): FakeSession {
    if (this.active().length > 0) throw validationFailed([ONE_ACTIVE_SESSION]);
    const at = this.now().toISOString();
    const session: FakeSession = { id: oktaId('aps'), identitySourceId: this.id, status: 'CREATED', importType: 'INCREMENTAL', created: at, lastUpdated: at, bulkRequests: 0, operations: [] };
    this.sessions.set(session.id, session);
    return session;
  }

  session(id: string): FakeSession {
    this.expireIdle();
    const session = this.sessions.get(id);
    if (!session) throw notFound(`${id} (IdentitySourceSession)`);
    return session;
  }

  /** Takes the session itself (from session()), so the route looks it up once: its 404 comes before the body's 400. */
  upload(session: FakeSession, kind: 'upsert' | 'delete', profiles: Array<{ externalId: string; profile?: Record<string, unknown> }>): void {
    if (session.status !== 'CREATED' && session.status !== 'IN_PROGRESS') {
      throw validationFailed([`Session=${session.id} is in ${session.status} status; bulk data can only be loaded while it is CREATED`]);
    }
    if (session.bulkRequests >= this.limits.requestsPerSession) {
      throw validationFailed([`A session takes at most ${this.limits.requestsPerSession} bulk requests; create another session for the rest`]);
    }
    session.bulkRequests += 1;
    for (const p of profiles) {
      if (kind === 'upsert') session.operations.push({ kind, externalId: p.externalId, profile: p.profile ?? {} });
      else if (this.users.has(p.externalId)) session.operations.push({ kind, externalId: p.externalId });
    }
    if (session.operations.length > 0) session.status = 'IN_PROGRESS';
    this.stamp(session);
  }

  startImport(sessionId: string): FakeSession {
    const session = this.session(sessionId);
    if (session.status === 'CREATED') throw validationFailed([`Session=${session.id} should be in IN_PROGRESS status in order to be processed`]);
    if (session.status !== 'IN_PROGRESS') throw validationFailed([`Session=${session.id} is in ${session.status} status and can't be triggered`]);
    session.status = 'TRIGGERED';
    this.stamp(session);
    return session;
  }

  cancel(sessionId: string): void {
    const session = this.session(sessionId);
    if (session.status !== 'CREATED' && session.status !== 'IN_PROGRESS') {
      throw new FakeOktaError(400, 'E0000001', 'Api validation failed: identitySourceSession', [`Session=${session.id} is in ${session.status} status and can't be cancelled`]);
    }
    session.status = 'CLOSED';
    session.operations = [];
    this.stamp(session);
  }

  /** Imports the oldest triggered session, if any; answers whether there was one. */
  processNext(): boolean {
    const session = [...this.sessions.values()].find((s) => s.status === 'TRIGGERED');
    if (!session) return false;
    if (this.failNextImport) {
      this.failNextImport = false;
      session.status = 'ERROR';
    } else {
      const at = this.now().toISOString();
      for (const op of session.operations) {
        const existing = this.users.get(op.externalId);
        if (op.kind === 'upsert') {
          this.users.set(op.externalId, { id: existing?.id ?? oktaId('00u'), externalId: op.externalId, profile: op.profile, status: 'ACTIVE', created: existing?.created ?? at, lastUpdated: at });
        } else if (existing) {
          this.users.set(op.externalId, { ...existing, status: 'DEACTIVATED', lastUpdated: at });
        }
      }
      session.status = 'COMPLETED';
    }
    this.stamp(session);
    return true;
  }
}
