import type { BenchProcess } from './lib/processes.ts';
import { benchConnection, clearUpstreamLog, startBenchService, startBenchSimulator, upstreamLog } from './lib/stack.ts';
import { streamCard, type StreamOutcome } from './lib/stream.ts';

/**
 * Figures 2 and 3: Search Employees streamed through the service from a simulator with many
 * employees, a fresh service process each time so its peak RSS (VmHWM) belongs to that stream.
 */

export const SIM_PORT = 4630;
const SERVICE_PORT = 4640;
export const TOKEN = 'demo-token';
const PER_PAGE = 100;
const PAGE_CONCURRENCY = 4;

export interface StreamFigure {
  employees: number;
  rateLimitPerSecond: number | undefined;
  outcome: StreamOutcome;
  /** 429 answers the simulator gave the service (the client must see none). */
  upstream429: number;
  upstreamRequests: number;
  serviceIdleRssMb: number;
  servicePeakRssMb: number;
  /** The same pages read straight from the simulator, 4 at a time: what the simulator alone allows. */
  directPagesMs: number | undefined;
  commandLines: string[];
}

/** Every page straight from the simulator, PAGE_CONCURRENCY at a time, bodies read and dropped. */
async function readAllPagesDirect(pages: number): Promise<number> {
  const started = performance.now();
  let next = 1;
  const worker = async (): Promise<void> => {
    while (next <= pages) {
      const page = next;
      next += 1;
      const res = await fetch(`http://127.0.0.1:${SIM_PORT}/demo/api/v1/crews?per_page=${PER_PAGE}&page=${page}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: PAGE_CONCURRENCY }, worker));
  return performance.now() - started;
}

/** The card a figure streams: Search Employees by default; figure 4 streams employee profiles. */
export interface StreamedCard {
  id: string;
  body: Record<string, unknown>;
}

export const SEARCH_EMPLOYEES: StreamedCard = {
  id: 'searchEmployees',
  body: { options: { 'Result Set': 'Stream Matching Records' }, inputs: { Streaming: { 'Record Limit': null } } },
};

export const EMPLOYEE_PROFILES: StreamedCard = {
  id: 'listEmployeeProfiles',
  body: { options: { 'Result Set': 'Stream Records' }, inputs: { Streaming: { 'Record Limit': null } } },
};

export async function measureStream(employees: number, rateLimitPerSecond?: number, card: StreamedCard = SEARCH_EMPLOYEES): Promise<StreamFigure> {
  const sim = await startBenchSimulator(SIM_PORT, employees, rateLimitPerSecond ?? 'off');
  let service: BenchProcess | undefined;
  try {
    // Without a rate limit, first show what the simulator alone can serve (brief part 3).
    const directPagesMs = rateLimitPerSecond === undefined ? await readAllPagesDirect(Math.ceil(employees / PER_PAGE)) : undefined;
    await clearUpstreamLog(SIM_PORT);
    service = await startBenchService(
      SERVICE_PORT,
      SIM_PORT,
      // To try V8 heap settings on the service alone, e.g. --max-semi-space-size=2 (see README).
      process.env.BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS } : {},
    );
    const serviceIdleRssMb = service.peakRssMb();
    const outcome = await streamCard(`http://127.0.0.1:${SERVICE_PORT}/cards/${card.id}`, benchConnection('demo', TOKEN), card.body);
    const log = await upstreamLog(SIM_PORT);
    return {
      employees,
      rateLimitPerSecond,
      outcome,
      upstream429: log.filter((entry) => entry.status === 429).length,
      upstreamRequests: log.length,
      serviceIdleRssMb,
      servicePeakRssMb: service.peakRssMb(),
      directPagesMs,
      commandLines: [sim.commandLine, service.commandLine],
    };
  } finally {
    await service?.stop();
    await sim.stop();
  }
}
