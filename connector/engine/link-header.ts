/**
 * SmartHR's `Link` header (RFC 8288): `<url>; rel="first", <url>; rel="next", <url>; rel="last"`.
 * Read with indexOf and split only, never a backtracking regex: the header comes from upstream,
 * and a crafted one once held the event loop for half a minute (issue 18, finding 4). A header
 * longer than any SmartHR sends is ignored rather than read.
 */

const MAX_LINK_HEADER_LENGTH = 8 * 1024;

function hasRelLast(params: string[]): boolean {
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'rel') continue;
    const value = param.slice(eq + 1).trim().replace(/,$/, '').trim().replace(/^"|"$/g, '');
    if (value.toLowerCase().split(' ').includes('last')) return true;
  }
  return false;
}

function pageParameter(target: string): number | undefined {
  const query = target.indexOf('?');
  if (query === -1) return undefined;
  const page = new URLSearchParams(target.slice(query + 1)).get('page');
  if (page === null || !/^\d{1,9}$/.test(page)) return undefined;
  return Number.parseInt(page, 10);
}

/** The `page` of the rel="last" link, or undefined when there is none (or the header is too long). */
export function parseLastPage(header: string | undefined): number | undefined {
  if (header === undefined || header.length > MAX_LINK_HEADER_LENGTH) return undefined;
  // Links are not split on commas: our own `fields=a,b,c` travels inside the URLs.
  let from = 0;
  for (;;) {
    const open = header.indexOf('<', from);
    const close = open === -1 ? -1 : header.indexOf('>', open + 1);
    if (close === -1) return undefined;
    const next = header.indexOf('<', close + 1);
    const params = header.slice(close + 1, next === -1 ? header.length : next);
    if (hasRelLast(params.split(';'))) return pageParameter(header.slice(open + 1, close));
    if (next === -1) return undefined;
    from = next;
  }
}
