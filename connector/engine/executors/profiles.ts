import type { Pagination } from '../../generated/schemas/card.ts';
import { checkOutputs } from '../output-check.ts';
import { primed } from '../primed-stream.ts';
import { recordLimit } from '../record-limit.ts';
import { pagedRecords, MAX_PER_PAGE, type PagingOptions } from '../pagination.ts';
import { planFilters } from '../profiles/filters.ts';
import { recordFormatter } from '../profiles/identity-source-record.ts';
import { readChangedSince, readProfileFilters } from '../profiles/inputs.ts';
import { PROFILE_SOURCE_FIELDS, todayInJapan, toProfile } from '../profiles/profile-map.ts';
import { takePage, type PageSlice } from '../take-page.ts';
import type { CardResult, ExecutionContext } from './context.ts';

type Json = Record<string, unknown>;

/**
 * How far before this run's start the next run looks back: covers clock skew between us and
 * SmartHR and records whose update was in flight while we paged. Duplicates are harmless to an
 * idempotent upsert; a missed change is not.
 */
export const RESYNC_SAFETY_MARGIN_MS = 5 * 60_000;

/** The watermark the next incremental run starts from, for a run that began at `startedAt`. */
export function nextChangedSince(startedAt: number): string {
  return new Date(startedAt - RESYNC_SAFETY_MARGIN_MS).toISOString();
}

type ProfileReader = (limit: number, resume?: Pick<PagingOptions, 'progress' | 'stopAt'>) => AsyncGenerator<Json>;

/**
 * Crews as Okta profiles, filtered, optionally only those changed since a watermark. SmartHR has
 * no updated-since filter, so an incremental run pages by -updated_at and stops at the first
 * record older than the watermark. A run that began at `startedAt` computes statuses for that
 * day, however many page calls it spans.
 */
async function profileReader(ctx: ExecutionContext, startedAt: number): Promise<ProfileReader> {
  const { definition } = ctx.card;
  const pagination = definition.pagination as Pagination;
  const inputs = ctx.invocation.inputs;
  const filters = readProfileFilters(inputs);
  const plan = await planFilters(filters, {
    departments: () => ctx.build.records('/v1/departments'),
    employmentTypes: () => ctx.build.records('/v1/employment_types'),
  });
  const changedSince = readChangedSince(inputs);
  const today = todayInJapan(new Date(startedAt));
  // Without filters every crew is a profile, so SmartHR's paging can stop at the limit.
  const unfiltered = Object.values(filters).every((filter) => filter === undefined);
  const toRecord = recordFormatter(ctx.invocation.options);
  ctx.logger.debug({ pushedDown: plan.pushedDown, incremental: changedSince !== undefined }, 'profile filters');

  return async function* profiles(limit, resume = {}) {
    if (limit === 0) return;
    const query: Record<string, string> = { ...plan.query, sort: changedSince === undefined ? (pagination.sort ?? 'emp_code') : '-updated_at' };
    if (definition.request.fieldsParameter) query[definition.request.fieldsParameter] = PROFILE_SOURCE_FIELDS.join(',');
    const crews = pagedRecords(
      ctx.client,
      { path: '/v1/crews', query, signal: ctx.deadline.signal, deadlineAt: ctx.deadline.at },
      { concurrency: ctx.pageConcurrency, ...(unfiltered && changedSince === undefined ? { limit } : {}), ...resume },
    );
    let count = 0;
    for await (const crew of crews) {
      if (changedSince !== undefined && Date.parse(String(crew.updated_at)) < changedSince) {
        if (resume.progress) resume.progress.complete = true;
        return;
      }
      const profile = toProfile(crew, today);
      if (!plan.keep(crew, profile)) continue;
      checkOutputs(ctx.card.validateOutputs, { [pagination.resultGroup]: { [pagination.recordsOutput]: [profile] } }, definition.name);
      yield toRecord(profile);
      count += 1;
      if (count >= limit) return;
    }
  };
}

/** List Employee Profiles: a stream, or the first 100 profiles, with the next run's watermark. */
export async function executeProfiles(ctx: ExecutionContext): Promise<CardResult> {
  const startedAt = Date.now();
  const pagination = ctx.card.definition.pagination as Pagination;
  const profiles = await profileReader(ctx, startedAt);
  const watermark = nextChangedSince(startedAt);
  const streaming = pagination.resultSets[String(ctx.invocation.options[pagination.resultSetOption])] === 'stream';

  if (streaming) return { kind: 'stream', records: await primed(profiles(recordLimit(ctx.invocation, pagination))), summary: () => ({ 'Next Changed Since': watermark }) };
  const list: Json[] = [];
  for await (const profile of profiles(MAX_PER_PAGE)) list.push(profile);
  const body = { [pagination.resultGroup]: { [pagination.recordsOutput]: list, 'Next Changed Since': watermark } };
  checkOutputs(ctx.card.validateOutputs, body, ctx.card.definition.name);
  return { kind: 'json', body };
}

/** One cursor page of the profile stream; the walk's start time comes from its first page. */
export async function pageProfiles(ctx: ExecutionContext, slice: PageSlice, startedAt: number, longestWaitMs: number): Promise<Json[]> {
  const profiles = await profileReader(ctx, startedAt);
  return takePage(profiles(slice.take, { progress: slice.progress, stopAt: slice.stopAt }), slice, ctx, longestWaitMs);
}
