import type { ErrorObject } from 'ajv';
import { ServiceError, type ErrorDetail } from '../errors.ts';
import type { CompiledCard } from './cards/compile.ts';
import { unescapePointerSegment } from './json-path.ts';

export interface Invocation {
  options: Record<string, unknown>;
  inputs: Record<string, unknown>;
}


function labelsOf(instancePath: string): string[] {
  return instancePath.split('/').slice(1).map(unescapePointerSegment).filter((s) => !/^\d+$/.test(s));
}

/** One Ajv error as a detail a flow builder can act on: named by the card label, never echoing the value. */
function detail(part: 'options' | 'inputs', error: ErrorObject): ErrorDetail {
  const labels = labelsOf(error.instancePath);
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    return {
      field: missing,
      pointer: `/${part}${error.instancePath}/${missing}`,
      message: `No ${missing} input provided. Enter a valid ${missing}.`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    const unknown = String(error.params.additionalProperty);
    const where = labels.length > 0 ? `"${labels.join(' > ')}"` : `the card's ${part}`;
    return { field: unknown, pointer: `/${part}${error.instancePath}/${unknown}`, message: `"${unknown}" is not a field of ${where}.` };
  }
  const field = labels.at(-1) ?? part;
  const allowed = error.keyword === 'enum' ? `: ${(error.params.allowedValues as unknown[]).map(String).join(', ')}` : '';
  return { field, pointer: `/${part}${error.instancePath}`, message: `${field} ${error.message ?? 'is invalid'}${allowed}.` };
}

/** Validates options and inputs (applying defaults); every problem is reported at once. */
export function validateInvocation(card: CompiledCard, body: unknown): Invocation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError(400, 'invalid_input', 'The request body must be a JSON object {"options": {...}, "inputs": {...}}.');
  }
  const { options = {}, inputs = {}, ...rest } = body as Record<string, unknown>;
  const details: ErrorDetail[] = Object.keys(rest).map((key) => ({ pointer: `/${key}`, message: `"${key}" is not allowed; send "options" and "inputs".` }));
  const parts = { options, inputs } as Record<'options' | 'inputs', unknown>;
  for (const part of ['options', 'inputs'] as const) {
    const validate = part === 'options' ? card.validateOptions : card.validateInputs;
    if (!validate(parts[part])) details.push(...(validate.errors ?? []).map((e) => detail(part, e)));
  }
  if (details.length > 0) {
    const fields = [...new Set(details.map((d) => d.field).filter(Boolean))];
    const summary = fields.length > 0 ? `: ${fields.join(', ')}` : '';
    throw new ServiceError(400, 'invalid_input', `Invalid input for ${card.definition.name}${summary}.`, details);
  }
  return parts as Invocation;
}
