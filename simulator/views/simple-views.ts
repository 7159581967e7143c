/** SmartHR's JSON for the small resources that are little more than their records. */
import type { JsonObject } from '../json.ts';
import type {
  EmploymentTypeRecord,
  JobTitleRecord,
  NamedRecord,
  TemplateGroupRecord,
  TemplateRecord,
} from '../store/records.ts';

export function renderJobTitle(rec: JobTitleRecord): JsonObject {
  return { id: rec.id, name: rec.name, rank: rec.rank, code: rec.code, created_at: rec.createdAt, updated_at: rec.updatedAt };
}

export function renderEmploymentType(rec: EmploymentTypeRecord): JsonObject {
  return {
    id: rec.id,
    name: rec.name,
    preset_type: rec.presetType,
    code: rec.code,
    updated_at: rec.updatedAt,
    created_at: rec.createdAt,
  };
}

export function renderTemplateGroup(rec: TemplateGroupRecord): JsonObject {
  return {
    id: rec.id,
    name: rec.name,
    position: rec.position,
    access_type: rec.accessType,
    updated_at: rec.updatedAt,
    created_at: rec.createdAt,
  };
}

export function renderTemplate(rec: TemplateRecord): JsonObject {
  return {
    id: rec.id,
    name: rec.name,
    type: rec.type,
    elements: rec.elements.map((el) => ({ id: el.id, name: el.name, physical_name: el.physical_name, position: el.position })),
    group_id: rec.groupId,
    hint: rec.hint,
    scale: rec.scale,
    separated_by_commas: rec.separatedByCommas,
    position: rec.position,
    updated_at: rec.updatedAt,
    created_at: rec.createdAt,
  };
}

export function renderGrade(rec: NamedRecord): JsonObject {
  return { id: rec.id, name: rec.name, rank: rec.rank ?? null, created_at: rec.createdAt, updated_at: rec.updatedAt };
}

export function renderJobCategory(rec: NamedRecord): JsonObject {
  return { id: rec.id, name: rec.name, created_at: rec.createdAt, updated_at: rec.updatedAt };
}

export function renderRecruitmentType(rec: NamedRecord): JsonObject {
  return { id: rec.id, name: rec.name, preset_type: rec.presetType ?? null, created_at: rec.createdAt, updated_at: rec.updatedAt };
}

export function renderPaymentPeriod(rec: NamedRecord): JsonObject {
  return { id: rec.id, name: rec.name, period_type: rec.periodType ?? 'monthly' };
}
