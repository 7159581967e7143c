// @ts-check
import { el } from './dom.js';

const CELL_TEXT_LIMIT = 120;

/** @param {unknown} value */
const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A table cell: plain values as text, nested ones as short JSON (the whole in the tooltip). @param {unknown} value */
function cell(value) {
  if (value === null || value === undefined) return el('td', { class: 'empty' }, '');
  if (typeof value !== 'object') return el('td', {}, String(value));
  const text = JSON.stringify(value);
  return el('td', { title: text.length > CELL_TEXT_LIMIT ? text : undefined }, text.length > CELL_TEXT_LIMIT ? `${text.slice(0, CELL_TEXT_LIMIT)}…` : text);
}

/** A list of records as a table, one column per label. @param {Record<string, unknown>[]} rows */
export function recordsTable(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const body = el('tbody', {}, ...rows.map((row) => el('tr', {}, ...columns.map((column) => cell(row[column])))));
  return {
    table: el('table', { class: 'records' }, el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col' }, column)))), body),
    /** Appends further rows (Load more); columns stay those of the first page. @param {Record<string, unknown>[]} more */
    append: (more) => body.append(...more.map((row) => el('tr', {}, ...columns.map((column) => cell(row[column]))))),
  };
}

/**
 * A card's answer as a flow builder reads it: objects as a tree of labels, lists of records as
 * tables, everything else as text.
 * @param {unknown} value
 * @returns {HTMLElement}
 */
export function valueView(value) {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isRecord)) return recordsTable(/** @type {Record<string, unknown>[]} */ (value)).table;
    return el('span', { class: 'list' }, value.length === 0 ? '(empty list)' : value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', '));
  }
  if (isRecord(value)) {
    const record = /** @type {Record<string, unknown>} */ (value);
    return el('dl', { class: 'tree' }, ...Object.entries(record).flatMap(([key, inner]) => [el('dt', {}, key), el('dd', {}, valueView(inner))]));
  }
  return el('span', { class: value === null ? 'empty' : 'value' }, value === null || value === undefined ? '(empty)' : String(value));
}
