/**
 * One budget of event-loop time per loop iteration, shared by every stream being written. A page
 * of records is mapped and written in one run of microtasks, which nothing else can interrupt;
 * thirty busy streams doing that back to back left a single card call waiting for seconds
 * (issue 18, finding 6). A stream that finds this iteration's budget spent waits for the next
 * one (setImmediate), so however many streams run, other requests get the loop every few ms.
 */

const BUDGET_MS = 5;

let turnStarted = performance.now();
let resetScheduled = false;

function scheduleReset(): void {
  if (resetScheduled) return;
  resetScheduled = true;
  // Queued before the streams that yield after it, so it runs first in the next check phase.
  setImmediate(() => {
    resetScheduled = false;
    turnStarted = performance.now();
  });
}

/** Resolves at once while this iteration's budget lasts, else in a later iteration. */
export async function streamTurn(): Promise<void> {
  while (performance.now() - turnStarted > BUDGET_MS) {
    scheduleReset();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
