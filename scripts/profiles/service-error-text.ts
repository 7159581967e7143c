import type { ServiceError } from '../../connector/errors.ts';

/** A ServiceError for an operator's terminal: status and message, then one line per field at fault. */
export function serviceErrorText(error: ServiceError): string {
  return [`${error.status} ${error.message}`, ...error.details.map((d) => `  ${d.field ?? ''}: ${d.message}`)].join('\n');
}
