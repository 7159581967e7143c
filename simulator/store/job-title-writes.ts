/** Job title writes (reference section 6.5): rank is an integer 1..99999. */
import { randomUUID } from 'node:crypto';
import { nextTimestamp } from '../clock.ts';
import { invalidField, notFound } from '../errors.ts';
import type { Json, JsonObject } from '../json.ts';
import { toInt, toText } from './field-values.ts';
import type { JobTitleRecord } from './records.ts';
import type { TenantData } from './tenant-data.ts';

const R = 'job_title';

function checkRank(value: Json): number | null {
  const rank = toInt(R, 'rank', value);
  if (rank !== null && (rank < 1 || rank > 99999)) throw invalidField(R, 'rank', 'ランクは1から99999の間で入力してください');
  return rank;
}

function checkName(value: Json | undefined): string {
  const name = value === undefined ? null : toText(R, 'name', value);
  if (!name) throw invalidField(R, 'name', '役職名を入力してください');
  return name;
}

export function createJobTitle(data: TenantData, body: JsonObject): JobTitleRecord {
  const now = nextTimestamp();
  const rec: JobTitleRecord = {
    id: randomUUID(),
    name: checkName(body.name),
    rank: checkRank(body.rank ?? null),
    code: toText(R, 'code', body.code ?? null),
    createdAt: now,
    updatedAt: now,
  };
  data.jobTitles.set(rec.id, rec);
  data.changed();
  return rec;
}

export function updateJobTitle(data: TenantData, id: string, body: JsonObject, replace: boolean): JobTitleRecord {
  const rec = data.jobTitles.get(id);
  if (!rec) throw notFound();
  const name = replace || 'name' in body ? checkName(body.name) : rec.name;
  const rank = replace || 'rank' in body ? checkRank(body.rank ?? null) : rec.rank;
  const code = 'code' in body ? toText(R, 'code', body.code ?? null) : rec.code;
  Object.assign(rec, { name, rank, code, updatedAt: nextTimestamp() });
  data.changed();
  return rec;
}

export function deleteJobTitle(data: TenantData, id: string): void {
  if (!data.jobTitles.delete(id)) throw notFound();
  for (const crew of data.crews.values()) {
    if (crew.positionIds.includes(id)) crew.positionIds = crew.positionIds.filter((p) => p !== id);
  }
  data.changed();
}
