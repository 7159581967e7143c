/**
 * A crew record as SmartHR returns it: every field of reference section 6.3, absent values as
 * explicit nulls, references joined into objects. Each call builds fresh objects, so only the
 * rows of the page being answered are ever copied.
 */
import type { Json, JsonObject } from '../json.ts';
import { CREW_PLAIN_FIELDS } from '../store/crew-fields.ts';
import type { CrewRecord, TemplateRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import { attachmentUrl } from './attachment.ts';
import { renderBizEstablishment } from './biz-establishment-view.ts';
import { fullName, renderDepartment } from './department-view.ts';
import {
  renderGrade,
  renderJobCategory,
  renderPaymentPeriod,
  renderRecruitmentType,
  renderTemplate,
} from './simple-views.ts';

const PROFILE_SIZES: ReadonlyArray<readonly [string, number]> = [
  ['thumb', 40],
  ['small', 80],
  ['medium', 160],
  ['large', 320],
  ['original', 640],
];

function plainValue(data: TenantData, crew: CrewRecord, field: string, kind: (typeof CREW_PLAIN_FIELDS)[number][1]): Json {
  const stored = crew.values[field];
  if (stored === undefined || stored === null) return null;
  if (kind === 'attachment' && typeof stored === 'string') {
    return { file_name: stored, url: attachmentUrl(data.name, crew.id, field, stored) };
  }
  return stored;
}

function customFieldValue(data: TenantData, crew: CrewRecord, template: TemplateRecord, stored: Json): Json {
  if (template.type === 'enum') {
    const element = template.elements.find((el) => el.id === stored);
    return element ? (element.physical_name ?? element.id) : null;
  }
  if (template.type === 'file' && typeof stored === 'string') {
    return attachmentUrl(data.name, crew.id, `custom_fields/${template.id}`, stored);
  }
  return stored;
}

function customFields(data: TenantData, crew: CrewRecord): Json[] {
  const result: Json[] = [];
  for (const template of data.templates.values()) {
    const stored = crew.customValues.get(template.id);
    if (stored === undefined) continue;
    result.push({ value: customFieldValue(data, crew, template, stored), template: renderTemplate(template) });
  }
  return result;
}

function preferred(crew: CrewRecord, part: string): Json {
  const business = crew.values[`business_${part}`];
  if (typeof business === 'string' && business !== '') return business;
  return crew.values[part] ?? null;
}

/** What an embed of the users API puts into the crew it embeds (see user-view.ts). */
export interface CrewEmbeds {
  /** `biz_establishment` instead of `biz_establishment_id`; 'withCompany' also swaps its company_id for company. */
  bizEstablishment?: 'plain' | 'withCompany';
  /** Each department with its company. */
  departmentCompany?: boolean;
}

export function renderCrew(data: TenantData, crew: CrewRecord, embeds: CrewEmbeds = {}): JsonObject {
  const out: JsonObject = { id: crew.id };
  for (const [field, kind] of CREW_PLAIN_FIELDS) out[field] = plainValue(data, crew, field, kind);

  const employmentType = crew.employmentTypeId ? data.employmentTypes.get(crew.employmentTypeId) : undefined;
  if (embeds.bizEstablishment) {
    const biz = crew.bizEstablishmentId ? data.bizEstablishments.get(crew.bizEstablishmentId) : undefined;
    out.biz_establishment = biz ? renderBizEstablishment(data, biz, embeds.bizEstablishment === 'withCompany' ? 'company' : null) : null;
  } else {
    out.biz_establishment_id = crew.bizEstablishmentId;
  }
  out.emp_type = employmentType?.presetType ?? null;
  out.employment_type = employmentType
    ? { id: employmentType.id, name: employmentType.name, preset_type: employmentType.presetType, code: employmentType.code }
    : null;
  for (const part of ['last_name', 'first_name', 'last_name_yomi', 'first_name_yomi']) {
    out[`preferred_${part}`] = preferred(crew, part);
  }
  out.profile_images = crew.profileImageName
    ? PROFILE_SIZES.map(([size, px]) => ({
        size_type: size,
        height: px,
        width: px,
        url: attachmentUrl(data.name, crew.id, `profile_image/${size}`, crew.profileImageName ?? ''),
      }))
    : [];

  const departments = crew.departmentIds.map((id) => {
    const dept = id ? data.departments.get(id) : undefined;
    return dept ? renderDepartment(data, dept, embeds.departmentCompany) : null;
  });
  const firstDept = crew.departmentIds.map((id) => (id ? data.departments.get(id) : undefined)).find((d) => d);
  out.department = firstDept ? fullName(data, firstDept) : null;
  out.departments = departments;

  const positions = crew.positionIds.flatMap((id) => {
    const title = data.jobTitles.get(id);
    return title ? [{ id: title.id, name: title.name, rank: title.rank, code: title.code, created_at: title.createdAt }] : [];
  });
  out.position = positions[0]?.name ?? null;
  out.positions = positions;

  const grade = crew.gradeId ? data.grades.get(crew.gradeId) : undefined;
  const jobCategory = crew.jobCategoryId ? data.jobCategories.get(crew.jobCategoryId) : undefined;
  const recruitmentType = crew.recruitmentTypeId ? data.recruitmentTypes.get(crew.recruitmentTypeId) : undefined;
  const paymentPeriod = crew.paymentPeriodId ? data.paymentPeriods.get(crew.paymentPeriodId) : undefined;
  out.grade = grade ? renderGrade(grade) : null;
  out.job_category = jobCategory ? renderJobCategory(jobCategory) : null;
  out.recruitment_type = recruitmentType ? renderRecruitmentType(recruitmentType) : null;
  out.payment_period = paymentPeriod ? renderPaymentPeriod(paymentPeriod) : null;
  out.bank_accounts = crew.bankAccounts.map((account) => ({ ...account }));
  out.custom_fields = customFields(data, crew);
  out.created_at = crew.createdAt;
  out.updated_at = crew.updatedAt;
  return out;
}

/** `fields=a,b`: only the named keys, `id` always included, unknown names ignored. */
export function selectFields(crew: JsonObject, fields: readonly string[] | null): JsonObject {
  if (!fields) return crew;
  const out: JsonObject = { id: crew.id ?? null };
  for (const field of fields) {
    const value = crew[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}
