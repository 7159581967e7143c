import type { Pagination } from '../generated/schemas/card.ts';
import type { Invocation } from './input-validation.ts';
import { valueAt } from './json-path.ts';

/** Okta's streaming maximum, and the card's default Record Limit. */
export const DEFAULT_RECORD_LIMIT = 500_000;

/**
 * The stream's Record Limit input. Okta's rule: 0 means none; empty (or no Streaming group in the
 * body at all) means every record, which is at most the default. A given value is taken as
 * validated: the pagination card rule makes the input's schema cap it at the default, so a stream
 * is always bounded.
 */
export function recordLimit(invocation: Invocation, pagination: Pagination): number {
  const value = pagination.recordLimitInput ? valueAt(invocation.inputs, pagination.recordLimitInput.split('.')) : undefined;
  return typeof value === 'number' ? value : DEFAULT_RECORD_LIMIT;
}
