import { escapePointerSegment, pointerSegments, valueAt } from '../json-path.ts';
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
  const segments = pointerSegments(url.hash.replace(/^#\/?/, ''));
  if (segments[0] !== '$defs' || segments.length !== 2) return `"${ref}" must name one definition: <file>#/$defs/<name>`;
  return { file: `${FIELD_LIBRARY_DIR}/${name}`, segments };
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A definition with the keys written beside its $ref laid over it. `properties` merges name by
 * name, each property's own keys over the shared one's, so a card can give one shared field its
 * own type or description without copying the others; every other key replaces the shared one.
 */
function overlay(shared: Node, own: Node): Node {
  const merged = { ...shared, ...own };
  if (isNode(shared.properties) && isNode(own.properties)) {
    const properties: Node = { ...shared.properties };
    for (const [name, field] of Object.entries(own.properties)) {
      const base = properties[name];
      properties[name] = isNode(base) && isNode(field) ? { ...base, ...field } : field;
    }
    merged.properties = properties;
  }
  return merged;
}

/**
 * What stands in for a $ref instead of the definition it names (the type generator names shared
 * types this way), or undefined to resolve it. `own` holds the keys written beside the $ref.
 */
export type RefReplacer = (ref: string, fromFile: string, own: Node) => Node | undefined;

/**
 * Replaces every {"$ref": ...} of a card by the library definition it names, recursively. Keys
 * written beside the $ref override the definition's (see overlay: a card can give a shared field its
 * own description, or a group its own required list). The result holds no $ref and shares no
 * object with the library, so a card can be compiled and served as if it had been written out in
 * full. `replace` may stand something else in for a $ref, laid under its own keys the same way.
 */
export function resolveCard(file: string, data: unknown, library: ReadonlyMap<string, unknown>, replace?: RefReplacer): Resolution {
  const issues: CardIssue[] = [];
  const sites: RefSite[] = [];

  const resolve = (node: unknown, pointer: string, fromFile: string, chain: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => resolve(item, `${pointer}/${i}`, fromFile, chain));
    if (!isNode(node)) return node;
    const { $ref: ref, ...rest } = node;
    const own = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, resolve(v, `${pointer}/${escapePointerSegment(k)}`, fromFile, chain)]));
    if (ref === undefined) return own;
    const fail = (message: string) => {
      issues.push({ file, pointer: `${pointer}/$ref`, rule: 'field-ref', message });
      return own;
    };
    if (typeof ref !== 'string') return fail('$ref must be a string');
    const replacement = replace?.(ref, fromFile, own);
    if (replacement) return overlay(replacement, own);
    const target = parseRef(ref, fromFile);
    if (typeof target === 'string') return fail(target);
    const key = `${target.file}#/${target.segments.map(escapePointerSegment).join('/')}`;
    if (chain.includes(key)) return fail(`"${ref}" refers to itself through ${[...chain, key].join(' -> ')}`);
    const definition = valueAt(library.get(target.file), target.segments);
    if (!isNode(definition)) return fail(`"${ref}": no definition ${key}`);
    sites.push({ pointer, target: key });
    return overlay(resolve(definition, pointer, target.file, [...chain, key]) as Node, own);
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
