import type { LimitFamily } from './rate-limit-headers.ts';

/**
 * What the pacer knows about one tenant+token's SmartHR budget, as plain JSON data, so that one
 * process can keep it in memory (the default) or every replica can share it through a store
 * (REDIS_URL). All times are milliseconds on the store's clock.
 */

export interface PacingWindow {
  limit?: number;
  remaining: number;
  /**
   * Bounds on when the window ends. `reset` is whole seconds, so one answer only says the end is
   * within a second; answers from the same window narrow it, which lets a spent window be
   * resumed at its real end instead of up to a second late.
   */
  endsAfter: number;
  resetAt: number;
}

export interface PacingState {
  windows: Partial<Record<LimitFamily, PacingWindow>>;
  /** The longest each family's windows have said they last (their largest `reset`, rounded up to whole seconds). */
  windowLengthMs: Partial<Record<LimitFamily, number>>;
  /** After a 429: nobody sends before this. */
  blockedUntil: number;
  lastGrantAt?: number;
  /**
   * Requests granted and not yet answered, by grant id, each with the time after which it no
   * longer counts (a replica can die holding one).
   */
  inFlight: Record<string, number>;
  /**
   * When the answers of the last second's requests arrived (or their requests failed), oldest
   * first: a request may have reached SmartHR at any time before that.
   */
  recentAnswers: number[];
}

/** The pacing state of one tenant+token. */
export interface PacingStore {
  /**
   * Applies `change` to the state atomically (for everyone who shares the store) and resolves
   * with its result. `change` may run more than once (a shared store retries on a concurrent
   * update), so it must only read and mutate the state it is given.
   */
  update<R>(change: (state: PacingState, now: number) => R): Promise<R>;
}

export function emptyPacingState(): PacingState {
  return { windows: {}, windowLengthMs: {}, blockedUntil: 0, inFlight: {}, recentAnswers: [] };
}

/**
 * When the state stops saying more than the next answer will: the end of its last window,
 * block or in-flight grant. A shared store keeps it a while longer so that a window's limit is
 * still known when the next burst starts.
 */
export function pacingStateLivesUntil(state: PacingState): number {
  const times = [state.blockedUntil, state.lastGrantAt ?? 0, ...Object.values(state.inFlight)];
  for (const w of Object.values(state.windows)) times.push(w.resetAt);
  return Math.max(...times);
}

/** The in-memory default: one process's view, as the pacer had it before stores existed. */
export class LocalPacingStore implements PacingStore {
  private readonly state = emptyPacingState();

  constructor(private readonly now: () => number = Date.now) {}

  /** Applies the change synchronously, before the returned promise settles. */
  update<R>(change: (state: PacingState, now: number) => R): Promise<R> {
    return Promise.resolve(change(this.state, this.now()));
  }
}
