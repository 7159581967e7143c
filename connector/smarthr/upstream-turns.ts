import { MAX_SOCKETS_PER_ORIGIN } from './agents.ts';

/**
 * Turns at one upstream origin's sockets, shared fairly between tenant + token pairs ("keys").
 * Every tenant shares one origin behind SMARTHR_BASE_URL, and a tenant's tokens always do, so
 * without turns one key's streams (four pages ahead each) queued in front of everyone's calls
 * (issue 18, finding 6). Keys waiting are served in rotation, and no key holds more than a quarter
 * of an origin's sockets, so another key's request finds a free one at once. A quarter (4) is still
 * more than one token needs: SmartHR allows it 10 requests a second, and a stream reads 4 pages ahead.
 */

const MAX_TURNS_PER_KEY = Math.ceil(MAX_SOCKETS_PER_ORIGIN / 4);

class OriginTurns {
  private running = 0;
  private readonly runningByKey = new Map<string, number>();
  /** Waiting grants by key; the map's order is the rotation. */
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(
    private readonly perOrigin: number,
    private readonly perKey: number,
  ) {}

  get idle(): boolean {
    return this.running === 0 && this.waiting.size === 0;
  }

  /** Resolves with the function that ends the turn; rejects with the signal's reason if it aborts first. */
  take(key: string, signal: AbortSignal | undefined, onEnd: () => void): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.running += 1;
        this.runningByKey.set(key, (this.runningByKey.get(key) ?? 0) + 1);
        let ended = false;
        resolve(() => {
          if (ended) return;
          ended = true;
          this.end(key);
          onEnd();
        });
      };
      const onAbort = (): void => {
        const queue = this.waiting.get(key) ?? [];
        const at = queue.indexOf(grant);
        if (at !== -1) queue.splice(at, 1);
        if (queue.length === 0) this.waiting.delete(key);
        onEnd();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const queue = this.waiting.get(key);
      if (queue) queue.push(grant);
      else this.waiting.set(key, [grant]);
      this.dispatch();
    });
  }

  private end(key: string): void {
    this.running -= 1;
    const left = (this.runningByKey.get(key) ?? 1) - 1;
    if (left > 0) this.runningByKey.set(key, left);
    else this.runningByKey.delete(key);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.running < this.perOrigin) {
      let next: string | undefined;
      for (const key of this.waiting.keys()) {
        if ((this.runningByKey.get(key) ?? 0) < this.perKey) {
          next = key;
          break;
        }
      }
      if (next === undefined) return;
      const queue = this.waiting.get(next) as Array<() => void>;
      const grant = queue.shift() as () => void;
      // To the back of the rotation (or out of it when nothing of it waits).
      this.waiting.delete(next);
      if (queue.length > 0) this.waiting.set(next, queue);
      grant();
    }
  }
}

const origins = new Map<string, OriginTurns>();

/** Waits for a turn of `key` at `origin`'s sockets; call the function it resolves with once the exchange is over. */
export function upstreamTurn(origin: string, key: string, signal?: AbortSignal): Promise<() => void> {
  let turns = origins.get(origin);
  if (!turns) {
    turns = new OriginTurns(MAX_SOCKETS_PER_ORIGIN, MAX_TURNS_PER_KEY);
    origins.set(origin, turns);
  }
  const of = turns;
  // An origin nobody uses or waits for is forgotten, so the map holds only origins in use.
  return of.take(key, signal, () => {
    if (of.idle && origins.get(origin) === of) origins.delete(origin);
  });
}
