/** Every API request the fake answered, for tests and the demo to read. */
export interface FakeRequest {
  method: string;
  path: string;
  status: number;
  /** Profiles in a bulk-upsert or bulk-delete body. */
  profiles?: number;
  at: number;
}

export class FakeRequestLog {
  private readonly entries: FakeRequest[] = [];
  private readonly listeners = new Set<(entry: FakeRequest) => void>();

  record(entry: FakeRequest): void {
    this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  all(filter: { method?: string; path?: RegExp; status?: number } = {}): FakeRequest[] {
    return this.entries.filter((e) => (!filter.method || e.method === filter.method) && (!filter.path || filter.path.test(e.path)) && (filter.status === undefined || e.status === filter.status));
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Called after each answered request; returns the unsubscribe function. */
  onRequest(listener: (entry: FakeRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
