import type { CardDefinition, Field } from '../generated/schemas/card.ts';
import { ServiceError } from '../errors.ts';
import { parseTemplateRef, TEMPLATE_PATTERN, type TemplateRef } from './cards/template.ts';
import { valueAt } from './json-path.ts';
import type { Invocation } from './input-validation.ts';
import { toSmarthrDate } from './transforms/dates.ts';
import { toSmarthrCustomFields, type CustomFieldTemplate } from './transforms/custom-fields.ts';
import { idOfNamedRecord } from './transforms/lookup.ts';
import { fieldAt } from './cards/fields.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean;

/** A filter SmartHR cannot apply itself: the engine keeps only records whose field equals one of the values. */
export interface RecordFilter {
  smarthr: string;
  values: unknown[];
}

export interface BuiltRequest {
  method: HttpMethod;
  path: string;
  query: Record<string, QueryValue>;
  body?: Record<string, unknown>;
  filters: RecordFilter[];
  /** The values filled into the path, in order; the last is the ID a card acts on. */
  pathValues: string[];
}

export interface BuildContext {
  /** Every record of a SmartHR list (custom field templates, employment types...), read once per card call and only when a card needs it. */
  records(path: string): Promise<Record<string, unknown>[]>;
}

const CUSTOM_FIELD_TEMPLATES = '/v1/crew_custom_field_templates';

function lookup(invocation: Invocation, source: 'inputs' | 'options', labels: string[]): unknown {
  return valueAt(invocation[source], labels);
}

function fillTemplate(text: string, invocation: Invocation, encode: boolean, filled: string[] = []): string {
  return text.replace(TEMPLATE_PATTERN, (_, expression: string) => {
    const ref = parseTemplateRef(expression.trim());
    if (!ref) throw new Error(`card template "${expression}" was not caught by validation`);
    const value = lookup(invocation, ref.source, ref.labels);
    const label = ref.labels.at(-1) ?? expression;
    if (value === undefined || value === null || value === '') {
      throw new ServiceError(400, 'invalid_input', `No ${label} input provided. Enter a valid ${label}.`, [
        { field: label, pointer: `/${ref.source}/${ref.labels.join('/')}`, message: `No ${label} input provided. Enter a valid ${label}.` },
      ]);
    }
    const text = String(value);
    // An encoded "." or ".." is still a dot-segment to URL resolution and would walk to another endpoint.
    if (encode && (text === '.' || text === '..')) {
      throw new ServiceError(400, 'invalid_input', `${label} is not a valid ID.`, [{ field: label, pointer: `/${ref.source}/${ref.labels.join('/')}`, message: `${label} is not a valid ID.` }]);
    }
    filled.push(text);
    return encode ? encodeURIComponent(text) : text;
  });
}

/** A query value that is one template is optional: an empty input simply sends no parameter. */
function optionalTemplate(text: string, invocation: Invocation): unknown {
  const ref = wholeTemplate(text);
  return ref ? lookup(invocation, ref.source, ref.labels) : text;
}

/** The reference when `text` is one template and nothing else ("{{options.Clear Empty Values?}}"). */
function wholeTemplate(text: string): TemplateRef | undefined {
  const whole = /^\{\{\s*([^{}]+?)\s*\}\}$/.exec(text);
  return whole?.[1] ? parseTemplateRef(whole[1]) : undefined;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const names = dotted.split('.');
  const last = names.pop() as string;
  let node = target;
  for (const name of names) {
    const next = node[name];
    node = (typeof next === 'object' && next !== null ? next : (node[name] = {})) as Record<string, unknown>;
  }
  node[last] = value;
}

async function convert(field: Field, value: unknown, label: string, context: BuildContext): Promise<unknown> {
  let converted = value;
  if (field.smarthrValues && typeof value === 'string' && value in field.smarthrValues) converted = field.smarthrValues[value];
  if (field.smarthrLookup) converted = idOfNamedRecord(field.smarthrLookup, converted, await context.records(field.smarthrLookup.path), label, value);
  switch (field.smarthrTransform) {
    case 'csv':
      return Array.isArray(converted) ? converted.map(String).join(',') : converted;
    case 'date':
      return typeof converted === 'string' ? toSmarthrDate(converted) : converted;
    case 'customFieldValues':
      return typeof converted === 'object' && converted !== null
        ? toSmarthrCustomFields(converted as Record<string, unknown>, (await context.records(CUSTOM_FIELD_TEMPLATES)) as unknown as CustomFieldTemplate[], label)
        : converted;
    default:
      return converted;
  }
}

