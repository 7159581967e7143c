/**
 * One sync run: SmartHR profiles (through the engine, as `npm run profiles` reads them) -> a plan
 * -> import sessions in Okta -> the state file, written only once Okta has imported everything.
 */
import { RECORD_FORMAT_OPTION, XAAS_RECORD_FORMAT, type IdentitySourceRecord } from '../connector/engine/profiles/identity-source-record.ts';
import { listEmployeeProfiles } from '../scripts/profiles/list-profiles.ts';
import type { SyncCommand } from './args.ts';
import { bulkOperations, profilesIn, sessionsOf } from './batches.ts';
import { IdentitySourcesApi } from './identity-sources-api.ts';
import { clearOpenSessions, importInSession, type SessionOutcome } from './import-session.ts';
import { liveIdsAfter, planSync, type SyncPlan } from './plan.ts';
import type { Progress } from './progress.ts';
import { checkScope, readState, writeState, type SyncScope, type SyncState } from './state.ts';

/** Skips named on stderr per run; the dry run's plan names every one. */
const SKIPS_SHOWN = 20;

export interface RunSummary {
  mode: 'full' | 'incremental';
  dryRun: boolean;
  upserted: number;
  deleted: number;
  /** Of the deleted: users this sync had put into Okta whom SmartHR no longer returns. */
  gone: number;
  skipped: number;
  sessions: SessionOutcome[];
  nextChangedSince: string;
}

export interface RunIo {
  progress: Progress;
  /** stdout: the plan of a dry run. */
  out(line: string): void;
}

function scopeOf(command: SyncCommand): SyncScope {
  return {
    oktaOrg: command.okta.origin,
    identitySource: command.okta.identitySource,
    tenant: command.connection.tenant,
    accountType: command.connection.accountType.toLowerCase(),
    filters: command.filters,
  };
}

function isFullRun(command: SyncCommand, previous: SyncState | undefined, now: number): boolean {
  if (command.full || !previous) return true;
  return command.fullEvery !== undefined && now - Date.parse(previous.lastFullRunAt) >= command.fullEvery;
}

async function readProfiles(command: SyncCommand, changedSince: string | undefined, progress: Progress): Promise<{ records: IdentitySourceRecord[]; nextChangedSince: string }> {
  const inputs = { ...command.filters, ...(changedSince ? { Sync: { 'Changed Since': changedSince } } : {}), Streaming: { 'Record Limit': null } };
  const stream = await listEmployeeProfiles(command.connection, inputs, { [RECORD_FORMAT_OPTION]: XAAS_RECORD_FORMAT });
  const counter = progress.counter(changedSince ? `reading employees changed since ${changedSince}` : 'reading every employee');
  const records: IdentitySourceRecord[] = [];
  for await (const record of stream.records) {
    records.push(record as unknown as IdentitySourceRecord);
    counter.increment();
  }
  counter.done();
  return { records, nextChangedSince: String(stream.summary()['Next Changed Since']) };
}

function printPlan(plan: SyncPlan, sessions: number, out: (line: string) => void): void {
  for (const r of plan.upserts) out(`upsert ${r.externalId} (${String(r.profile.status)})`);
  for (const d of plan.deletes) out(`deactivate ${d.externalId} (${d.reason})`);
  for (const s of plan.skipped) out(`skip ${s.externalId}: ${s.reason}`);
  out(`dry run: would upsert ${plan.upserts.length}, deactivate ${plan.deletes.length}, skip ${plan.skipped.length}, in ${sessions} import session(s); nothing was sent to Okta and the state file is unchanged`);
}

export async function syncOnce(command: SyncCommand, io: RunIo): Promise<RunSummary> {
  const startedAt = new Date();
  const scope = scopeOf(command);
  const previous = await readState(command.stateFile);
  if (previous) checkScope(previous, scope, command.stateFile);
  const full = isFullRun(command, previous, startedAt.getTime());

  const { records, nextChangedSince } = await readProfiles(command, full ? undefined : previous?.nextChangedSince, io.progress);
  const plan = planSync(records, { full, liveIds: previous ? new Set(previous.liveExternalIds) : undefined });
  for (const s of plan.skipped.slice(0, SKIPS_SHOWN)) io.progress.note(`skipping ${s.externalId}: ${s.reason}`);
  if (plan.skipped.length > SKIPS_SHOWN) io.progress.note(`... and ${plan.skipped.length - SKIPS_SHOWN} more skipped (--dry-run lists them all)`);
  const operations = bulkOperations(plan, command.batchSize);
  const sessionGroups = sessionsOf(operations);
  const summary: RunSummary = {
    mode: full ? 'full' : 'incremental',
    dryRun: command.dryRun,
    upserted: plan.upserts.length,
    deleted: plan.deletes.length,
    gone: plan.deletes.filter((d) => d.reason === 'gone from SmartHR').length,
    skipped: plan.skipped.length,
    sessions: [],
    nextChangedSince,
  };
  if (command.dryRun) {
    printPlan(plan, sessionGroups.length, io.out);
    return summary;
  }

  if (operations.length > 0) {
    const notice = (line: string) => io.progress.note(line);
    const api = new IdentitySourcesApi({ ...command.okta, notice });
    await clearOpenSessions(api, { notice });
    const counter = io.progress.counter('sending to Okta (profiles)', operations.reduce((n, op) => n + profilesIn(op), 0));
    try {
      for (const group of sessionGroups) {
        summary.sessions.push(await importInSession(api, group, { notice, sent: (op) => counter.increment(profilesIn(op)) }));
      }
    } finally {
      counter.done();
    }
  }

  await writeState(command.stateFile, {
    version: 1,
    scope,
    nextChangedSince,
    lastFullRunAt: full ? startedAt.toISOString() : (previous as SyncState).lastFullRunAt,
    liveExternalIds: liveIdsAfter(plan, previous?.liveExternalIds, full),
  });
  return summary;
}

export function describeRun(s: RunSummary, stateFile: string): string {
  const sessions = s.sessions.length === 0 ? 'nothing to send, no session opened' : s.sessions.map((o) => `session ${o.sessionId} ${o.status}`).join(', ');
  const gone = s.gone > 0 ? ` (${s.gone} gone from SmartHR)` : '';
  return `${s.mode} run: ${s.upserted} upserted, ${s.deleted} deleted${gone}, ${s.skipped} skipped; ${sessions}; Next Changed Since ${s.nextChangedSince} saved to ${stateFile}`;
}
