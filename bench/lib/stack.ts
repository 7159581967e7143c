import { builtService, pinned, startProcess, tsNode, type BenchProcess } from './processes.ts';

/**
 * The pieces every figure starts the same way: the simulator (core 1, no hourly limit) and the
 * service as `npm start` runs it (core 0 unless told otherwise, no inbound limit: a figure sends
 * more calls on one token than a minute's inbound budget), and the connection headers of a call.
 */

/** `rateLimit` is the simulator's per-second limit: a number, or 'off' for none. */
export function startBenchSimulator(port: number, employees: number, rateLimit: number | 'off', ...extra: string[]): Promise<BenchProcess> {
  const args = ['--port', String(port), '--employees', String(employees), ...extra, '--per-hour', '1000000000', '--rate-limit', String(rateLimit), '--quiet'];
  return startProcess('simulator', pinned(1, tsNode('simulator/main.ts', ...args)), {}, `http://127.0.0.1:${port}/_sim/rate-limit`);
}

export function startBenchService(port: number, simPort: number, env: Record<string, string> = {}, options: { pin?: boolean; name?: string } = {}): Promise<BenchProcess> {
  const command = options.pin === false ? builtService() : pinned(0, builtService());
  return startProcess(
    options.name ?? 'service',
    command,
    { PORT: String(port), INBOUND_RATE_LIMIT: '0', SMARTHR_BASE_URL: `http://127.0.0.1:${simPort}/{tenant}`, ...env },
    `http://127.0.0.1:${port}/health`,
  );
}

/** The connection headers of a card call (DESIGN section 8); the tests' harness builds its own with this too. */
export function benchConnection(tenant = 'demo', token = 'demo-token', accountType = 'sandbox'): Record<string, string> {
  return { 'x-smarthr-account-type': accountType, 'x-smarthr-tenant-id': tenant, authorization: `Bearer ${token}` };
}

/** The simulator's log of crews requests since its log was last cleared. */
export async function upstreamLog(simPort: number): Promise<{ status: number }[]> {
  const res = await fetch(`http://127.0.0.1:${simPort}/_sim/requests?path=/api/v1/crews`);
  return (await res.json()) as { status: number }[];
}

/** Clears the simulator's request log, so a figure counts only its own requests. */
export async function clearUpstreamLog(simPort: number): Promise<void> {
  await fetch(`http://127.0.0.1:${simPort}/_sim/requests`, { method: 'DELETE' });
}
