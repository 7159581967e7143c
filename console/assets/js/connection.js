// @ts-check
import { setConnection, testConnection } from './api.js';
import { byId, el, show } from './dom.js';
import { errorView } from './errors.js';

/** @typedef {{ endpoint: string, needed: string, read: string, write: string, message?: string }} EndpointReport */

/** What a row of the permission report means for the admin, in words. @param {EndpointReport} row */
function meaning(row) {
  const lacking = [row.read === 'missing' ? 'read' : '', row.write === 'missing' ? 'update' : ''].filter(Boolean);
  if (lacking.length > 0) {
    return `Missing: in SmartHR, let this token ${lacking.join(' and ')} ${row.endpoint}. Until then the cards that need it answer 403.`;
  }
  if (row.read === 'unknown' || row.write === 'unknown') return `Could not be checked: ${row.message ?? 'the probe failed'}. Try again.`;
  return row.write === 'granted' ? 'Read and update work.' : 'Read works; nothing else is needed.';
}

/** @param {any} report */
function reportView(report) {
  const missing = Array.isArray(report.missing) ? report.missing : [];
  const summary = report.status === 'ok'
    ? `Connected to ${report.tenant} (${report.accountType}). The token has every permission the cards need.`
    : `Connected to ${report.tenant} (${report.accountType}), but ${missing.length > 0 ? `${missing.length} permission(s) are missing` : 'some permissions could not be checked'}.`;
  return el(
    'div',
    { class: `report report-${report.status}` },
    el('p', { id: 'connection-summary' }, summary),
    el(
      'table',
      { id: 'permission-report' },
      el('caption', {}, 'Token permissions, endpoint by endpoint'),
      el('thead', {}, el('tr', {}, ...['Endpoint', 'Needed', 'Read', 'Write', 'What this means'].map((h) => el('th', { scope: 'col' }, h)))),
      el(
        'tbody',
        {},
        ...report.permissions.map((/** @type {EndpointReport} */ row) =>
          el('tr', { class: `read-${row.read}` }, el('td', {}, row.endpoint), el('td', {}, row.needed), el('td', {}, row.read), el('td', {}, row.write), el('td', {}, meaning(row))),
        ),
      ),
    ),
  );
}

/** Wires the connection form: keeps the fields in memory and tests them on submit. */
export function setUpConnection(/** @type {() => void} */ onConnected) {
  const form = /** @type {HTMLFormElement} */ (byId('connection-form'));
  const result = byId('connection-result');
  const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (byId(id)).value.trim();
  const remember = () =>
    setConnection({ accountType: value('account-type'), tenantId: value('tenant-id'), accessToken: value('access-token'), connectorKey: value('connector-key') });
  form.addEventListener('input', remember);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    remember();
    show(result, el('p', {}, 'Testing the connection…'));
    try {
      const answer = await testConnection();
      show(result, answer.ok ? reportView(answer.body) : errorView(answer.body, answer.status));
      if (answer.ok) onConnected();
    } catch {
      show(result, errorView(undefined, 0));
    }
  });
}
