/**
 * Create/PATCH of a crew with SmartHR's write-side translations (reference section 6.3):
 * ids and names in, joined objects out. The whole body is validated on a staged copy before
 * anything is committed, so a 400 never leaves a half-written crew or stray job titles behind.
 */
import { randomUUID } from 'node:crypto';
import { nextTimestamp } from '../clock.ts';
import { invalidField } from '../errors.ts';
import { isJsonObject, type Json, type JsonObject } from '../json.ts';
import { CREW_PLAIN_FIELD_KINDS, PRESET_TYPES, UNBLANKABLE_FIELDS } from './crew-fields.ts';
import { isBlank, toAttachmentName, toEnum, toList, toPlainValue, toText } from './field-values.ts';
import { findOrCreateJobTitle, findOrCreateNamed } from './named-lookups.ts';
import type { CrewRecord } from './records.ts';
import type { TenantData } from './tenant-data.ts';
import { toCustomValue } from './custom-values.ts';
import { findOrCreateTopDepartment } from './department-writes.ts';

const R = 'crew';
const MAX_DEPARTMENT_SLOTS = 3;
const BANK_KEYS = [
  'bank_code',
  'bank_branch_code',
  'account_type',
  'account_number',
  'account_holder_name',
  'transfer_type',
  'specified_transfer_amount',
  'transfer_category',
  'bankbook_image',
  'bank_account_setting_id',
] as const;

export function emptyCrew(id: string, now: string): CrewRecord {
  return {
    id,
    createdAt: now,
    updatedAt: now,
    values: { emp_status: 'employed' },
    employmentTypeId: null,
    bizEstablishmentId: null,
    departmentIds: [],
    positionIds: [],
    gradeId: null,
    jobCategoryId: null,
    recruitmentTypeId: null,
    paymentPeriodId: null,
    bankAccounts: [],
    profileImageName: null,
    customValues: new Map(),
  };
}

function stage(crew: CrewRecord): CrewRecord {
  return {
    ...crew,
    values: { ...crew.values },
    departmentIds: [...crew.departmentIds],
    positionIds: [...crew.positionIds],
    bankAccounts: crew.bankAccounts.map((a) => ({ ...a })),
    customValues: new Map(crew.customValues),
  };
}

function existingId(collection: Map<string, unknown>, field: string, value: Json): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string' && collection.has(value)) return value;
  throw invalidField(R, field, `${field}に存在しないIDが指定されています`);
}

function checkUniqueEmpCode(data: TenantData, crewId: string, empCode: Json): void {
  if (typeof empCode !== 'string' || empCode === '') return;
  for (const other of data.crews.values()) {
    if (other.id !== crewId && other.values.emp_code === empCode) {
      throw invalidField(R, 'emp_code', '社員番号はすでに存在します');
    }
  }
}

function checkNotBlanked(before: CrewRecord, body: JsonObject): void {
  for (const field of UNBLANKABLE_FIELDS) {
    if (!(field in body)) continue;
    const value = body[field];
    const blanked = isBlank(value) || (field === 'address' && isJsonObject(value) && Object.keys(value).length === 0);
    if (blanked && !isBlank(before.values[field])) {
      throw invalidField(R, field, `${field}は一度登録すると空にできません`);
    }
  }
}

function stringList(field: string, value: Json): string[] {
  return toList(R, field, value).map((item) => {
    if (typeof item !== 'string') throw invalidField(R, field, `${field}は文字列の配列で指定してください`);
    return item;
  });
}

/**
 * Applies `body` to `crew` (a new record on create). Returns the committed record; throws a
 * SmartHRError (400 code 1) without changing anything when a field is invalid.
 */
