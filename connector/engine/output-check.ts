import type { ValidateFunction } from 'ajv';
import { ServiceError } from '../errors.ts';

/**
 * The last gate before a flow sees the data: what SmartHR sent must fit the card's declared
 * outputs. A mismatch is SmartHR's data (or our card) being wrong, so it is a 502, never a
 * silent half-answer.
 */
export function checkOutputs(validate: ValidateFunction, outputs: unknown, cardName: string): void {
  if (validate(outputs)) return;
  const details = (validate.errors ?? []).slice(0, 20).map((e) => ({
    pointer: `/outputs${e.instancePath}`,
    message: `${e.instancePath.split('/').slice(1).join(' > ') || 'outputs'} ${e.message ?? 'is invalid'}`,
  }));
  throw new ServiceError(502, 'upstream_error', `SmartHR answered with data that does not fit the ${cardName} card's outputs.`, details);
}
