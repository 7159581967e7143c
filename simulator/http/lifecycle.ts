/**
 * Timers the simulator starts on behalf of a request (latency, slow bodies). close() cancels
 * them so a test run never waits for a trickling body that nobody reads any more.
 */
export class Lifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();
  closed = false;

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(ms, resolve);
    });
  }

  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
