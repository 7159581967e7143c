import { ServiceError } from '../../errors.ts';
import type { Field } from '../../generated/schemas/card.ts';
import { valueAt } from '../json-path.ts';

type Json = Record<string, unknown>;
type Lookup = NonNullable<Field['smarthrLookup']>;

const read = (record: Json, dotted: string) => valueAt(record, dotted.split('.'));

/**
 * A value that names a SmartHR record (Update Employee's Employment Type "Full Time" names the
 * tenant's employment type with preset full_timer) becomes that record's ID. It must name
 * exactly one record; otherwise the flow builder learns which records the tenant has.
 */
export function idOfNamedRecord(lookup: Lookup, value: unknown, records: Json[], label: string, given: unknown): unknown {
  const matches = records.filter((r) => read(r, lookup.match) === value);
  if (matches.length === 1) return read(matches[0] as Json, lookup.value);
  const choices = records.map((r) => `${String(read(r, lookup.label))} (${lookup.match} ${String(read(r, lookup.match) ?? 'none')})`).join(', ');
  const problem = matches.length === 0 ? 'matches none' : `matches ${matches.length}`;
  const message = `${label} "${String(given)}" ${problem} of the tenant's records at ${lookup.path} (${lookup.match} ${String(value)}).`;
  throw new ServiceError(400, 'invalid_input', message, [{ field: label, message: `${message} The tenant has: ${choices || 'none'}.` }]);
}
