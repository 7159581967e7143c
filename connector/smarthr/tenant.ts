/**
 * The Tenant ID becomes part of the upstream host name, so it is the one value a caller
 * controls that could redirect the access token elsewhere (reliability-perf-hris.md A1).
 * It is checked on the raw value, before any normalisation could turn a hostile string
 * (full-width dots, IDN, percent-encoding) into something that looks harmless.
 */

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// The WHATWG URL parser reads a host whose last label is numeric or 0x-hex as IPv4
// (`0x7f000001` -> 127.0.0.1); an operator template could put the tenant last.
const NUMERIC_HOST_LIKE = /^(?:0x[0-9a-f]*|[0-9]+)$/;

export const TENANT_RULE =
  'must be a single DNS label: 1-63 ASCII letters, digits or hyphens, not starting or ending with a hyphen';

/** The normalised label, or undefined when the value must be refused. */
export function normaliseTenantId(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length < 1 || raw.length > 63) return undefined;
  // Only ASCII A-Z is folded: toLowerCase() would also fold non-ASCII letters into ASCII ones.
  const lowered = raw.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
  if (!LABEL.test(lowered)) return undefined;
  if (lowered.startsWith('xn--')) return undefined;
  if (NUMERIC_HOST_LIKE.test(lowered)) return undefined;
  return lowered;
}
