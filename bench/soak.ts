/**
 * `npm run bench:soak`: a steady load across several tenants for SOAK_SECONDS (60 by default),
 * reporting errors and the service's memory at the start and the end. The service runs as its
 * own process, exactly as main.ts builds it (createApp + startServer, inbound rate limit on with
 * its defaults), against the simulator in this process. Memory is sampled after a forced GC,
 * once after a warm-up and once at the end; the run fails if RSS or heap grew by 10% or more,
 * or if any call failed.
 *
 * Env: SOAK_SECONDS, SOAK_WARMUP_SECONDS (30), SOAK_TENANTS (5), SOAK_RATE_PER_TENANT (15 calls/s;
 * under the default inbound limit of 1,200 a minute per tenant + token).
 *
 * The warm-up outlasts the 25 s card deadline: each call's deadline timer (and the signal it
 * holds) lives that long, so a shorter warm-up samples "start" before that population is full
 * and reports its filling up as growth (a 10 s warm-up showed +8% heap that way).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createApp } from '../connector/app.ts';
import { createLogger } from '../connector/logging.ts';
import { startServer } from '../connector/server.ts';
import { startSimulator } from '../simulator/index.ts';

interface Memory {
  rssMb: number;
  heapUsedMb: number;
  /** Reported to tell heap growth from memory outside it; not part of the pass mark. */
  heapTotalMb: number;
  externalMb: number;
}

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The child side: the service, answering memory requests over IPC. */
async function runService(): Promise<void> {
  const app = await createApp({ logger: createLogger({ level: 'warn' }), upstreamBaseUrl: process.env.SMARTHR_BASE_URL });
  const { port } = await startServer(app, 0, '127.0.0.1');
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (message) => {
    if (message !== 'memory') return;
    gc?.();
    const usage = process.memoryUsage();
    process.send?.({ memory: { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), heapTotalMb: mb(usage.heapTotal), externalMb: mb(usage.external) } satisfies Memory });
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ port });
}

interface AutocannonResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
type Autocannon = (options: Record<string, unknown>, done?: (err: unknown, result: AutocannonResult) => void) => AutocannonInstance;

function ask<T>(child: ChildProcess, key: string, message?: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown): void => {
      if (typeof m === 'object' && m !== null && key in m) {
        child.off('message', onMessage);
        resolve((m as Record<string, T>)[key] as T);
      }
    };
    child.on('message', onMessage);
    if (message) child.send(message);
  });
}

async function runSoak(): Promise<void> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 60);
  const warmup = Number(process.env.SOAK_WARMUP_SECONDS ?? 30);
  const tenantCount = Number(process.env.SOAK_TENANTS ?? 5);
  const ratePerTenant = Number(process.env.SOAK_RATE_PER_TENANT ?? 15);
  const tenants = Array.from({ length: tenantCount }, (_, i) => `soak${i + 1}`);

  // The soak measures the service under a steady load, not SmartHR's limits: no per-second window.
  const sim = await startSimulator({ quiet: true, tenants: Object.fromEntries(tenants.map((t) => [t, { employees: 300 }])), rateLimit: { perSecond: Number.POSITIVE_INFINITY, perHour: 1_000_000 } });
  const child = spawn(process.execPath, ['--import', 'tsx', '--expose-gc', fileURLToPath(import.meta.url), '--service'], {
    env: { ...process.env, SMARTHR_BASE_URL: `${sim.url}/{tenant}` },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await ask<number>(child, 'port');
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

  const load = (durationS: number): Promise<AutocannonResult[]> =>
    Promise.all(
      tenants.map((tenant) => {
        const store = sim.tenant(tenant);
        const ids = store.crews().slice(0, 50).map((c) => String(c.id));
        const headers = { 'content-type': 'application/json', 'x-smarthr-account-type': 'sandbox', 'x-smarthr-tenant-id': tenant, authorization: 'Bearer demo-token' };
        const requests = [
          ...ids.slice(0, 6).map((id) => ({ method: 'POST', path: '/cards/readEmployee', headers, body: JSON.stringify({ inputs: { Employee: { 'Employee ID': id } } }) })),
          { method: 'POST', path: '/cards/searchEmployees', headers, body: JSON.stringify({ options: { 'Result Set': 'First 100 Matching Records' }, inputs: {} }) },
          { method: 'POST', path: '/cards/listDepartments', headers, body: JSON.stringify({ options: { 'Result Set': 'First 100 Records' } }) },
        ];
        return new Promise<AutocannonResult>((resolve, reject) => {
          autocannon({ url: `http://127.0.0.1:${port}`, connections: 4, overallRate: ratePerTenant, duration: durationS, requests }, (err, result) => (err ? reject(err) : resolve(result)));
        });
      }),
    );

  const sum = (results: AutocannonResult[], pick: (r: AutocannonResult) => number): number => results.reduce((n, r) => n + pick(r), 0);
  console.log(`soak: ${tenantCount} tenants x ${ratePerTenant} calls/s, warm-up ${warmup} s, then ${seconds} s`);
  await load(warmup);
  const start = await ask<Memory>(child, 'memory', 'memory');
  sim.requests.clear();
  const results = await load(seconds);
  const end = await ask<Memory>(child, 'memory', 'memory');

  const total = sum(results, (r) => r.requests.total);
  const failed = sum(results, (r) => r.errors + r.timeouts + r.non2xx);
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [code, { count }] of Object.entries(r.statusCodeStats)) statuses[code] = (statuses[code] ?? 0) + count;
  const growth = (a: number, b: number): number => Math.round(((b - a) / a) * 1000) / 10;
  const report = {
    tenants: tenantCount,
    seconds,
    requests: total,
    ratePerSecond: Math.round(total / seconds),
    failed,
    statuses,
    upstreamCalls: sim.requests.count(),
    memoryStart: start,
    memoryEnd: end,
    rssGrowthPercent: growth(start.rssMb, end.rssMb),
    heapGrowthPercent: growth(start.heapUsedMb, end.heapUsedMb),
  };
  console.log(JSON.stringify(report, null, 2));

  child.disconnect();
  await new Promise((resolve) => child.once('exit', resolve));
  await sim.close();
  const ok = failed === 0 && report.rssGrowthPercent < 10 && report.heapGrowthPercent < 10;
  console.log(ok ? 'soak: PASS' : 'soak: FAIL (errors, or memory grew by 10% or more)');
  process.exit(ok ? 0 : 1);
}

if (process.argv.includes('--service')) await runService();
else await runSoak();
