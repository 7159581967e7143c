import { ServiceError } from '../../errors.ts';

type Json = Record<string, unknown>;
export type FilterMode = 'Include' | 'Exclude';

export interface FilterSpec {
  values: string[];
  mode: FilterMode;
}

export interface ProfileFilters {
  countries?: FilterSpec;
  departments?: FilterSpec & { includeSubDepartments: boolean };
  statuses?: FilterSpec;
  employmentTypes?: FilterSpec;
}

export interface FilterLookups {
  departments(): Promise<Json[]>;
  employmentTypes(): Promise<Json[]>;
}

/** What SmartHR is asked to filter, and the test every fetched crew must also pass. */
export interface FilterPlan {
  query: Record<string, string>;
  keep(crew: Json, profile: Json): boolean;
  /** Which filters SmartHR applied, for logs and tests. */
  pushedDown: string[];
}

const STATUS_VALUES: Record<string, string> = { Employed: 'employed', 'On Leave': 'absent', Retired: 'retired' };

function unknown(label: string, values: string[], known: string[]): never {
  throw new ServiceError(400, 'invalid_input', `${label}: ${values.map((v) => `"${v}"`).join(', ')} not found in SmartHR.`, [
    { field: label, message: `Unknown: ${values.join(', ')}. Known: ${known.slice(0, 50).join(', ')}.` },
  ]);
}

/** Department ids matching names, full names or ids, with every descendant when asked. */
function departmentIds(all: Json[], spec: NonNullable<ProfileFilters['departments']>): Set<string> {
  const matched = new Set<string>();
  const missing: string[] = [];
  for (const value of spec.values) {
    const hits = all.filter((d) => d.id === value || d.name === value || d.full_name === value);
    if (hits.length === 0) missing.push(value);
    for (const d of hits) matched.add(String(d.id));
  }
  if (missing.length > 0) unknown('Departments', missing, all.map((d) => String(d.full_name ?? d.name)));
  if (spec.includeSubDepartments) {
    const children = new Map<string, string[]>();
    for (const d of all) {
      const parent = (d.parent as Json | null)?.id;
      if (typeof parent === 'string') children.set(parent, [...(children.get(parent) ?? []), String(d.id)]);
    }
    const queue = [...matched];
    for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
      for (const child of children.get(id) ?? []) {
        if (matched.has(child)) continue;
        matched.add(child);
        queue.push(child);
      }
    }
  }
  return matched;
}

function employmentTypeIds(all: Json[], spec: FilterSpec): Set<string> {
  const missing = spec.values.filter((v) => !all.some((t) => t.id === v || t.name === v));
  if (missing.length > 0) unknown('Employment Types', missing, all.map((t) => String(t.name)));
  return new Set(all.filter((t) => spec.values.includes(String(t.id)) || spec.values.includes(String(t.name))).map((t) => String(t.id)));
}

const passes = (spec: FilterSpec, hit: boolean) => (spec.mode === 'Include' ? hit : !hit);

/**
 * Filters cross-reference: AND across kinds, OR within one, each kind included or excluded.
 * SmartHR applies what it can (one included status, included employment types and departments);
 * the service checks every filter again on what comes back, and alone applies countries and
 * exclusions, which SmartHR cannot express.
 */
export async function planFilters(filters: ProfileFilters, lookups: FilterLookups): Promise<FilterPlan> {
  const query: Record<string, string> = {};
  const pushedDown: string[] = [];
  const checks: Array<(crew: Json, profile: Json) => boolean> = [];

  const { statuses, employmentTypes, departments, countries } = filters;
  if (statuses) {
    const wanted = new Set(statuses.values.map((v) => STATUS_VALUES[v]));
    if (statuses.mode === 'Include' && wanted.size === 1) {
      query.emp_status = [...wanted][0] as string;
      pushedDown.push('statuses');
    }
    checks.push((crew) => passes(statuses, wanted.has(String(crew.emp_status))));
  }
  if (employmentTypes) {
    const ids = employmentTypeIds(await lookups.employmentTypes(), employmentTypes);
    if (employmentTypes.mode === 'Include') {
      query.employment_type_id = [...ids].join(',');
      pushedDown.push('employmentTypes');
    }
    checks.push((crew) => passes(employmentTypes, ids.has(String((crew.employment_type as Json | null)?.id))));
  }
  if (departments) {
    const ids = departmentIds(await lookups.departments(), departments);
    if (departments.mode === 'Include') {
      query.department_id = [...ids].join(',');
      pushedDown.push('departments');
    }
    const belongs = (crew: Json) => (Array.isArray(crew.departments) ? crew.departments : []).some((d) => d && ids.has(String((d as Json).id)));
    checks.push((crew) => passes(departments, belongs(crew)));
  }
  if (countries) {
    const wanted = new Set(countries.values.map((c) => c.toUpperCase()));
    checks.push((_crew, profile) => passes(countries, wanted.has(String(profile.countryCode))));
  }
  return { query, pushedDown, keep: (crew, profile) => checks.every((check) => check(crew, profile)) };
}
