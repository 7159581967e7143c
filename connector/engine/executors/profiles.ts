import type { Pagination } from '../../generated/schemas/card.ts';
import { checkOutputs } from '../output-check.ts';
import { primed } from '../primed-stream.ts';
import { recordLimit } from '../record-limit.ts';
import { pagedRecords, MAX_PER_PAGE } from '../pagination.ts';
import { planFilters } from '../profiles/filters.ts';
import { readChangedSince, readProfileFilters } from '../profiles/inputs.ts';
import { PROFILE_SOURCE_FIELDS, todayInJapan, toProfile } from '../profiles/profile-map.ts';
import type { CardResult, ExecutionContext } from './context.ts';

type Json = Record<string, unknown>;

/**
 * How far before this run's start the next run looks back: covers clock skew between us and
 * SmartHR and records whose update was in flight while we paged. Duplicates are harmless to an
 * idempotent upsert; a missed change is not.
 */
export const RESYNC_SAFETY_MARGIN_MS = 5 * 60_000;

async function listAll(ctx: ExecutionContext, path: string): Promise<Json[]> {
  const all: Json[] = [];
  for await (const record of pagedRecords(ctx.client, { path, query: {}, signal: ctx.deadline.signal, deadlineAt: ctx.deadline.at })) all.push(record);
  return all;
}

/**
 * List Employee Profiles: crews as Okta profiles, filtered, optionally only those changed since a
 * watermark. SmartHR has no updated-since filter, so an incremental run pages by -updated_at and
 * stops at the first record older than the watermark.
 */
export async function executeProfiles(ctx: ExecutionContext): Promise<CardResult> {
  const startedAt = Date.now();
  const { definition } = ctx.card;
  const pagination = definition.pagination as Pagination;
  const inputs = ctx.invocation.inputs;
  const plan = await planFilters(readProfileFilters(inputs), {
    departments: () => listAll(ctx, '/v1/departments'),
    employmentTypes: () => listAll(ctx, '/v1/employment_types'),
  });
  const changedSince = readChangedSince(inputs);
  const nextChangedSince = new Date(startedAt - RESYNC_SAFETY_MARGIN_MS).toISOString();
  const streaming = pagination.resultSets[String(ctx.invocation.options[pagination.resultSetOption])] === 'stream';
  const limit = streaming ? recordLimit(ctx.invocation, pagination) : MAX_PER_PAGE;
  const today = todayInJapan(new Date(startedAt));
  ctx.logger.debug({ pushedDown: plan.pushedDown, incremental: changedSince !== undefined }, 'profile filters');

  async function* profiles(): AsyncGenerator<Json> {
    if (limit === 0) return;
    const query: Record<string, string> = { ...plan.query, sort: changedSince === undefined ? (pagination.sort ?? 'emp_code') : '-updated_at' };
    if (definition.request.fieldsParameter) query[definition.request.fieldsParameter] = PROFILE_SOURCE_FIELDS.join(',');
    let count = 0;
    for await (const crew of pagedRecords(ctx.client, { path: '/v1/crews', query, signal: ctx.deadline.signal, deadlineAt: ctx.deadline.at }, { concurrency: ctx.pageConcurrency })) {
      if (changedSince !== undefined && Date.parse(String(crew.updated_at)) < changedSince) return;
      const profile = toProfile(crew, today);
      if (!plan.keep(crew, profile)) continue;
      checkOutputs(ctx.card.validateOutputs, { [pagination.resultGroup]: { [pagination.recordsOutput]: [profile] } }, definition.name);
      yield profile;
      count += 1;
      if (limit !== undefined && count >= limit) return;
    }
  }

  if (streaming) return { kind: 'stream', records: await primed(profiles()), summary: () => ({ 'Next Changed Since': nextChangedSince }) };
  const list: Json[] = [];
  for await (const profile of profiles()) list.push(profile);
  const body = { [pagination.resultGroup]: { [pagination.recordsOutput]: list, 'Next Changed Since': nextChangedSince } };
  checkOutputs(ctx.card.validateOutputs, body, definition.name);
  return { kind: 'json', body };
}
