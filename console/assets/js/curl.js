// @ts-check
import { connectionHeaders } from './api.js';

/** @param {string} text */
const shellQuote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The same call as a curl command to paste into a terminal. The secrets are shell variables
 * ($SMARTHR_TOKEN, $CONNECTOR_KEY), so the command can be shared without leaking them.
 * @param {string} path @param {unknown} body
 */
export function curlCommand(path, body) {
  const headers = Object.entries(connectionHeaders(true)).map(([name, value]) =>
    value.includes('$') ? `-H "${name}: ${value}"` : `-H ${shellQuote(`${name}: ${value}`)}`,
  );
  return [
    `curl -s -X POST ${shellQuote(`${window.location.origin}${path}`)}`,
    ...headers,
    `-H 'Content-Type: application/json'`,
    `-d ${shellQuote(JSON.stringify(body))}`,
  ].join(' \\\n  ');
}
