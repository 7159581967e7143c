import type { JsonObject } from '../../../simulator/json.ts';
import type { TenantStore } from '../../../simulator/store/tenant-store.ts';

/**
 * Card examples name records by made-up IDs ("d-1", "u-admin"); the simulator seeds its own. Any
 * input labelled "... ID" or "... IDs" is pointed at a seeded record of the resource its label
 * names, one rule per kind of record, never per card. The qualifier in the label says which
 * record fits: an inviter must be an administrator; an employee to invite or delete has no user
 * account yet; a department to discontinue has no sub-departments.
 */

const id = (record: JsonObject | undefined, what: string): string => {
  if (typeof record?.id !== 'string') throw new Error(`the simulator has no ${what}`);
  return record.id;
};

const leafDepartment = (t: TenantStore) => {
  const parents = new Set(t.departments().map((d) => (d.parent as JsonObject | null)?.id));
  return id(t.departments().find((d) => !parents.has(d.id)), 'department without sub-departments');
};

/** Most specific first: the first noun the label ends with wins. */
const LOOKUPS: Array<[noun: string, pick: (t: TenantStore) => string]> = [
  ['Inviter User', (t) => id(t.users().find((u) => u.admin === true), 'administrator')],
  ['User', (t) => id(t.users()[0], 'user')],
  ['Employee', (t) => id(t.crews().find((c) => !c.user_id && typeof c.email === 'string'), 'employee without a user account')],
  ['Parent Department', (t) => id(t.departments()[0], 'department')],
  ['Department', leafDepartment],
  ['Job Title', (t) => id(t.jobTitles()[0], 'job title')],
  ['Employment Type', (t) => id(t.employmentTypes()[0], 'employment type')],
  ['Custom Field Group', (t) => id(t.templateGroups()[0], 'custom field group')],
  ['Custom Field', (t) => id(t.templates()[0], 'custom field')],
  ['Business Establishment', (t) => id(t.bizEstablishments()[0], 'business establishment')],
];

const ID_LABEL = /^(.*?) ?IDs?$/;

function seededId(label: string, tenant: TenantStore): string | undefined {
  const noun = ID_LABEL.exec(label)?.[1];
  if (noun === undefined) return undefined;
  const lookup = LOOKUPS.find(([known]) => noun === known || noun.endsWith(` ${known}`));
  if (!lookup) throw new Error(`no seeded record for the input "${label}": add its kind of record to LOOKUPS`);
  return lookup[1](tenant);
}

/** A copy of `value` with every ID input replaced by a seeded record's ID. */
export function withSeededIds<T>(value: T, tenant: TenantStore): T {
  if (Array.isArray(value)) return value.map((v) => withSeededIds(v, tenant)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([label, inner]) => {
      const seeded = typeof inner === 'string' || Array.isArray(inner) ? seededId(label, tenant) : undefined;
      if (seeded === undefined) return [label, withSeededIds(inner, tenant)];
      return [label, Array.isArray(inner) ? [seeded] : seeded];
    }),
  ) as T;
}
