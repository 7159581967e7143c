/**
 * The crew list filters of reference section 6.3 ("List query parameters") and the crew sort
 * keys. Every filter narrows (AND); comma-separated id lists match any of their ids.
 */
import { isValidDate } from '../clock.ts';
import { invalidField } from '../errors.ts';
import { fullName } from '../views/department-view.ts';
import { EMP_STATUSES, GENDERS, PRESET_TYPES } from './crew-fields.ts';
import { parseSort, sortRecords, type SortKeys } from './list-order.ts';
import type { CrewRecord } from './records.ts';
import type { TenantData } from './tenant-data.ts';

const R = 'crew';

const str = (field: string) => (crew: CrewRecord) => {
  const v = crew.values[field];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
};

export const CREW_SORT_KEYS: SortKeys<CrewRecord> = {
  id: (c) => c.id,
  emp_code: str('emp_code'),
  emp_status: str('emp_status'),
  gender: str('gender'),
  last_name: str('last_name'),
  first_name: str('first_name'),
  last_name_yomi: str('last_name_yomi'),
  first_name_yomi: str('first_name_yomi'),
  birth_at: str('birth_at'),
  entered_at: str('entered_at'),
  resigned_at: str('resigned_at'),
  created_at: (c) => c.createdAt,
  updated_at: (c) => c.updatedAt,
};

const FILTER_KEYS = [
  'emp_code',
  'emp_type',
  'emp_status',
  'gender',
  'employment_type_id',
  'department_id',
  'position_id',
  'user_id',
  'id',
  'entered_at_from',
  'entered_at_to',
  'resigned_at_from',
  'resigned_at_to',
  'q',
  'prefer_business_name',
  'sort',
] as const;

/** The part of the query that decides the order, as a cache key (page and per_page excluded). */
export function crewQueryKey(query: URLSearchParams): string {
  return FILTER_KEYS.map((k) => `${k}=${query.get(k) ?? ''}`).join('&');
}

function csv(query: URLSearchParams, name: string): Set<string> | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  return new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
}

function date(query: URLSearchParams, name: string): string | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!isValidDate(value)) throw invalidField(R, name, `${name}は日付(yyyy-MM-dd)で指定してください`);
  return value;
}

function oneOf(query: URLSearchParams, name: string, allowed: readonly string[]): string | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!allowed.includes(value)) throw invalidField(R, name, `${name}は${allowed.join(', ')}のいずれかを指定してください`);
  return value;
}

function inRange(value: unknown, from: string | null, to: string | null): boolean {
  if (from === null && to === null) return true;
  if (typeof value !== 'string') return false;
  return (from === null || value >= from) && (to === null || value <= to);
}

/**
 * Free-word search. With prefer_business_name, a crew that has a business name is matched by
 * its business name instead of its legal name (our reading of the flag, see README).
 */
function searchText(data: TenantData, crew: CrewRecord, preferBusinessName: boolean): string {
  const v = crew.values;
  const hasBusiness = typeof v.business_last_name === 'string' || typeof v.business_first_name === 'string';
  const nameKeys =
    preferBusinessName && hasBusiness
      ? ['business_last_name', 'business_first_name', 'business_last_name_yomi', 'business_first_name_yomi']
      : [
          'last_name',
          'first_name',
          'last_name_yomi',
          'first_name_yomi',
          'business_last_name',
          'business_first_name',
          'business_last_name_yomi',
          'business_first_name_yomi',
        ];
  const parts = nameKeys.map((k) => (typeof v[k] === 'string' ? v[k] : ''));
  parts.push(`${parts[0] ?? ''}${parts[1] ?? ''}`, `${parts[2] ?? ''}${parts[3] ?? ''}`);
  for (const id of crew.departmentIds) {
    const dept = id ? data.departments.get(id) : undefined;
    if (dept) parts.push(fullName(data, dept));
  }
  for (const id of crew.positionIds) parts.push(data.jobTitles.get(id)?.name ?? '');
  return parts.join('\n').toLowerCase();
}

export function queryCrews(data: TenantData, query: URLSearchParams): CrewRecord[] {
  const empCode = query.get('emp_code');
  // Deprecated but still documented: one preset_type, matched through the crew's employment type.
  const empType = oneOf(query, 'emp_type', PRESET_TYPES);
  const empStatus = oneOf(query, 'emp_status', EMP_STATUSES);
  const gender = oneOf(query, 'gender', GENDERS);
  const employmentTypeIds = csv(query, 'employment_type_id');
  const departmentIds = csv(query, 'department_id');
  const positionIds = csv(query, 'position_id');
  const userIds = csv(query, 'user_id');
  const ids = csv(query, 'id');
  const enteredFrom = date(query, 'entered_at_from');
  const enteredTo = date(query, 'entered_at_to');
  const resignedFrom = date(query, 'resigned_at_from');
  const resignedTo = date(query, 'resigned_at_to');
  const terms = (query.get('q') ?? '').toLowerCase().split(/[\s\u3000]+/).filter((t) => t !== '');
  const preferBusinessName = query.get('prefer_business_name') === 'true';
  const specs = parseSort(R, query.get('sort'), CREW_SORT_KEYS);

  const matches = (crew: CrewRecord): boolean => {
    const v = crew.values;
    if (empCode !== null && empCode !== '' && v.emp_code !== empCode) return false;
    if (empType !== null && (crew.employmentTypeId === null || data.employmentTypes.get(crew.employmentTypeId)?.presetType !== empType)) return false;
    if (empStatus !== null && v.emp_status !== empStatus) return false;
    if (gender !== null && v.gender !== gender) return false;
    if (employmentTypeIds && !(crew.employmentTypeId && employmentTypeIds.has(crew.employmentTypeId))) return false;
    if (departmentIds && !crew.departmentIds.some((d) => d !== null && departmentIds.has(d))) return false;
    if (positionIds && !crew.positionIds.some((p) => positionIds.has(p))) return false;
    if (userIds && !(typeof v.user_id === 'string' && userIds.has(v.user_id))) return false;
    if (ids && !ids.has(crew.id)) return false;
    if (!inRange(v.entered_at, enteredFrom, enteredTo)) return false;
    if (!inRange(v.resigned_at, resignedFrom, resignedTo)) return false;
    if (terms.length > 0) {
      const text = searchText(data, crew, preferBusinessName);
      if (!terms.every((t) => text.includes(t))) return false;
    }
    return true;
  };

  const filtered = [...data.crews.values()].filter(matches);
  return sortRecords(filtered, specs);
}
