import { pinned, runToEnd, tsNode } from './lib/processes.ts';
import { benchConnection, startBenchService, startBenchSimulator } from './lib/stack.ts';

/**
 * Figure 1: what the service adds to one Read Employee, against the same GET sent straight to
 * the simulator, at 1 and 32 concurrent connections (autocannon, its own process on core 1).
 */

const SIM_PORT = 4610;
const SERVICE_PORT = 4620;
const TOKEN = 'demo-token';
const DURATION_S = 5;

interface Percentiles {
  p50: number;
  p99: number;
  rps: number;
  /** Non-2xx answers and transport errors; a figure with failures is not a latency figure. */
  failed: number;
}

interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

const quote = (part: string): string => (/[\s{}"*]/.test(part) ? `'${part}'` : part);

async function load(target: Target, connections: number, durationS: number): Promise<{ result: Percentiles; commandLine: string }> {
  const spec = JSON.stringify({ ...target, connections, durationS });
  const command = pinned(1, tsNode('bench/load.ts', spec));
  const result = JSON.parse(await runToEnd(command)) as Percentiles;
  return { result, commandLine: command.map((part) => (part === process.execPath ? 'node' : quote(part))).join(' ') };
}

export interface LatencyRow {
  connections: number;
  direct: Percentiles;
  service: Percentiles;
}

export interface LatencyFigure {
  rows: LatencyRow[];
  commandLines: string[];
}

export async function measureAddedLatency(): Promise<LatencyFigure> {
  const sim = await startBenchSimulator(SIM_PORT, 250, 'off');
  const service = await startBenchService(SERVICE_PORT, SIM_PORT);
  try {
    const first = (await (await fetch(`http://127.0.0.1:${SIM_PORT}/demo/api/v1/crews?per_page=1`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { id: string }[];
    const id = first[0]?.id;
    if (!id) throw new Error('the simulator has no employee');
    const direct: Target = { url: `http://127.0.0.1:${SIM_PORT}/demo/api/v1/crews/${id}`, method: 'GET', headers: { authorization: `Bearer ${TOKEN}` } };
    const viaService: Target = {
      url: `http://127.0.0.1:${SERVICE_PORT}/cards/readEmployee`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...benchConnection('demo', TOKEN) },
      body: JSON.stringify({ inputs: { Employee: { 'Employee ID': id } } }),
    };
    // Warm both (JIT, keep-alive sockets) before anything is measured.
    await load(direct, 8, 2);
    await load(viaService, 8, 2);
    const rows: LatencyRow[] = [];
    const commandLines: string[] = [sim.commandLine, service.commandLine];
    for (const connections of [1, 32]) {
      const d = await load(direct, connections, DURATION_S);
      const s = await load(viaService, connections, DURATION_S);
      commandLines.push(d.commandLine, s.commandLine);
      rows.push({ connections, direct: d.result, service: s.result });
    }
    return { rows, commandLines };
  } finally {
    await service.stop();
    await sim.stop();
  }
}
