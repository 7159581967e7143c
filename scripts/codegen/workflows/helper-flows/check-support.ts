import type { Field, Port } from './format.ts';
import { isObject } from './format.ts';
import type { IdFacts } from './catalogue.ts';

/** Helpers shared by the checker's parts (check.ts has the rules). */

export class Problems {
  readonly list: string[] = [];
  add(rule: string, where: string, message: string): void {
    this.list.push(`${rule} ${where}: ${message}`);
  }
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
export const sortedKeys = (value: object) => Object.keys(value).sort();
export const oneOf = (keys: string[], seen: string[][]) => seen.some((s) => same(s, keys));
export const ownFields = (port: Port | undefined): Field[] => Object.values(port?.data ?? {});

const SCALAR_TYPES = new Set(['string', 'number', 'boolean', 'Date', 'object', 'flo', 'file']);

export function validType(type: unknown): boolean {
  if (typeof type === 'string') return SCALAR_TYPES.has(type);
  return isObject(type) && Object.values(type).every((t) => isObject(t) && validType(t.type) && typeof t.collection === 'boolean');
}

export function idLooksReal(id: string, facts: IdFacts): boolean {
  return id.length >= facts.minLength && id.length <= facts.maxLength && [...id].every((c) => facts.alphabet.includes(c));
}
