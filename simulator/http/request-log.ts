/**
 * Every API request the simulator received, so tests can prove what reached "SmartHR" (e.g.
 * that a cancelled stream stopped calling upstream, or that a refused input wrote nothing).
 * `status` is 0 until the answer is finished, and stays 0 for requests that never got one
 * (hang, reset).
 */

export interface RequestLogEntry {
  method: string;
  /** The path after the tenant, e.g. '/api/v1/crews'. */
  path: string;
  query: Record<string, string>;
  tenant: string;
  status: number;
  at: string;
}

export interface RequestLogFilter {
  method?: string;
  path?: string | RegExp;
  tenant?: string;
  status?: number;
}

export class RequestLog {
  private readonly items: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): RequestLogEntry {
    this.items.push(entry);
    return entry;
  }

  entries(filter?: RequestLogFilter): RequestLogEntry[] {
    return this.items.filter((entry) => matches(entry, filter)).map((entry) => ({ ...entry, query: { ...entry.query } }));
  }

  count(filter?: RequestLogFilter): number {
    return this.items.filter((entry) => matches(entry, filter)).length;
  }

  clear(): void {
    this.items.length = 0;
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<RequestLogEntry> {
    return this.entries()[Symbol.iterator]();
  }
}

function matches(entry: RequestLogEntry, filter: RequestLogFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.method && filter.method.toUpperCase() !== entry.method) return false;
  if (filter.tenant !== undefined && filter.tenant !== entry.tenant) return false;
  if (filter.status !== undefined && filter.status !== entry.status) return false;
  if (filter.path instanceof RegExp) return filter.path.test(entry.path);
  if (typeof filter.path === 'string') return filter.path === entry.path;
  return true;
}
