/**
 * How the simulator keeps each resource internally. Crews hold references (ids) rather than
 * copies of departments or job titles, so renaming a department shows up on every crew, the way
 * SmartHR's joins do; the views in views/ turn records into SmartHR's JSON.
 */
import type { Json, JsonObject } from '../json.ts';

export interface Stamped {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface CrewRecord extends Stamped {
  /** Plain fields of crew-fields.ts that have a value; a missing key renders as null. */
  values: JsonObject;
  employmentTypeId: string | null;
  bizEstablishmentId: string | null;
  /** Department slots 1..3; null is an empty slot. */
  departmentIds: (string | null)[];
  positionIds: string[];
  gradeId: string | null;
  jobCategoryId: string | null;
  recruitmentTypeId: string | null;
  paymentPeriodId: string | null;
  bankAccounts: JsonObject[];
  profileImageName: string | null;
  /** template id -> stored value (enum: element id; file: file name). */
  customValues: Map<string, Json>;
}

export interface DepartmentRecord extends Stamped {
  name: string;
  position: number;
  code: string | null;
  parentId: string | null;
  companyId: string;
}

export interface JobTitleRecord extends Stamped {
  name: string;
  rank: number | null;
  code: string | null;
}

export interface EmploymentTypeRecord extends Stamped {
  name: string;
  presetType: string | null;
  code: string | null;
}

export interface BizEstablishmentRecord extends Stamped {
  /** Everything but the owner references, already in SmartHR's shape. */
  fields: JsonObject;
  socInsOwnerId: string | null;
  labInsOwnerId: string | null;
}

export interface UserRecord extends Stamped {
  email: string;
  notificationEmail: string | null;
  admin: boolean;
  roleId: string;
  crewId: string | null;
  agreementForElectronicDelivery: boolean;
  invitationCreatedAt: string | null;
  invitationOpenedAt: string | null;
  invitationAcceptedAt: string | null;
  invitationAnsweredAt: string | null;
  hasPassword: boolean;
}

export interface RoleRecord {
  id: string;
  name: string;
  description: string | null;
  crewsScope: 'crews_scope_all' | 'crews_scope_own' | 'crews_scope_condition';
  presetType: string | null;
}

export const ACCESS_TYPES = [
  'read_and_update',
  'hidden',
  'read_and_update_values',
  'read_and_update_only_origin',
] as const;
export type AccessType = (typeof ACCESS_TYPES)[number];

export interface TemplateGroupRecord extends Stamped {
  name: string;
  position: number;
  accessType: AccessType;
}

export const TEMPLATE_TYPES = ['date', 'decimal', 'enum', 'file', 'string', 'text'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

export interface EnumElement {
  id: string;
  name: string;
  physical_name: string | null;
  position: number;
}

export interface TemplateRecord extends Stamped {
  name: string;
  type: TemplateType;
  elements: EnumElement[];
  groupId: string | null;
  hint: string | null;
  scale: number | null;
  separatedByCommas: boolean;
  position: number;
}

/** grade / job_category / recruitment_type / payment_period: named lookups crews point at. */
export interface NamedRecord extends Stamped {
  name: string;
  rank?: number | null;
  presetType?: string | null;
  periodType?: string;
}
