// @ts-check
/**
 * The console's only way to the service: the same HTTP contract every caller uses. The
 * connection (token included) lives in this module's memory only: never in a URL, storage,
 * cookie or log, so closing the tab forgets it.
 */

/** @typedef {{ accountType: string, tenantId: string, accessToken: string, connectorKey: string }} Connection */
/** @typedef {{ ok: boolean, status: number, body: any }} Answer */

/** @type {Connection} */
const connection = { accountType: 'sandbox', tenantId: '', accessToken: '', connectorKey: '' };

/** @param {Partial<Connection>} fields */
export function setConnection(fields) {
  Object.assign(connection, fields);
}

export function hasConnection() {
  return connection.tenantId !== '' && connection.accessToken !== '';
}

/** Headers of a card call; `mask` replaces the secrets with shell variables (for copy as curl). */
export function connectionHeaders(mask = false) {
  /** @type {Record<string, string>} */
  const headers = {
    'X-SmartHR-Account-Type': connection.accountType,
    'X-SmartHR-Tenant-Id': connection.tenantId,
    Authorization: `Bearer ${mask ? '$SMARTHR_TOKEN' : connection.accessToken}`,
  };
  if (connection.connectorKey !== '') headers['X-Connector-Key'] = mask ? '$CONNECTOR_KEY' : connection.connectorKey;
  return headers;
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<Answer>}
 */
async function call(method, path, body) {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', ...connectionHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  let parsed;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = { error: { status: response.status, code: 'unreadable_answer', message: `The service answered ${response.status} with a body that is not JSON.`, details: [] } };
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

/** @returns {Promise<{ connectorKeyRequired: boolean, resourceTitles: Record<string, string> }>} */
export async function consoleSettings() {
  const response = await fetch('/console/settings.json', { credentials: 'omit', cache: 'no-store' });
  return response.json();
}

export const testConnection = () => call('POST', '/connection/test', {});
export const listCards = () => call('GET', '/cards');
/** @param {string} id */
export const getCard = (id) => call('GET', `/cards/${encodeURIComponent(id)}`);
/** @param {string} id @param {unknown} body */
export const runCard = (id, body) => call('POST', `/cards/${encodeURIComponent(id)}`, body);
/** @param {string} id @param {unknown} body */
export const runCardPage = (id, body) => call('POST', `/cards/${encodeURIComponent(id)}/pages`, body);
