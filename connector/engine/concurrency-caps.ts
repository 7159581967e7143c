import { ServiceError } from '../errors.ts';

/**
 * How many card calls (or streams) one tenant + token may have running at once. Past the cap the
 * call is refused at once with a 429, which Workflows retries by itself, instead of queueing
 * behind the others and crowding out every other tenant (issue 18, finding 6). Per process: with
 * several replicas each holds its own count.
 */

/** Seconds a refused call is told to wait: card calls end within seconds, and a stream frees its place when it ends. */
const RETRY_AFTER_SECONDS = 5;

export class ConcurrencyCap {
  private readonly running = new Map<string, number>();

  /** `what`: "calls" or "streams", for the message; `max` 0 turns the cap off. */
  constructor(
    private readonly what: string,
    private readonly max: number,
  ) {}

  /** A place for one more, or a 429; the function returned gives it back (calling it again does nothing). */
  take(key: string): () => void {
    if (this.max <= 0) return () => undefined;
    const running = this.running.get(key) ?? 0;
    if (running >= this.max) {
      throw new ServiceError(
        429,
        'rate_limited',
        `Too many concurrent ${this.what} for this SmartHR tenant and access token (at most ${this.max}); retry when one has finished.`,
        [],
        RETRY_AFTER_SECONDS,
      );
    }
    this.running.set(key, running + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    };
  }
}
