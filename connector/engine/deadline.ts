/** A per-invocation deadline that also fires when the caller goes away. */
export interface Deadline {
  signal: AbortSignal;
  at: number;
  /** Frees the timer once the call is over, instead of leaving it pending until it would fire. */
  dispose(): void;
}

export function deadlineAfter(ms: number, callerGone?: AbortSignal): Deadline {
  const controller = new AbortController();
  // A TimeoutError, as AbortSignal.timeout would give: the SmartHR client turns it into a 504.
  const timer = setTimeout(() => controller.abort(new DOMException(`The card call did not finish within ${ms} ms`, 'TimeoutError')), ms);
  timer.unref();
  return {
    signal: callerGone ? AbortSignal.any([controller.signal, callerGone]) : controller.signal,
    at: Date.now() + ms,
    dispose: () => clearTimeout(timer),
  };
}

/** The records of a stream, disposing of its deadline when the stream ends however it ends. */
export async function* disposingWhenDone<T>(records: AsyncIterable<T>, deadline: Deadline): AsyncGenerator<T> {
  try {
    yield* records;
  } finally {
    deadline.dispose();
  }
}
