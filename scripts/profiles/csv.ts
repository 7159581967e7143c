import { stringify } from 'csv-stringify/sync';
import { LIST_SEPARATOR, PROFILE_ATTRIBUTES } from '../../connector/engine/profiles/profile-map.ts';

type Json = Record<string, unknown>;

export const CSV_COLUMNS = PROFILE_ATTRIBUTES.map((a) => a.attribute);

/** null -> empty cell, true/false as words, lists joined: reversible for every profile value. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return String(value);
}

export function csvHeader(): string {
  return stringify([CSV_COLUMNS]);
}

export function csvRow(profile: Json): string {
  return stringify([CSV_COLUMNS.map((column) => cell(profile[column]))]);
}
