/**
 * Cutting a plan into bulk requests and sessions within Okta's limits (XaaS guide, "Bulk-load
 * requests"): at most 200 profiles and 200 KB of data per bulk-upsert or bulk-delete request,
 * at most 50 bulk requests per import session; past that, another session.
 */
import type { IdentitySourceRecord } from '../connector/engine/profiles/identity-source-record.ts';
import type { SyncPlan } from './plan.ts';

export const OKTA_LIMITS = {
  profilesPerRequest: 200,
  /** 200 KB, less room for the request envelope. */
  bytesPerRequest: 190_000,
  requestsPerSession: 50,
} as const;

export type BulkOperation = { kind: 'upsert'; profiles: IdentitySourceRecord[] } | { kind: 'delete'; externalIds: string[] };

/** Consecutive runs of items, each at most maxItems long and maxBytes of JSON. */
export function chunk<T>(items: readonly T[], maxItems: number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1;
    if (current.length > 0 && (current.length >= maxItems || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Upserts first, then deactivations, each in requests of at most batchSize profiles. */
export function bulkOperations(plan: SyncPlan, batchSize: number = OKTA_LIMITS.profilesPerRequest): BulkOperation[] {
  const size = Math.min(batchSize, OKTA_LIMITS.profilesPerRequest);
  return [
    ...chunk(plan.upserts, size, OKTA_LIMITS.bytesPerRequest).map((profiles): BulkOperation => ({ kind: 'upsert', profiles })),
    ...chunk(plan.deletes.map((d) => d.externalId), size, OKTA_LIMITS.bytesPerRequest).map((externalIds): BulkOperation => ({ kind: 'delete', externalIds })),
  ];
}

export function sessionsOf(operations: readonly BulkOperation[], requestsPerSession: number = OKTA_LIMITS.requestsPerSession): BulkOperation[][] {
  const sessions: BulkOperation[][] = [];
  for (let i = 0; i < operations.length; i += requestsPerSession) sessions.push(operations.slice(i, i + requestsPerSession));
  return sessions;
}

export const profilesIn = (operation: BulkOperation): number => (operation.kind === 'upsert' ? operation.profiles.length : operation.externalIds.length);
