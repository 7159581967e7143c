import type { BenchProcess } from './lib/processes.ts';
import { benchConnection, clearUpstreamLog, startBenchService, startBenchSimulator, upstreamLog } from './lib/stack.ts';

/**
 * Figure 5: a Workflows-style walk of cursor pages (`POST /cards/searchEmployees/pages`,
 * pageSize 1000) over 10,000 employees with the simulator at 10 requests/s. Each page call is one
 * short HTTP request, as a Workflows card or API Connector loop would make it.
 */

const SIM_PORT = 4650;
const SERVICE_PORT = 4660;
const TOKEN = 'demo-token';
const CARD_DEADLINE_MS = 25_000;

export interface PagesFigure {
  employees: number;
  pageSize: number;
  rateLimitPerSecond: number;
  records: number;
  /** Distinct employee ids among the records (equal to records when nothing came twice). */
  distinct: number;
  pageCalls: number;
  totalMs: number;
  maxPageCallMs: number;
  /** Page calls answered with something other than 200 (429s counted apart). */
  failedCalls: number;
  client429: number;
  upstream429: number;
  upstreamRequests: number;
  cardDeadlineMs: number;
  commandLines: string[];
}

export async function measurePages(employees = 10_000, pageSize = 1000, rateLimitPerSecond = 10): Promise<PagesFigure> {
  const sim = await startBenchSimulator(SIM_PORT, employees, rateLimitPerSecond);
  let service: BenchProcess | undefined;
  try {
    service = await startBenchService(SERVICE_PORT, SIM_PORT, { CURSOR_SECRET: 'bench-cursor-secret-0123456789abcdef' });
    await clearUpstreamLog(SIM_PORT);
    const headers = { 'content-type': 'application/json', ...benchConnection('demo', TOKEN) };
    const ids = new Set<string>();
    let records = 0;
    let cursor: string | null = null;
    let pageCalls = 0;
    let maxPageCallMs = 0;
    let failedCalls = 0;
    let client429 = 0;
    const started = performance.now();
    do {
      const callStarted = performance.now();
      const res = await fetch(`http://127.0.0.1:${SERVICE_PORT}/cards/searchEmployees/pages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ options: { 'Result Set': 'Stream Matching Records' }, inputs: {}, cursor, pageSize }),
      });
      const body = (await res.json()) as { Records?: { 'Employee ID': string }[]; 'Next Cursor'?: string | null };
      maxPageCallMs = Math.max(maxPageCallMs, performance.now() - callStarted);
      pageCalls += 1;
      if (res.status === 429) client429 += 1;
      else if (res.status !== 200) failedCalls += 1;
      // A failed call is retried with the same cursor, as a Workflows loop would.
      if (res.status !== 200) continue;
      for (const record of body.Records ?? []) ids.add(record['Employee ID']);
      records += body.Records?.length ?? 0;
      cursor = body['Next Cursor'] ?? null;
    } while (cursor !== null && pageCalls < 10 * (employees / pageSize + 10));
    const totalMs = performance.now() - started;
    const log = await upstreamLog(SIM_PORT);
    return {
      employees,
      pageSize,
      rateLimitPerSecond,
      records,
      distinct: ids.size,
      pageCalls,
      totalMs,
      maxPageCallMs,
      failedCalls,
      client429,
      upstream429: log.filter((entry) => entry.status === 429).length,
      upstreamRequests: log.length,
      cardDeadlineMs: CARD_DEADLINE_MS,
      commandLines: [sim.commandLine, service.commandLine],
    };
  } finally {
    await service?.stop();
    await sim.stop();
  }
}
