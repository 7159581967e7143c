// @ts-check
/**
 * Reading a card definition (GET /cards/{id}) the way Workflows presents it: groups of labelled
 * fields, each with a Workflows type, a required mark and dropdown values.
 */

/**
 * @typedef {{
 *   type?: string | string[], workflowsType?: string, description?: string, enum?: unknown[],
 *   default?: unknown, properties?: Record<string, Field>, required?: string[], items?: Field,
 *   $ref?: string, [key: string]: unknown
 * }} Field
 */
/** @typedef {{ label: string, field: Field, required: boolean, path: string[] }} Entry */

/** Resolves a local `$ref` ("#/outputs/properties/...") against the card. */
export function resolve(/** @type {Field} */ field, /** @type {Record<string, unknown>} */ card) {
  let current = field;
  for (let hops = 0; current.$ref !== undefined && hops < 16; hops += 1) {
    /** @type {unknown} */
    let target = card;
    for (const raw of current.$ref.replace(/^#\//, '').split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = target !== null && typeof target === 'object' ? /** @type {Record<string, unknown>} */ (target)[key] : undefined;
    }
    if (target === undefined || target === null || typeof target !== 'object') break;
    const { $ref: _ref, ...rest } = current;
    current = { ...rest, .../** @type {Field} */ (target) };
  }
  return current;
}

/** The fields directly under an object field, in the card's order. */
export function entries(/** @type {Field} */ group, /** @type {Record<string, unknown>} */ card, /** @type {string[]} */ path = []) {
  const required = new Set(group.required ?? []);
  return Object.entries(group.properties ?? {}).map(([label, raw]) => {
    const field = resolve(raw, card);
    return { label, field, required: required.has(label) || field.workflowsRequired === true, path: [...path, label] };
  });
}

/** Workflows shows groups (objects without their own type) as headings, not fields. */
export function isGroup(/** @type {Field} */ field) {
  return field.workflowsType === undefined && field.properties !== undefined;
}

/** Dropdown values a flow builder can pick; null is "leave empty", not a value. */
export function dropdownValues(/** @type {Field} */ field) {
  return (field.enum ?? []).filter((value) => value !== null).map(String);
}

/** A field Workflows fills itself (the helper flow of a stream): nothing to type in a console. */
export function isWorkflowsOnly(/** @type {Field} */ field) {
  return field.workflowsType === 'Flow' || field.workflowsOnly === true;
}

/** The card's streaming result set value, if it has one. */
export function streamingChoice(/** @type {Record<string, any>} */ card) {
  const pagination = card.pagination;
  if (!pagination) return undefined;
  const entry = Object.entries(pagination.resultSets ?? {}).find(([, mode]) => mode === 'stream');
  return entry ? { option: String(pagination.resultSetOption), value: entry[0] } : undefined;
}
