import type { Field } from '../generated/schemas/card.ts';
import { valueAt } from './json-path.ts';
import { customFieldsByName } from './transforms/custom-fields.ts';

type Json = Record<string, unknown>;

/**
 * Maps one SmartHR record onto a labelled output tree. A field reads `smarthr` relative to the
 * enclosing record; an object or list field with `smarthr` re-roots its children on that value;
 * a group without `smarthr` reads from the same record. Fields SmartHR did not send (Fields
 * filter, attribute-restricted tokens) are left out rather than reported as null.
 */
export function mapOutputs(tree: Field, record: unknown): Json {
  const out: Json = {};
  for (const [label, field] of Object.entries(tree.properties ?? {})) {
    if (field.computed) continue;
    const value = outputValue(field, record);
    if (value !== undefined) out[label] = value;
  }
  return out;
}

function outputValue(field: Field, record: unknown): unknown {
  if (!field.smarthr) return field.properties ? mapOutputs(field, record) : undefined;
  const raw = valueAt(record, field.smarthr.split('.'));
  if (raw === undefined || raw === null) return raw;
  if (field.smarthrTransform === 'customFieldsByName') return customFieldsByName(raw);
  if (field.smarthrTransform === 'text') return typeof raw === 'number' ? String(raw) : raw;
  if (field.items?.properties) {
    // SmartHR keeps empty department slots as nulls; a flow wants the departments, not the slots.
    return Array.isArray(raw) ? raw.filter((item) => item !== null).map((item) => mapOutputs(field.items as Field, item)) : null;
  }
  if (field.properties) return mapOutputs(field, raw);
  if (field.smarthrValues) {
    const label = Object.entries(field.smarthrValues).find(([, v]) => v === raw)?.[0];
    if (label !== undefined) return label;
  }
  return raw;
}
