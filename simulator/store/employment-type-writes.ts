/**
 * Employment type writes (reference section 6.6). The seven system presets cannot be deleted
 * (400 code 8) and keep their names; custom types may be renamed and deleted.
 */
import { randomUUID } from 'node:crypto';
import { nextTimestamp } from '../clock.ts';
import { invalidField, notFound, SmartHRError } from '../errors.ts';
import type { Json, JsonObject } from '../json.ts';
import { toText } from './field-values.ts';
import type { EmploymentTypeRecord } from './records.ts';
import type { TenantData } from './tenant-data.ts';

const R = 'employment_type';

function checkName(value: Json | undefined): string {
  const name = value === undefined ? null : toText(R, 'name', value);
  if (!name) throw invalidField(R, 'name', '雇用形態名を入力してください');
  return name;
}

export function createEmploymentType(data: TenantData, body: JsonObject): EmploymentTypeRecord {
  const now = nextTimestamp();
  const rec: EmploymentTypeRecord = {
    id: randomUUID(),
    name: checkName(body.name),
    presetType: null,
    code: toText(R, 'code', body.code ?? null),
    createdAt: now,
    updatedAt: now,
  };
  data.employmentTypes.set(rec.id, rec);
  data.changed();
  return rec;
}

export function updateEmploymentType(data: TenantData, id: string, body: JsonObject, replace: boolean): EmploymentTypeRecord {
  const rec = data.employmentTypes.get(id);
  if (!rec) throw notFound();
  const name = replace || 'name' in body ? checkName(body.name) : rec.name;
  if (rec.presetType !== null && name !== rec.name) {
    throw invalidField(R, 'name', 'システム標準の雇用形態の名称は変更できません');
  }
  const code = replace || 'code' in body ? toText(R, 'code', body.code ?? null) : rec.code;
  Object.assign(rec, { name, code, updatedAt: nextTimestamp() });
  data.changed();
  return rec;
}

export function deleteEmploymentType(data: TenantData, id: string): void {
  const rec = data.employmentTypes.get(id);
  if (!rec) throw notFound();
  if (rec.presetType !== null) throw new SmartHRError('non_deletable_resource', 'システム標準の雇用形態は削除できません');
  data.employmentTypes.delete(id);
  for (const crew of data.crews.values()) if (crew.employmentTypeId === id) crew.employmentTypeId = null;
  data.changed();
}
