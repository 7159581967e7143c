// @ts-check
import { dropdownValues, entries, isWorkflowsOnly } from './card-fields.js';
import { controlId, el } from './dom.js';

/** @typedef {import('./card-fields.js').Field} Field */
/** @typedef {import('./card-fields.js').Entry} Entry */

const DATE_HINT = 'YYYY-MM-DD, YYYY/MM/DD or an ISO date-time';

/** The control a Workflows type is typed into. @param {Entry} entry @param {string} id */
function control(entry, id) {
  const { field } = entry;
  const type = field.workflowsType ?? 'Object';
  const common = { id, 'data-pointer': `/${entry.path.join('/')}`, 'data-type': type, required: entry.required && field.default === undefined };
  // A Dropdown without values (choicesFrom: Workflows fills it from SmartHR) takes the value typed in.
  if ((type === 'Dropdown' && field.enum) || type === 'True/False') {
    const values = type === 'Dropdown' ? dropdownValues(field) : ['true', 'false'];
    const selected = field.default === undefined || field.default === null ? '' : String(field.default);
    return el('select', common, el('option', { value: '' }, '(empty)'), ...values.map((v) => el('option', { value: v, selected: v === selected }, v)));
  }
  if (type === 'Number') return el('input', { ...common, type: 'number', step: 'any', placeholder: field.default !== undefined ? String(field.default) : undefined });
  if (type.startsWith('List of') && type !== 'List of Objects') return el('textarea', { ...common, rows: '3', placeholder: 'One value per line' });
  if (type === 'Object' || type === 'List of Objects') return el('textarea', { ...common, rows: '4', placeholder: type === 'Object' ? '{ "key": "value" }' : '[ { "key": "value" } ]' });
  return el('input', { ...common, type: 'text', spellcheck: 'false', placeholder: type === 'Date & Time' ? DATE_HINT : undefined });
}

/** One labelled field, or a fieldset for an object with labelled parts. @param {Entry} entry @param {Record<string, unknown>} card @returns {HTMLElement} */
function fieldView(entry, card) {
  const { field, label } = entry;
  if (isWorkflowsOnly(field)) {
    return el('p', { class: 'workflows-only' }, `${label}: chosen in Workflows (the helper flow that receives each record); the console loads records page by page instead.`);
  }
  if (field.properties && field.workflowsType === undefined) {
    return el('fieldset', {}, el('legend', {}, label), ...entries(field, card, entry.path).map((inner) => fieldView(inner, card)));
  }
  const id = controlId('try', entry.path);
  const hint = field.description ? el('span', { class: 'hint', id: `${id}-hint` }, field.description) : null;
  const input = control(entry, id);
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return el(
    'div',
    { class: 'form-field' },
    el('label', { for: id }, label, entry.required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : '', el('span', { class: 'type' }, ` ${field.workflowsType ?? 'Object'}`)),
    input,
    hint,
  );
}

/** The "try it" form: the card's options and inputs as labelled controls. @param {Record<string, any>} card */
export function cardForm(card) {
  const parts = /** @type {const} */ (['options', 'inputs']);
  return parts.map((part) => {
    const list = entries(card[part], card, [part]);
    return el('fieldset', { class: `part part-${part}` }, el('legend', {}, part === 'options' ? 'Options' : 'Inputs'), list.length === 0 ? el('p', { class: 'none' }, 'None') : null, ...list.map((entry) => fieldView(entry, card)));
  });
}

/** @param {string} raw @param {string} type */
function parseValue(raw, type) {
  if (type === 'Number') return Number(raw);
  if (type === 'True/False') return raw === 'true';
  if (type === 'Object' || type === 'List of Objects') return JSON.parse(raw);
  if (type.startsWith('List of')) {
    const items = raw.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    if (type === 'List of Number') return items.map(Number);
    if (type === 'List of True/False') return items.map((item) => item === 'true');
    return items;
  }
  return raw;
}

/**
 * The request body from the form: empty controls are left out (the card's defaults apply).
 * Values that cannot be read (bad JSON, not a number) come back as problems named by label.
 * @param {HTMLFormElement} form
 */
export function readForm(form) {
  /** @type {Record<string, any>} */
  const body = { options: {}, inputs: {} };
  /** @type {{ pointer: string, field: string, message: string }[]} */
  const problems = [];
  for (const element of form.querySelectorAll('[data-pointer]')) {
    const input = /** @type {HTMLInputElement} */ (element);
    const raw = input.value.trim();
    if (raw === '') continue;
    const path = (input.dataset.pointer ?? '').split('/').slice(1);
    const label = path.at(-1) ?? '';
    let value;
    try {
      value = parseValue(raw, input.dataset.type ?? 'Text');
    } catch {
      problems.push({ pointer: input.dataset.pointer ?? '', field: label, message: `${label} is not valid JSON.` });
      continue;
    }
    if (typeof value === 'number' && Number.isNaN(value)) {
      problems.push({ pointer: input.dataset.pointer ?? '', field: label, message: `${label} must be a number.` });
      continue;
    }
    let target = body;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[label] = value;
  }
  return { body, problems };
}

/** Marks the controls an error names (by JSON pointer) and says why next to them. @param {HTMLFormElement} form @param {{ pointer?: string, message?: string }[]} details */
export function markProblems(form, details) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const old of form.querySelectorAll('[aria-invalid]')) {
    old.removeAttribute('aria-invalid');
    const kept = (old.getAttribute('aria-describedby') ?? '').split(' ').filter((ref) => ref !== '' && !ref.endsWith('-error'));
    if (kept.length > 0) old.setAttribute('aria-describedby', kept.join(' '));
    else old.removeAttribute('aria-describedby');
  }
  for (const detail of details) {
    const input = [...form.querySelectorAll('[data-pointer]')].find((candidate) => /** @type {HTMLElement} */ (candidate).dataset.pointer === detail.pointer);
    if (!input) continue;
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
    input.after(el('span', { class: 'field-error', id }, String(detail.message ?? 'Invalid value.')));
  }
}
