/**
 * SmartHR resolves some crew fields by name on write and creates what does not exist yet
 * (job titles from `positions`, grades, job categories, recruitment types).
 */
import { randomUUID } from 'node:crypto';
import { nextTimestamp } from '../clock.ts';
import type { JobTitleRecord, NamedRecord } from './records.ts';
import type { TenantData } from './tenant-data.ts';

const RECRUITMENT_PRESETS: Record<string, string> = {
  新卒: 'new_graduate',
  中途: 'mid_career',
  'アルバイト・パート': 'part_time',
  正社員登用: 'full_time_conversion',
  再雇用: 'rehire',
};

export function findOrCreateJobTitle(data: TenantData, name: string): JobTitleRecord {
  for (const title of data.jobTitles.values()) if (title.name === name) return title;
  const now = nextTimestamp();
  const created: JobTitleRecord = { id: randomUUID(), name, rank: null, code: null, createdAt: now, updatedAt: now };
  data.jobTitles.set(created.id, created);
  return created;
}

export function findOrCreateNamed(
  collection: Map<string, NamedRecord>,
  name: string,
  kind: 'grade' | 'job_category' | 'recruitment_type',
): NamedRecord {
  for (const rec of collection.values()) if (rec.name === name) return rec;
  const now = nextTimestamp();
  const created: NamedRecord = { id: randomUUID(), name, createdAt: now, updatedAt: now };
  if (kind === 'grade') created.rank = null;
  if (kind === 'recruitment_type') created.presetType = RECRUITMENT_PRESETS[name] ?? null;
  collection.set(created.id, created);
  return created;
}
