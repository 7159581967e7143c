/** Virtual time for the pacer: sleeps are queued and the clock jumps to the next one. */
export class FakeClock {
  t = 0;
  private timers: Array<{ at: number; seq: number; resolve: () => void }> = [];
  private seq = 0;

  readonly now = (): number => this.t;

  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Runs until `work` settles, advancing virtual time whenever everything is waiting. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const tracked = work.finally(() => {
      settled = true;
    });
    for (let guard = 0; guard < 1_000_000; guard++) {
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      if (settled) return tracked;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('deadlock: nothing to wait for');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
    throw new Error('fake clock ran too long');
  }
}

/** A fixed-window rate limit as SmartHR describes it: reset = whole seconds until the window ends. */
export class FixedWindowLimit {
  private counts = new Map<number, number>();
  constructor(
    readonly prefix: 'x-rate-limit-' | 'x-intensive-rate-limit-',
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a request arriving at t; false when the window is spent. */
  take(t: number, headers: Record<string, string>): boolean {
    const index = Math.floor(t / this.windowMs);
    const used = this.counts.get(index) ?? 0;
    const allowed = used < this.limit;
    if (allowed) this.counts.set(index, used + 1);
    const end = (index + 1) * this.windowMs;
    headers[`${this.prefix}limit`] = String(this.limit);
    headers[`${this.prefix}remaining`] = String(this.limit - (allowed ? used + 1 : used));
    headers[`${this.prefix}reset`] = String(Math.ceil((end - t) / 1000));
    return allowed;
  }
}
