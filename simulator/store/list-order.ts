/**
 * `sort=k1,-k2` (reference section 3) and a cache of computed list orders. Sorting 100,000
 * crews on every page request would make walking all pages quadratic, so an order is computed
 * once per (query, data version) and reused until the next write.
 */
import { invalidField } from '../errors.ts';

export type SortValue = string | number | boolean | null;
export type SortKeys<T> = Readonly<Record<string, (rec: T) => SortValue>>;

interface SortSpec<T> {
  get: (rec: T) => SortValue;
  desc: boolean;
}

export function parseSort<T>(resource: string, sort: string | null, keys: SortKeys<T>): SortSpec<T>[] {
  if (!sort) return [];
  return sort.split(',').map((raw) => {
    const key = raw.trim();
    const desc = key.startsWith('-');
    const name = desc ? key.slice(1) : key;
    const get = Object.hasOwn(keys, name) ? keys[name] : undefined;
    if (!get) throw invalidField(resource, 'sort', `sortに指定できない項目です: ${name}`);
    return { get, desc };
  });
}

/** Nulls sort last ascending and first descending, as PostgreSQL orders them. */
function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Stable: ties keep the incoming (creation) order. */
export function sortRecords<T>(records: T[], specs: SortSpec<T>[]): T[] {
  if (specs.length === 0) return records;
  return records
    .map((rec, index) => ({ rec, index, keys: specs.map((s) => s.get(rec)) }))
    .sort((x, y) => {
      for (let i = 0; i < specs.length; i++) {
        const c = compareValues(x.keys[i] ?? null, y.keys[i] ?? null);
        if (c !== 0) return specs[i]?.desc ? -c : c;
      }
      return x.index - y.index;
    })
    .map((entry) => entry.rec);
}

const MAX_CACHED_ORDERS = 32;

export class ListCache {
  private version = -1;
  private readonly entries = new Map<string, unknown[]>();

  get<T>(version: number, key: string, compute: () => T[]): T[] {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    const hit = this.entries.get(key) as T[] | undefined;
    if (hit) return hit;
    const value = compute();
    if (this.entries.size >= MAX_CACHED_ORDERS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }
}
