/**
 * Department writes (reference section 6.4): name without '/', auto-numbered position among
 * siblings, unique code, a parent that exists and is not the department itself or one of its
 * descendants. PUT clears what it does not send; PATCH leaves it.
 */
import { randomUUID } from 'node:crypto';
import { isValidDate, nextTimestamp, todayInJapan } from '../clock.ts';
import { invalidField, notFound, SmartHRError } from '../errors.ts';
import type { Json, JsonObject } from '../json.ts';
import { isBlank, toInt, toText } from './field-values.ts';
import type { DepartmentRecord } from './records.ts';
import type { TenantData } from './tenant-data.ts';

const R = 'department';

function nextPosition(data: TenantData, parentId: string | null): number {
  let max = 0;
  for (const sibling of data.childrenOf(parentId)) max = Math.max(max, sibling.position);
  return max + 1;
}

function checkName(value: Json | undefined, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  const name = value === undefined ? null : toText(R, 'name', value);
  if (!name) throw invalidField(R, 'name', '部署名を入力してください');
  if (name.includes('/')) throw invalidField(R, 'name', '部署名に/は使用できません');
  return name;
}

function checkParent(data: TenantData, selfId: string | null, value: Json): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string' || !data.departments.has(value)) {
    throw invalidField(R, 'parent_id', 'parent_idに存在しないIDが指定されています');
  }
  for (let cursor: string | null = value; cursor; cursor = data.departments.get(cursor)?.parentId ?? null) {
    if (cursor === selfId) throw invalidField(R, 'parent_id', '自身または配下の部署を親にはできません');
  }
  return value;
}

function checkCode(data: TenantData, selfId: string | null, value: Json): string | null {
  const code = isBlank(value) ? null : toText(R, 'code', value);
  if (code === null) return null;
  for (const other of data.departments.values()) {
    if (other.id !== selfId && other.code === code) throw invalidField(R, 'code', '部署コードはすでに存在します');
  }
  return code;
}

export function createDepartment(data: TenantData, body: JsonObject): DepartmentRecord {
  const name = checkName(body.name, true) ?? '';
  const parentId = checkParent(data, null, body.parent_id ?? null);
  const code = checkCode(data, null, body.code ?? null);
  const position = toInt(R, 'position', body.position ?? null) ?? nextPosition(data, parentId);
  const now = nextTimestamp();
  const dept: DepartmentRecord = { id: randomUUID(), name, position, code, parentId, companyId: data.companyId, createdAt: now, updatedAt: now };
  data.departments.set(dept.id, dept);
  data.changed();
  return dept;
}

export function updateDepartment(data: TenantData, id: string, body: JsonObject, replace: boolean): DepartmentRecord {
  const dept = data.departments.get(id);
  if (!dept) throw notFound();
  const name = checkName(body.name, replace);
  const parentId = 'parent_id' in body || replace ? checkParent(data, id, body.parent_id ?? null) : dept.parentId;
  const code = 'code' in body || replace ? checkCode(data, id, body.code ?? null) : dept.code;
  const givenPosition = 'position' in body ? toInt(R, 'position', body.position ?? null) : undefined;
  const position =
    givenPosition ?? (replace || parentId !== dept.parentId ? nextPosition(data, parentId) : dept.position);
  Object.assign(dept, { name: name ?? dept.name, parentId, code, position, updatedAt: nextTimestamp() });
  data.changed();
  return dept;
}

function detachFromCrews(data: TenantData, id: string): void {
  for (const crew of data.crews.values()) {
    if (crew.departmentIds.includes(id)) crew.departmentIds = crew.departmentIds.filter((d) => d !== id);
  }
}

export function deleteDepartment(data: TenantData, id: string): void {
  if (!data.departments.has(id)) throw notFound();
  if (data.childrenOf(id).length > 0) {
    throw new SmartHRError('non_deletable_resource', '配下に部署がある部署は削除できません');
  }
  data.departments.delete(id);
  detachFromCrews(data, id);
  data.changed();
}

/** `discontinued_date` is the last day the department existed and must not be in the future. */
export function discontinueDepartment(data: TenantData, id: string, body: JsonObject): void {
  if (!data.departments.has(id)) throw notFound();
  const date = body.discontinued_date;
  if (typeof date !== 'string' || !isValidDate(date)) {
    throw invalidField(R, 'discontinued_date', '廃止日を日付(yyyy-MM-dd)で入力してください');
  }
  if (date > todayInJapan()) throw invalidField(R, 'discontinued_date', '廃止日には過去の日付を指定してください');
  deleteDepartment(data, id);
}

/** The deprecated crew `department` field: a top-level department by name, created if missing. */
export function findOrCreateTopDepartment(data: TenantData, name: string): DepartmentRecord {
  for (const dept of data.childrenOf(null)) if (dept.name === name) return dept;
  return createDepartment(data, { name });
}
