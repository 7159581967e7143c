import type { RunningSimulator } from '../../../simulator/index.ts';

/** Page numbers of the crews list requests the simulator received, in arrival order. */
export function crewPagesRequested(sim: RunningSimulator, tenant: string): number[] {
  return sim.requests.entries({ method: 'GET', path: '/api/v1/crews', tenant }).map((entry) => Number(entry.query.page));
}

/** Whether the simulator has finished answering the given crews page (at least once). */
export function crewPageAnswered(sim: RunningSimulator, tenant: string, page: number): boolean {
  return sim.requests.entries({ method: 'GET', path: '/api/v1/crews', tenant }).some((entry) => entry.query.page === String(page) && entry.status !== 0);
}

/** Waits until the simulator has had no new request for `quietMs`, and returns the count. */
export async function settledRequestCount(sim: RunningSimulator, quietMs: number): Promise<number> {
  let count = sim.requests.count();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = sim.requests.count();
    if (now === count) return count;
    count = now;
  }
}
