/**
 * What one run asks of Okta, from the employees SmartHR returned (pure). ACTIVE and PENDING
 * employees are upserted (created or updated: XaaS has no separate "pending" state, a future
 * joiner is an Okta user whose status attribute says PENDING), INACTIVE ones bulk-deleted (Okta
 * deactivates them), and on a full run so are the users this sync put into Okta that SmartHR no
 * longer returns. A profile Okta would refuse is skipped with the reason, never sent.
 */
import type { IdentitySourceRecord } from '../connector/engine/profiles/identity-source-record.ts';

export type DeleteReason = 'INACTIVE' | 'gone from SmartHR';

export interface SyncPlan {
  upserts: IdentitySourceRecord[];
  deletes: Array<{ externalId: string; reason: DeleteReason }>;
  skipped: Array<{ externalId: string; reason: string }>;
}

const length = (value: string | null | undefined) => (value ?? '').length;

/**
 * Why Okta would refuse this profile, or undefined. Lengths are Okta's
 * (IdentitySourceUserProfileForUpsert); userName and email are what an Okta user cannot be
 * created without (IdentitySourceUserProfileForUpsertRequired).
 */
export function uploadProblem(record: IdentitySourceRecord): string | undefined {
  const p = record.profile;
  if (length(record.externalId) > 512) return 'externalId over 512 characters';
  if (!p.email) return 'no email (Okta needs email and userName)';
  if (length(p.email) < 5 || length(p.email) > 100 || !/^[^@\s]+@[^@\s]+$/.test(p.email)) return 'email is not an address of 5 to 100 characters';
  if (!p.userName || length(p.userName) > 100) return 'userName empty or over 100 characters';
  if (length(p.firstName) > 50 || length(p.lastName) > 50) return 'firstName or lastName over 50 characters';
  if (length(p.mobilePhone) > 100) return 'mobilePhone over 100 characters';
  return undefined;
}

export function planSync(records: Iterable<IdentitySourceRecord>, options: { full: boolean; liveIds?: ReadonlySet<string> }): SyncPlan {
  // A record can come twice when SmartHR's pages shift under a running read; the later wins.
  const latest = new Map<string, IdentitySourceRecord>();
  for (const record of records) latest.set(record.externalId, record);
  const plan: SyncPlan = { upserts: [], deletes: [], skipped: [] };
  for (const record of latest.values()) {
    const status = record.profile.status;
    if (status === 'INACTIVE') {
      plan.deletes.push({ externalId: record.externalId, reason: 'INACTIVE' });
      continue;
    }
    if (status !== 'ACTIVE' && status !== 'PENDING') {
      plan.skipped.push({ externalId: record.externalId, reason: `unknown status ${String(status)}` });
      continue;
    }
    const problem = uploadProblem(record);
    if (problem) plan.skipped.push({ externalId: record.externalId, reason: problem });
    else plan.upserts.push(record);
  }
  if (options.full && options.liveIds) {
    for (const id of options.liveIds) if (!latest.has(id)) plan.deletes.push({ externalId: id, reason: 'gone from SmartHR' });
  }
  return plan;
}

/**
 * The externalIds live in Okta through this sync once the run is committed: what a later full
 * run compares SmartHR with to find the employees who disappeared. A skipped employee that was
 * live stays live (it still exists in SmartHR; it could not be updated).
 */
export function liveIdsAfter(plan: SyncPlan, previous: readonly string[] | undefined, full: boolean): string[] {
  const live = new Set(full ? [] : previous ?? []);
  if (full) {
    const skipped = new Set(plan.skipped.map((s) => s.externalId));
    for (const id of previous ?? []) if (skipped.has(id)) live.add(id);
  }
  for (const record of plan.upserts) live.add(record.externalId);
  for (const d of plan.deletes) live.delete(d.externalId);
  return [...live].sort();
}
