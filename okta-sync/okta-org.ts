import { isIP } from 'node:net';

/**
 * The Okta org URL an operator gives (--okta-org): an origin and nothing else. The API token
 * travels to it, so it must be https; plain http is allowed only to this machine (loopback), for
 * the fake Okta the tests and the demo run.
 */
export function oktaOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--okta-org "${value.slice(0, 100)}" is not a URL; give the org URL, e.g. https://acme.okta.com`);
  }
  if (url.username || url.password) throw new Error('--okta-org must not carry a user name or password');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) throw new Error('--okta-org must be the org URL alone (https://acme.okta.com), without a path or query');
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url.origin;
  throw new Error('--okta-org must use https (plain http only to loopback: 127.0.0.1, [::1], localhost)');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}
