// @ts-check
import { dropdownValues, entries, isGroup } from './card-fields.js';
import { el } from './dom.js';

/** @typedef {import('./card-fields.js').Field} Field */

/** One field row as Workflows draws it: label, required mark, type, values. @param {import('./card-fields.js').Entry} entry */
function fieldRow(entry) {
  const { label, field, required } = entry;
  const values = dropdownValues(field);
  return el(
    'li',
    { class: 'field' },
    el('span', { class: 'label' }, label),
    required ? el('span', { class: 'required', title: 'Required', 'aria-label': 'required' }, '*') : null,
    el('span', { class: 'type' }, field.workflowsType ?? 'Object'),
    field.description ? el('span', { class: 'description' }, field.description) : null,
    values.length > 0 ? el('span', { class: 'values' }, `Values: ${values.join(', ')}`) : null,
    field.default !== undefined && field.default !== null ? el('span', { class: 'default' }, `Default: ${String(field.default)}`) : null,
  );
}

/**
 * A section (Options, Inputs, Outputs): groups are headings with their fields below, as on a
 * Workflows card; nested objects inside a group are drawn as indented fields.
 * @param {string} title @param {Field} part @param {Record<string, unknown>} card
 */
function section(title, part, card) {
  const top = entries(part, card);
  /** @param {import('./card-fields.js').Entry[]} list @returns {HTMLElement} */
  const fieldList = (list) =>
    el('ul', { class: 'fields' }, ...list.map((entry) => {
      const row = fieldRow(entry);
      const inner = entry.field.properties ? entries(entry.field, card, entry.path) : entry.field.items?.properties ? entries(entry.field.items, card, entry.path) : [];
      if (inner.length > 0) row.append(fieldList(inner));
      return row;
    }));
  const loose = top.filter((e) => !isGroup(e.field));
  return el(
    'section',
    { class: 'card-section' },
    el('h4', {}, title),
    top.length === 0 ? el('p', { class: 'none' }, 'None') : null,
    loose.length > 0 ? fieldList(loose) : null,
    ...top.filter((e) => isGroup(e.field)).map((group) =>
      el('div', { class: 'group' }, el('h5', {}, group.label, group.required ? el('span', { class: 'required', 'aria-label': 'required' }, '*') : null), fieldList(entries(group.field, card, group.path))),
    ),
  );
}

/** The card as a flow builder sees it in the Workflows designer. @param {Record<string, any>} card */
export function cardDrawing(card) {
  return el(
    'article',
    { class: 'workflows-card', 'aria-label': `${card.name} card` },
    el('header', {}, el('span', { class: 'app' }, 'SmartHR'), el('h3', { id: 'card-name' }, card.name)),
    el('p', { class: 'card-description' }, card.description),
    section('Options', card.options, card),
    section('Inputs', card.inputs, card),
    section('Outputs', card.outputs, card),
  );
}