/** One item of a List of Objects input (e.g. dropdown elements), as the SmartHR object it maps to. */
async function listItem(items: Field, value: unknown, context: BuildContext): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [label, field] of Object.entries(items.properties ?? {})) {
    const given = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[label] : undefined;
    if (given === undefined || !field.smarthr) continue;
    setPath(out, field.smarthr, await convert(field, given, label, context));
  }
  return out;
}

/** An input with nothing in it: what Clear Empty Values? is about. */
function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * What an empty input does to its SmartHR field: clear it (the default) or leave it alone. A card
 * can let the flow builder choose with a Dropdown option (`emptyInputs: "{{options.<Label>}}"`)
 * whose smarthrValues say which choice clears.
 */
function emptyInputMode(card: CardDefinition, invocation: Invocation): 'clear' | 'skip' {
  const declared = card.request.emptyInputs ?? 'clear';
  const ref = wholeTemplate(declared);
  if (!ref) return declared === 'skip' ? 'skip' : 'clear';
  const chosen = lookup(invocation, ref.source, ref.labels);
  const option = fieldAt(card.options, ref.labels);
  const mode = typeof chosen === 'string' ? option?.smarthrValues?.[chosen] : undefined;
  return mode === 'skip' ? 'skip' : 'clear';
}

/** Builds the SmartHR request from the card's declarative mapping and a validated invocation. */
export async function buildRequest(card: CardDefinition, invocation: Invocation, context: BuildContext): Promise<BuiltRequest> {
  const method = fillTemplate(String(card.request.method), invocation, false).toUpperCase() as HttpMethod;
  const pathValues: string[] = [];
  const request: BuiltRequest = { method, path: fillTemplate(card.request.path, invocation, true, pathValues), query: {}, filters: [], pathValues };
  for (const [name, value] of Object.entries(card.request.query ?? {})) {
    const filled = typeof value === 'string' ? optionalTemplate(value, invocation) : value;
    if (filled !== undefined && filled !== null && filled !== '') request.query[name] = filled as QueryValue;
  }
  const body: Record<string, unknown> = structuredClone((card.request.body ?? {}) as Record<string, unknown>);
  const defaultPlace = method === 'GET' || method === 'DELETE' ? 'query' : 'body';
  const emptyMode = emptyInputMode(card, invocation);

  // `into` is the body object the fields of `tree` fill: the body itself, or the object a group
  // with its own `smarthr` stands for (an address, a bank account).
  const place = async (into: Record<string, unknown>, tree: Field, values: unknown, clearable: boolean): Promise<void> => {
    for (const [label, field] of Object.entries(tree.properties ?? {})) {
      const value = typeof values === 'object' && values !== null ? (values as Record<string, unknown>)[label] : undefined;
      if (value === undefined) continue;
      const mayClear = clearable && field.clearable !== false;
      if (!field.smarthr) {
        if (field.properties) await place(into, field, value, mayClear);
        continue;
      }
      const where = field.smarthrIn ?? defaultPlace;
      if (field.properties) {
        const part: Record<string, unknown> = {};
        await place(part, field, value, mayClear);
        if (Object.keys(part).length > 0) setPath(into, field.smarthr, field.smarthrTransform === 'list' ? [part] : part);
        continue;
      }
      if (isEmpty(value) && where === 'body') {
        if (emptyMode === 'clear' && mayClear) setPath(into, field.smarthr, Array.isArray(value) ? [] : null);
        continue;
      }
      const converted = field.items?.properties && Array.isArray(value)
        ? await Promise.all(value.map((item) => listItem(field.items as Field, item, context)))
        : await convert(field, value, label, context);
      if (converted === undefined) continue;
      if (where === 'filter') {
        if (converted !== null && converted !== '') request.filters.push({ smarthr: field.smarthr, values: Array.isArray(converted) ? converted : [converted] });
      } else if (where === 'query') {
        if (converted === null || converted === '') continue;
        request.query[field.smarthr] = Array.isArray(converted) ? converted.map(String).join(',') : (converted as QueryValue);
      } else {
        setPath(into, field.smarthr, converted);
      }
    }
  };
  await place(body, card.inputs, invocation.inputs, true);
  if (defaultPlace === 'body' || Object.keys(body).length > 0) request.body = body;
  return request;
}
