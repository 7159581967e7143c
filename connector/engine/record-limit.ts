import type { Pagination } from '../generated/schemas/card.ts';
import type { Invocation } from './input-validation.ts';
import { valueAt } from './json-path.ts';

/** The stream's Record Limit input. Okta's rule: empty means every record; 0 means none. */
export function recordLimit(invocation: Invocation, pagination: Pagination): number | undefined {
  if (!pagination.recordLimitInput) return undefined;
  const value = valueAt(invocation.inputs, pagination.recordLimitInput.split('.'));
  return typeof value === 'number' ? value : undefined;
}
