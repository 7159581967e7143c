/**
 * The employee profile: a SmartHR crew as Okta's standard user profile attributes, for
 * HR-driven provisioning. This table is the single place that says which SmartHR field feeds
 * each attribute; docs/profile-mapping.md is generated from it.
 */

type Json = Record<string, unknown>;

/** How a list attribute (groups) is joined where only text fits: CSV cells, XaaS attributes. SmartHR's full names use "/". */
export const LIST_SEPARATOR = '|';

export interface ProfileAttribute {
  /** Okta's user profile attribute name: the key inside each profile. */
  attribute: string;
  workflowsType: 'Text' | 'True/False' | 'Date & Time' | 'List of Text';
  /** The SmartHR crew fields it comes from. */
  smarthr: string;
  /** How it is derived, for the docs. */
  rule: string;
  derive(crew: Json, today: string): unknown;
}

/** ISO 3166 numeric -> alpha-2 for the countries SmartHR tenants most often record. */
const COUNTRY_ALPHA2: Record<string, string> = {
  '392': 'JP', '840': 'US', '156': 'CN', '410': 'KR', '158': 'TW', '344': 'HK', '826': 'GB', '356': 'IN', '704': 'VN',
  '608': 'PH', '764': 'TH', '360': 'ID', '458': 'MY', '702': 'SG', '276': 'DE', '250': 'FR', '124': 'CA', '036': 'AU', '076': 'BR',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const joined = (...parts: unknown[]): string | null => text(parts.map(text).filter(Boolean).join(' '));
const address = (crew: Json): Json | null => (typeof crew.address === 'object' && crew.address !== null ? (crew.address as Json) : null);
const named = (list: unknown, key: string): string[] =>
  (Array.isArray(list) ? list : []).flatMap((item) => (item && typeof item === 'object' && text((item as Json)[key]) ? [(item as Json)[key] as string] : []));

/** ACTIVE / INACTIVE / PENDING in Merge's terms; "today" is the date in Japan, where SmartHR's dates are. */
export function profileStatus(crew: Json, today: string): 'ACTIVE' | 'INACTIVE' | 'PENDING' {
  const resigned = text(crew.resigned_at);
  if (crew.emp_status === 'retired' || (resigned !== null && resigned < today)) return 'INACTIVE';
  const entered = text(crew.entered_at);
  if (entered !== null && entered > today) return 'PENDING';
  return 'ACTIVE';
}

export const PROFILE_ATTRIBUTES: readonly ProfileAttribute[] = [
  { attribute: 'smarthrId', workflowsType: 'Text', smarthr: 'id', rule: 'The crew id: the stable key to match users on.', derive: (c) => c.id },
  { attribute: 'employeeNumber', workflowsType: 'Text', smarthr: 'emp_code', rule: 'As is.', derive: (c) => text(c.emp_code) },
  { attribute: 'firstName', workflowsType: 'Text', smarthr: 'first_name', rule: 'Legal first name.', derive: (c) => text(c.first_name) },
  { attribute: 'lastName', workflowsType: 'Text', smarthr: 'last_name', rule: 'Legal last name.', derive: (c) => text(c.last_name) },
  {
    attribute: 'displayName', workflowsType: 'Text', smarthr: 'business_last_name, business_first_name, last_name, first_name',
    rule: 'The business name ("last first") when one is set, else the legal name.',
    derive: (c) => joined(c.business_last_name, c.business_first_name) ?? joined(c.last_name, c.first_name),
  },
  { attribute: 'email', workflowsType: 'Text', smarthr: 'email', rule: 'The work email.', derive: (c) => text(c.email) },
  { attribute: 'login', workflowsType: 'Text', smarthr: 'email', rule: 'The work email (Okta logins are email-shaped).', derive: (c) => text(c.email) },
  { attribute: 'mobilePhone', workflowsType: 'Text', smarthr: 'tel_number', rule: 'As is.', derive: (c) => text(c.tel_number) },
  {
    attribute: 'streetAddress', workflowsType: 'Text', smarthr: 'address.street, address.building',
    rule: 'Street and building joined by a space; missing parts are left out.', derive: (c) => joined(address(c)?.street, address(c)?.building),
  },
  { attribute: 'city', workflowsType: 'Text', smarthr: 'address.city', rule: 'As is.', derive: (c) => text(address(c)?.city) },
  { attribute: 'state', workflowsType: 'Text', smarthr: 'address.pref', rule: 'The prefecture.', derive: (c) => text(address(c)?.pref) },
  { attribute: 'zipCode', workflowsType: 'Text', smarthr: 'address.zip_code', rule: 'As is.', derive: (c) => text(address(c)?.zip_code) },
  {
    attribute: 'countryCode', workflowsType: 'Text', smarthr: 'address.country_number',
    rule: 'ISO 3166 alpha-2 from the numeric country code; an address without one is in Japan (JP); no address gives null.',
    derive: (c) => {
      const a = address(c);
      if (!a) return null;
      const numeric = text(a.country_number);
      return numeric === null ? 'JP' : (COUNTRY_ALPHA2[numeric.padStart(3, '0')] ?? null);
    },
  },
  { attribute: 'department', workflowsType: 'Text', smarthr: 'departments[0].name', rule: 'The first department (slot 1).', derive: (c) => named(c.departments, 'name')[0] ?? null },
  { attribute: 'title', workflowsType: 'Text', smarthr: 'positions[0].name', rule: 'The first job title.', derive: (c) => named(c.positions, 'name')[0] ?? null },
  { attribute: 'userType', workflowsType: 'Text', smarthr: 'employment_type.name', rule: 'The employment type name.', derive: (c) => text((c.employment_type as Json | null)?.name) },
  { attribute: 'groups', workflowsType: 'List of Text', smarthr: 'departments[].full_name', rule: 'Every department, by full name (parent/child).', derive: (c) => named(c.departments, 'full_name') },
  {
    attribute: 'status', workflowsType: 'Text', smarthr: 'emp_status, resigned_at, entered_at',
    rule: 'retired, or a resignation date before today -> INACTIVE; a join date after today -> PENDING; otherwise ACTIVE (absent too).',
    derive: (c, today) => profileStatus(c, today),
  },
  {
    attribute: 'onLeave', workflowsType: 'True/False', smarthr: 'emp_status', rule: 'True when the status is absent (on leave).',
    derive: (c) => c.emp_status === 'absent',
  },
  { attribute: 'startDate', workflowsType: 'Date & Time', smarthr: 'entered_at', rule: 'As is (yyyy-MM-dd).', derive: (c) => text(c.entered_at) },
  { attribute: 'endDate', workflowsType: 'Date & Time', smarthr: 'resigned_at', rule: 'As is (yyyy-MM-dd).', derive: (c) => text(c.resigned_at) },
  { attribute: 'updatedAt', workflowsType: 'Date & Time', smarthr: 'updated_at', rule: 'As is; what Changed Since compares with.', derive: (c) => c.updated_at },
];

/** Today's date in Japan (UTC+9, no daylight saving), as SmartHR's yyyy-MM-dd. */
export function todayInJapan(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

export function toProfile(crew: Json, today: string): Json {
  return Object.fromEntries(PROFILE_ATTRIBUTES.map((a) => [a.attribute, a.derive(crew, today)]));
}

/** The crew fields the table reads (its `smarthr` column), so SmartHR can send only those. */
export const PROFILE_SOURCE_FIELDS: readonly string[] = [
  ...new Set(PROFILE_ATTRIBUTES.flatMap((a) => a.smarthr.split(',').map((name) => name.trim().split(/[.[]/)[0] as string))),
];