export function writeCrew(data: TenantData, crew: CrewRecord, body: JsonObject, isCreate: boolean): CrewRecord {
  if (!isCreate) checkNotBlanked(crew, body);
  const next = stage(crew);
  const deferred: Array<() => void> = [];

  for (const [field, value] of Object.entries(body)) {
    const kind = CREW_PLAIN_FIELD_KINDS.get(field);
    if (kind) {
      const stored = toPlainValue(R, field, kind, value, next.values[field]);
      if (stored === null) delete next.values[field];
      else next.values[field] = stored;
      continue;
    }
    translate(data, next, field, value, deferred);
  }

  if (next.values.emp_status === undefined) next.values.emp_status = 'employed';
  if (typeof next.values.user_id === 'string' && !data.users.has(next.values.user_id)) {
    throw invalidField(R, 'user_id', 'user_idに存在しないIDが指定されています');
  }
  checkUniqueEmpCode(data, crew.id, next.values.emp_code ?? null);

  for (const apply of deferred) apply();
  next.updatedAt = nextTimestamp();
  if (isCreate) next.createdAt = next.updatedAt;
  Object.assign(crew, next);
  data.crews.set(crew.id, crew);
  data.changed();
  return crew;
}

function translate(data: TenantData, next: CrewRecord, field: string, value: Json, deferred: Array<() => void>): void {
  switch (field) {
    case 'employment_type_id':
      next.employmentTypeId = existingId(data.employmentTypes, field, value);
      return;
    case 'emp_type': {
      const preset = toEnum(R, field, value, PRESET_TYPES);
      const match = [...data.employmentTypes.values()].find((t) => t.presetType === preset);
      if (preset && !match) throw invalidField(R, field, 'emp_typeに対応する雇用形態がありません');
      next.employmentTypeId = match?.id ?? null;
      return;
    }
    case 'biz_establishment_id':
      next.bizEstablishmentId = existingId(data.bizEstablishments, field, value);
      return;
    case 'payment_period_id':
      next.paymentPeriodId = existingId(data.paymentPeriods, field, value);
      return;
    case 'department_ids': {
      const ids = toList(R, field, value).map((id) => existingId(data.departments, field, id));
      if (ids.length > MAX_DEPARTMENT_SLOTS) throw invalidField(R, field, `部署は${MAX_DEPARTMENT_SLOTS}つまで指定できます`);
      next.departmentIds = ids;
      return;
    }
    case 'department': {
      const name = toText(R, field, value);
      if (!name) {
        next.departmentIds = [];
        return;
      }
      if (name.includes('/')) throw invalidField(R, field, '部署名に/は使用できません');
      deferred.push(() => {
        next.departmentIds = [findOrCreateTopDepartment(data, name).id];
      });
      return;
    }
    case 'positions':
    case 'position': {
      const names = field === 'positions' ? stringList(field, value) : [toText(R, field, value) ?? ''].filter((n) => n !== '');
      deferred.push(() => {
        next.positionIds = names.map((name) => findOrCreateJobTitle(data, name).id);
      });
      return;
    }
    case 'grade':
    case 'job_category':
    case 'recruitment_type': {
      const name = toText(R, field, value);
      const collection =
        field === 'grade' ? data.grades : field === 'job_category' ? data.jobCategories : data.recruitmentTypes;
      deferred.push(() => {
        const id = name ? findOrCreateNamed(collection, name, field).id : null;
        if (field === 'grade') next.gradeId = id;
        else if (field === 'job_category') next.jobCategoryId = id;
        else next.recruitmentTypeId = id;
      });
      return;
    }
    case 'bank_accounts':
      next.bankAccounts = toList(R, field, value).map((item) => {
        if (!isJsonObject(item)) throw invalidField(R, field, '口座情報はオブジェクトの配列で指定してください');
        const account: JsonObject = {};
        for (const key of BANK_KEYS) account[key] = item[key] ?? null;
        return account;
      });
      return;
    case 'profile_image':
      next.profileImageName = toAttachmentName(R, field, value);
      return;
    case 'custom_fields':
      for (const item of toList(R, field, value)) {
        if (!isJsonObject(item) || typeof item.template_id !== 'string') {
          throw invalidField(R, 'custom_fields', 'template_idを指定してください');
        }
        const template = data.templates.get(item.template_id);
        if (!template) throw invalidField(R, 'custom_fields', 'template_idに存在しないIDが指定されています');
        const stored = toCustomValue(template, item.value ?? null, item.file_name ?? null);
        if (stored === null) next.customValues.delete(template.id);
        else next.customValues.set(template.id, stored);
      }
      return;
    default:
      // Like SmartHR's strong parameters: keys it does not know (id, created_at, ...) are ignored.
      return;
  }
}

export function newCrewId(): string {
  return randomUUID();
}
