import { isObject } from './format.ts';
import type { Problems } from './check-support.ts';

/** Rules C1 and C2 of check.ts: nothing secret and no path of this machine anywhere in the file. */

const CREDENTIAL_KEY = /pass(word|wd)?|secret|token|api[-_ ]?key|private[-_ ]?key|client[-_ ]?secret/i;
const CREDENTIAL_FIELD = /^(authorization|x-connector-key|proxy-authorization|cookie)$/i;
const CREDENTIAL_FIELD_HINT = /authorization|x-connector-key|cookie/i;
const BEARER = /\bBearer\s+\S/;
const BASIC = /\bBasic\s+([A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])/g;

/** "Bearer <anything>", or "Basic <base64 of user:password>" (not "Basic Information"). */
function holdsCredential(text: string): boolean {
  if (!text.includes('Bearer') && !text.includes('Basic')) return false;
  if (BEARER.test(text)) return true;
  return [...text.matchAll(BASIC)].some(([, encoded]) => /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(Buffer.from(encoded ?? '', 'base64').toString('latin1')));
}
const MACHINE_PATH = /(^|[\s"'(=:])(\/home\/|\/Users\/|\/root\/|\/tmp\/|\/var\/folders\/|\/work\/|[A-Za-z]:\\)|file:\/\//;

/**
 * Whatever C1 or C2 objects to appears in the file's text as it would in a value, so the file is
 * walked (to say where) only when its text shows one.
 */
function worthWalking(text: string, forbidden: string[]): boolean {
  const hints = [CREDENTIAL_KEY, CREDENTIAL_FIELD_HINT, MACHINE_PATH];
  return holdsCredential(text) || hints.some((hint) => hint.test(text)) || forbidden.some((f) => f && text.includes(JSON.stringify(f).slice(1, -1)));
}

export function checkContent(text: string, pack: unknown, forbidden: string[], problems: Problems): void {
  if (!worthWalking(text, forbidden)) return;
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (holdsCredential(value)) problems.add('C1', path, 'holds a credential');
      if (MACHINE_PATH.test(value)) problems.add('C2', path, 'holds a machine path');
      for (const text of forbidden) if (text && value.includes(text)) problems.add('C1', path, 'holds text that must never be written (a secret or a path of this machine)');
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    if (typeof value.key === 'string' && isObject(value.value)) {
      if (CREDENTIAL_FIELD.test(value.key)) problems.add('C1', path, `a "${value.key}" field: credentials belong in the connection`);
      else if (CREDENTIAL_KEY.test(value.key) && value.value.data !== '' && value.value.data !== null && value.value.data !== undefined) problems.add('C1', path, `"${value.key}" holds a value`);
    }
    for (const [key, child] of Object.entries(value)) {
      if (CREDENTIAL_KEY.test(key) && typeof child === 'string' && child !== '') problems.add('C1', `${path}.${key}`, 'holds a value');
      visit(key, `${path} key`);
      visit(child, `${path}.${key}`);
    }
  };
  visit(pack, '$');
}

