/**
 * One import session from open to end, under Okta's session rules (XaaS guide, "Identity Source
 * Session process"; management OpenAPI, IdentitySourceSessionStatus):
 *
 * - only one session per identity source may be active (CREATED, IN_PROGRESS or TRIGGERED);
 *   creating another answers 400. A session left open by an interrupted run is therefore found
 *   first and cancelled (it can be, while CREATED or IN_PROGRESS; its data is dropped, and this
 *   run sends everything again), or, once TRIGGERED and beyond cancelling, followed to its end.
 *   Okta's own SmartHR template does the same (List Import Sessions, then Delete Import Session);
 * - a session whose uploads gave Okta nothing to do (only unknown externalIds to deactivate) stays
 *   CREATED and cannot be started (Okta support, "Bulk operations workflow and session status"),
 *   so it is cancelled instead;
 * - a session that fails while uploading is cancelled before the error goes up, so it never
 *   blocks the next run.
 *
 * The sync assumes it is the only client feeding the identity source: any open session is taken
 * for a leftover.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { BulkOperation } from './batches.ts';
import { OktaApiError, type IdentitySourceSession, type IdentitySourcesApi, type SessionStatus } from './identity-sources-api.ts';

const ACTIVE: ReadonlySet<SessionStatus> = new Set(['CREATED', 'IN_PROGRESS', 'TRIGGERED']);
const CANCELLABLE: ReadonlySet<SessionStatus> = new Set(['CREATED', 'IN_PROGRESS']);
const OPEN_ATTEMPTS = 3;
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 10_000;
/** An import that has not ended after this long is reported rather than waited on forever. */
const FOLLOW_LIMIT_MS = 2 * 3600_000;

export interface SessionHooks {
  notice(line: string): void;
  /** After each bulk request Okta accepted. */
  sent(operation: BulkOperation): void;
}

export interface SessionOutcome {
  sessionId: string;
  /** COMPLETED, or CLOSED when Okta had nothing to import and the session was cancelled. */
  status: SessionStatus;
}

/** Polls a session until it leaves the active statuses; answers its final status. */
async function followSession(api: IdentitySourcesApi, id: string): Promise<SessionStatus> {
  const giveUpAt = Date.now() + FOLLOW_LIMIT_MS;
  let delay = POLL_FIRST_MS;
  for (;;) {
    const session = await api.getSession(id);
    if (!ACTIVE.has(session.status)) return session.status;
    if (Date.now() > giveUpAt) throw new Error(`Okta has been importing session ${id} for over ${FOLLOW_LIMIT_MS / 3600_000} hours (still ${session.status}); see Reports > Import Monitoring in the Admin Console.`);
    await sleep(delay);
    delay = Math.min(POLL_MAX_MS, Math.round(delay * 1.5));
  }
}

/**
 * Cancels the identity source's open sessions, or waits out the ones Okta is already importing.
 * Once per run, before its first session: every session of the run ends (or is cancelled) before
 * the next opens, so only the first can meet a leftover; one opened meanwhile is met by
 * openSession's 400.
 */
export async function clearOpenSessions(api: IdentitySourcesApi, hooks: Pick<SessionHooks, 'notice'>): Promise<void> {
  const open = (await api.listSessions()).filter((s) => ACTIVE.has(s.status));
  for (const session of open) {
    if (CANCELLABLE.has(session.status)) {
      hooks.notice(`cancelling import session ${session.id} (${session.status}), left open by an interrupted run`);
      try {
        await api.deleteSession(session.id);
        continue;
      } catch (error) {
        // Triggered in the meantime (400), or gone (404): either way, follow it below.
        if (!(error instanceof OktaApiError) || (error.status !== 400 && error.status !== 404)) throw error;
      }
    }
    hooks.notice(`waiting for import session ${session.id}, which Okta is already importing`);
    await followSession(api, session.id);
  }
}

/** Creates a session, clearing the open one whenever Okta says another is open. */
async function openSession(api: IdentitySourcesApi, hooks: Pick<SessionHooks, 'notice'>): Promise<IdentitySourceSession> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api.createSession();
    } catch (error) {
      if (!(error instanceof OktaApiError) || error.status !== 400 || attempt >= OPEN_ATTEMPTS) throw error;
      hooks.notice(`Okta refused a new session while another is open (${error.causes[0] ?? error.errorCode ?? '400'}); clearing it`);
      await clearOpenSessions(api, hooks);
    }
  }
}

async function cancelQuietly(api: IdentitySourcesApi, id: string): Promise<void> {
  try {
    const session = await api.getSession(id);
    if (CANCELLABLE.has(session.status)) await api.deleteSession(id);
  } catch {
    // The next run finds and clears it.
  }
}

async function startImport(api: IdentitySourcesApi, id: string): Promise<void> {
  try {
    await api.startImport(id);
  } catch (error) {
    // A retried start-import whose first attempt got through: the session is already importing.
    if (!(error instanceof OktaApiError) || error.status !== 400) throw error;
    const session = await api.getSession(id);
    if (session.status !== 'TRIGGERED' && session.status !== 'COMPLETED') throw error;
  }
}

/** Opens a session, sends the bulk requests, starts the import and follows it to its end. */
export async function importInSession(api: IdentitySourcesApi, operations: BulkOperation[], hooks: SessionHooks): Promise<SessionOutcome> {
  const session = await openSession(api, hooks);
  try {
    for (const operation of operations) {
      if (operation.kind === 'upsert') await api.bulkUpsert(session.id, operation.profiles);
      else await api.bulkDelete(session.id, operation.externalIds);
      hooks.sent(operation);
    }
    if ((await api.getSession(session.id)).status === 'CREATED') {
      await api.deleteSession(session.id);
      return { sessionId: session.id, status: 'CLOSED' };
    }
    await startImport(api, session.id);
  } catch (error) {
    await cancelQuietly(api, session.id);
    throw error;
  }
  const status = await followSession(api, session.id);
  if (status !== 'COMPLETED') {
    throw new Error(`Okta ended import session ${session.id} with status ${status}; nothing was committed and the next run sends it all again. See Reports > Import Monitoring in the Admin Console.`);
  }
  return { sessionId: session.id, status };
}
