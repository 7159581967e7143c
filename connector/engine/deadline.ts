/** A per-invocation deadline that also fires when the caller goes away. */
export interface Deadline {
  signal: AbortSignal;
  at: number;
}

export function deadlineAfter(ms: number, callerGone?: AbortSignal): Deadline {
  const timeout = AbortSignal.timeout(ms);
  return { signal: callerGone ? AbortSignal.any([timeout, callerGone]) : timeout, at: Date.now() + ms };
}
