import { ServiceError } from '../../errors.ts';

/** The parts of a SmartHR custom field template the engine needs. */
export interface CustomFieldTemplate {
  id: string;
  name: string;
  type: string;
  elements?: Array<{ id: string; name: string; physical_name?: string | null }> | null;
}

export interface CustomFieldValue {
  value: unknown;
  template?: CustomFieldTemplate | null;
}

/**
 * Turns {"<template name or id>": value} into SmartHR's custom_fields [{template_id, value}],
 * with dropdown values given by element name (or id, or physical name) turned into element ids,
 * so a flow builder never looks up an id by hand.
 */
export function toSmarthrCustomFields(values: Record<string, unknown>, templates: CustomFieldTemplate[], label: string): Array<{ template_id: string; value: unknown }> {
  return Object.entries(values).map(([key, value]) => {
    const matches = templates.filter((t) => t.id === key || t.name === key);
    const template = matches.find((t) => t.id === key) ?? matches[0];
    if (!template) {
      throw new ServiceError(400, 'invalid_input', `${label}: there is no custom field named "${key}".`, [
        { field: label, pointer: `/inputs/${label}/${key}`, message: `Unknown custom field "${key}". Known: ${templates.map((t) => t.name).join(', ')}.` },
      ]);
    }
    if (matches.length > 1 && matches.every((t) => t.id !== key)) {
      throw new ServiceError(400, 'invalid_input', `${label}: several custom fields are named "${key}"; use the template ID.`, [
        { field: label, pointer: `/inputs/${label}/${key}`, message: `Ambiguous custom field name "${key}": ${matches.map((t) => t.id).join(', ')}.` },
      ]);
    }
    if (template.type !== 'enum' || value === null || value === '') return { template_id: template.id, value };
    const element = (template.elements ?? []).find((e) => e.name === value || e.id === value || (e.physical_name != null && e.physical_name === value));
    if (!element) {
      const allowed = (template.elements ?? []).map((e) => e.name).join(', ');
      throw new ServiceError(400, 'invalid_input', `${label}: "${String(value)}" is not a choice of "${template.name}".`, [
        { field: label, pointer: `/inputs/${label}/${key}`, message: `Choose one of: ${allowed}.` },
      ]);
    }
    return { template_id: template.id, value: element.id };
  });
}

/** SmartHR's custom_fields as {"<template name>": value}, dropdown values given by element name. */
export function customFieldsByName(values: unknown): Record<string, unknown> | null {
  if (!Array.isArray(values)) return null;
  const byName: Record<string, unknown> = {};
  for (const item of values as Array<CustomFieldValue | null>) {
    const template = item?.template;
    if (!template) continue;
    const element = template.type === 'enum' ? (template.elements ?? []).find((e) => e.id === item.value || e.physical_name === item.value) : undefined;
    byName[template.name] = element ? element.name : item.value;
  }
  return byName;
}
