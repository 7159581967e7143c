import { isServiceError, ServiceError } from '../errors.ts';
import type { CompiledCard } from './cards/compile.ts';

/**
 * SmartHR names the fields it refuses by its own names (last_name); a flow builder knows them by
 * the card's labels (Last Name). Adds the label to each detail and to the message, keeping
 * SmartHR's own message.
 */
export function labelSmarthrErrors(error: unknown, card: CompiledCard): unknown {
  if (!isServiceError(error) || !error.details.some((d) => d.smarthrField)) return error;
  const details = error.details.map((d) => {
    const label = d.smarthrField ? card.labelOfSmarthrField.get(d.smarthrField) : undefined;
    return label ? { ...d, field: label, message: `${label}: ${d.message}` } : d;
  });
  const labelled = details.filter((d) => d.field).map((d) => d.message);
  const message = labelled.length > 0 ? `SmartHR refused ${card.definition.name}: ${labelled.join('; ')}` : error.message;
  return new ServiceError(error.status, error.code, message, details, error.retryAfter);
}
