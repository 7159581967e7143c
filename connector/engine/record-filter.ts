import type { RecordFilter } from './request-builder.ts';

function read(record: unknown, dotted: string): unknown {
  let value: unknown = record;
  for (const name of dotted.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  return value;
}

const normalise = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);

/**
 * Filters SmartHR cannot apply (e.g. email on crews) are applied to fetched records: a record
 * passes when, for every filter, its field equals one of the values. Text compares without case,
 * as email addresses do.
 */
export function matchesFilters(record: unknown, filters: RecordFilter[]): boolean {
  return filters.every((f) => {
    const actual = normalise(read(record, f.smarthr));
    return f.values.some((v) => normalise(v) === actual);
  });
}
