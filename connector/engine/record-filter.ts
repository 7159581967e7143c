import { valueAt } from './json-path.ts';
import type { RecordFilter } from './request-builder.ts';

const normalise = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);

/**
 * Filters SmartHR cannot apply (e.g. email on crews) are applied to fetched records: a record
 * passes when, for every filter, its field equals one of the values. Text compares without case,
 * as email addresses do.
 */
export function matchesFilters(record: unknown, filters: RecordFilter[]): boolean {
  return filters.every((f) => {
    const actual = normalise(valueAt(record, f.smarthr.split('.')));
    return f.values.some((v) => normalise(v) === actual);
  });
}
