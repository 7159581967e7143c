import { escapePointerSegment, unescapePointerSegment, valueAt } from '../json-path.ts';
import type { CardIssue } from './issue.ts';
import { FIELD_LIBRARY_DIR } from './load.ts';

/** Where a $ref sits in the resolved card and the library definition it was replaced by. */
export interface RefSite {
  /** JSON pointer in the resolved card, e.g. /outputs/properties/Basic Information. */
  pointer: string;
  /** e.g. fields/employee.json#/$defs/basicInformation */
  target: string;
}

export interface Resolution {
  resolved: unknown;
  issues: CardIssue[];
  sites: RefSite[];
}

// Refs resolve like URLs relative to the file they are written in (JSON Schema's rule), on a
// pseudo origin, so "../fields/employee.json#/$defs/x" from a card and "#/$defs/y" or
// "department.json#/$defs/z" inside the library all work and nothing outside cards/fields/ can
// be reached.
const ROOT = 'file:///cards/';
const LIBRARY_PATH = `/cards/${FIELD_LIBRARY_DIR}/`;

/** A library reference written in `fromFile`: the library file and the path to the definition, or what is wrong with it. */
export function parseRef(ref: string, fromFile: string): { file: string; segments: string[] } | string {
  let url: URL;
  try {
    url = new URL(ref, ROOT + fromFile);
  } catch {
    return `"${ref}" is not a valid reference`;
  }
  const name = url.pathname.slice(LIBRARY_PATH.length);
  if (url.href.slice(0, ROOT.length) !== ROOT || !url.pathname.startsWith(LIBRARY_PATH) || name.includes('/') || !name.endsWith('.json')) {
    return `"${ref}" must point into the field library (cards/${FIELD_LIBRARY_DIR}/*.json)`;
  }
  const segments = url.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((s) => unescapePointerSegment(decodeURIComponent(s)));
  if (segments[0] !== '$defs' || segments.length !== 2) return `"${ref}" must name one definition: <file>#/$defs/<name>`;
  return { file: `${FIELD_LIBRARY_DIR}/${name}`, segments };
}

/**
 * Replaces every {"$ref": ...} of a card by the library definition it names, recursively. Keys
 * written beside the $ref override the definition's (a card can give a shared field its own
 * description or required list). The result holds no $ref and shares no object with the
 * library, so a card can be compiled and served as if it had been written out in full.
 */
export function resolveCard(file: string, data: unknown, library: ReadonlyMap<string, unknown>): Resolution {
  const issues: CardIssue[] = [];
  const sites: RefSite[] = [];

  const resolve = (node: unknown, pointer: string, fromFile: string, chain: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => resolve(item, `${pointer}/${i}`, fromFile, chain));
    if (typeof node !== 'object' || node === null) return node;
    const { $ref: ref, ...rest } = node as Record<string, unknown>;
    const own = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, resolve(v, `${pointer}/${escapePointerSegment(k)}`, fromFile, chain)]));
    if (ref === undefined) return own;
    const fail = (message: string) => {
      issues.push({ file, pointer: `${pointer}/$ref`, rule: 'field-ref', message });
      return own;
    };
    if (typeof ref !== 'string') return fail('$ref must be a string');
    const target = parseRef(ref, fromFile);
    if (typeof target === 'string') return fail(target);
    const key = `${target.file}#/${target.segments.map(escapePointerSegment).join('/')}`;
    if (chain.includes(key)) return fail(`"${ref}" refers to itself through ${[...chain, key].join(' -> ')}`);
    const definition = valueAt(library.get(target.file), target.segments);
    if (typeof definition !== 'object' || definition === null) return fail(`"${ref}": no definition ${key}`);
    sites.push({ pointer, target: key });
    const shared = resolve(definition, pointer, target.file, [...chain, key]) as Record<string, unknown>;
    return { ...shared, ...own };
  };

  return { resolved: resolve(data, '', file, []), issues, sites };
}

/** The library location a pointer of the resolved card comes from, when it comes from one. */
export function declaredIn(sites: readonly RefSite[], pointer: string): string | undefined {
  let best: RefSite | undefined;
  for (const site of sites) {
    const inside = pointer === site.pointer || pointer.startsWith(`${site.pointer}/`);
    if (inside && (!best || site.pointer.length > best.pointer.length)) best = site;
  }
  return best && `${best.target}${pointer.slice(best.pointer.length)}`;
}
