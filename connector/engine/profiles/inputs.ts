import type { Invocation } from '../input-validation.ts';
import type { FilterMode, FilterSpec, ProfileFilters } from './filters.ts';
import { instantOf } from '../transforms/dates.ts';

type Json = Record<string, unknown>;

const group = (inputs: Json, label: string): Json => (typeof inputs[label] === 'object' && inputs[label] !== null ? (inputs[label] as Json) : {});

function spec(g: Json, valuesLabel: string): FilterSpec | undefined {
  const values = Array.isArray(g[valuesLabel]) ? (g[valuesLabel] as unknown[]).map(String).filter((v) => v !== '') : [];
  return values.length > 0 ? { values, mode: (g.Mode === 'Exclude' ? 'Exclude' : 'Include') as FilterMode } : undefined;
}

/** The card's labelled filter groups as filter specs; an empty list means "no filter of that kind". */
export function readProfileFilters(inputs: Invocation['inputs']): ProfileFilters {
  const department = group(inputs, 'Department Filter');
  const departments = spec(department, 'Departments');
  return {
    countries: spec(group(inputs, 'Country Filter'), 'Countries'),
    departments: departments && { ...departments, includeSubDepartments: department['Include Sub-departments'] === true },
    statuses: spec(group(inputs, 'Status Filter'), 'Employment Statuses'),
    employmentTypes: spec(group(inputs, 'Employment Type Filter'), 'Employment Types'),
  };
}

export function readChangedSince(inputs: Invocation['inputs']): number | undefined {
  const value = group(inputs, 'Sync')['Changed Since'];
  return typeof value === 'string' && value !== '' ? instantOf(value) : undefined;
}
