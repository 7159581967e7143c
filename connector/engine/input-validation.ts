import type { ErrorObject } from 'ajv';
import { ServiceError, type ErrorDetail } from '../errors.ts';
import type { CompiledCard } from './cards/compile.ts';
import { someContainer } from '../json-walk.ts';
import { unescapePointerSegment } from './json-path.ts';

export interface Invocation {
  options: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

/**
 * Bounds on what one bad body may cost (issue 18, finding 11). Ajv reports every error, which is
 * what a flow builder wants for a card's few dozen fields, but a body of 20,000 unknown keys made
 * 20,000 errors (155 ms of CPU, a 2 MB answer). No card takes anywhere near MAX_BODY_ENTRIES
 * fields and list items, so a body beyond it is refused before validation; the errors reported
 * are capped, and so is any name echoed from the body.
 */
const MAX_BODY_ENTRIES = 2_000;
const MAX_REPORTED_ERRORS = 20;
const MAX_ECHOED_NAME = 64;

function echoed(name: string): string {
  return name.length > MAX_ECHOED_NAME ? `${name.slice(0, MAX_ECHOED_NAME)}...` : name;
}

/** Whether the body holds more than `max` object keys and array items in all, counting no further. */
function entriesExceed(value: unknown, max: number): boolean {
  let count = 0;
  return someContainer(value, (container) => (count += Array.isArray(container) ? container.length : Object.keys(container).length) > max);
}

function labelsOf(instancePath: string): string[] {
  return instancePath.split('/').slice(1).map(unescapePointerSegment).filter((s) => !/^\d+$/.test(s));
}

/** One Ajv error as a detail a flow builder can act on: named by the card label, never echoing the value. */
function detail(part: 'options' | 'inputs', error: ErrorObject): ErrorDetail {
  const labels = labelsOf(error.instancePath);
  if (error.keyword === 'required') {
    const missing = echoed(String(error.params.missingProperty));
    return {
      field: missing,
      pointer: `/${part}${error.instancePath}/${missing}`,
      message: `No ${missing} input provided. Enter a valid ${missing}.`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    const unknown = echoed(String(error.params.additionalProperty));
    const where = labels.length > 0 ? `"${labels.map(echoed).join(' > ')}"` : `the card's ${part}`;
    return { field: unknown, pointer: `/${part}${error.instancePath}/${unknown}`, message: `"${unknown}" is not a field of ${where}.` };
  }
  const field = echoed(labels.at(-1) ?? part);
  const allowed = error.keyword === 'enum' ? allowedValuesText(error.params.allowedValues as unknown[]) : '';
  return { field, pointer: `/${part}${error.instancePath}`, message: `${field} ${error.message ?? 'is invalid'}${allowed}.` };
}

/** A dropdown's values as a flow builder picks them; a null in the enum means the input may stay empty. */
function allowedValuesText(values: unknown[]): string {
  const choices = values.filter((v) => v !== null).map(String).join(', ');
  return values.includes(null) ? `: ${choices} (or empty)` : `: ${choices}`;
}

/** Validates options and inputs (applying defaults); every problem is reported at once, up to MAX_REPORTED_ERRORS. */
export function validateInvocation(card: CompiledCard, body: unknown): Invocation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError(400, 'invalid_input', 'The request body must be a JSON object {"options": {...}, "inputs": {...}}.');
  }
  if (entriesExceed(body, MAX_BODY_ENTRIES)) {
    throw new ServiceError(400, 'invalid_input', `The request body holds more than ${MAX_BODY_ENTRIES} fields and list items; no card takes that many.`);
  }
  const { options = {}, inputs = {}, ...rest } = body as Record<string, unknown>;
  const details: ErrorDetail[] = Object.keys(rest).map((key) => ({ pointer: `/${echoed(key)}`, message: `"${echoed(key)}" is not allowed; send "options" and "inputs".` }));
  const parts = { options, inputs } as Record<'options' | 'inputs', unknown>;
  for (const part of ['options', 'inputs'] as const) {
    const validate = part === 'options' ? card.validateOptions : card.validateInputs;
    if (!validate(parts[part])) details.push(...(validate.errors ?? []).map((e) => detail(part, e)));
  }
  if (details.length > 0) {
    const reported = details.slice(0, MAX_REPORTED_ERRORS);
    const fields = [...new Set(reported.map((d) => d.field).filter(Boolean))];
    const summary = fields.length > 0 ? `: ${fields.join(', ')}` : '';
    if (details.length > reported.length) reported.push({ message: `... and ${details.length - reported.length} more problems.` });
    throw new ServiceError(400, 'invalid_input', `Invalid input for ${card.definition.name}${summary}.`, reported);
  }
  return parts as Invocation;
}
