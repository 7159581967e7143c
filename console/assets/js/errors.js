// @ts-check
import { el } from './dom.js';

/**
 * The service's error envelope as an admin reads it: the message, then each detail with the
 * field it names by its card label.
 * @param {any} body
 * @param {number} status
 */
export function errorView(body, status) {
  const error = body && typeof body === 'object' && body.error ? body.error : { status, message: `The service answered ${status}.`, details: [] };
  const details = Array.isArray(error.details) ? error.details : [];
  return el(
    'div',
    { class: 'error', role: 'alert' },
    el('p', {}, el('strong', {}, `Error ${error.status ?? status}`), error.code ? ` (${error.code})` : '', `: ${error.message ?? ''}`),
    details.length > 0
      ? el('ul', {}, ...details.map((/** @type {any} */ d) => el('li', {}, d.field ? el('strong', { class: 'field-name' }, String(d.field)) : '', d.field ? ': ' : '', String(d.message ?? ''))))
      : null,
    error.retryAfter !== undefined ? el('p', {}, `Retry after ${error.retryAfter} s.`) : null,
  );
}
