/**
 * `npm run bench`: the three figures of issue 6 (and the profiles stream of issue 8, the cursor-page walk of issue 11), each with its ratio and the command lines that
 * produced it. Service, simulator and load are separate processes, pinned where the machine
 * allows (service on core 0, simulator and load on core 1). Targets are reported, not asserted.
 */
import { measureAddedLatency, type LatencyFigure } from './latency.ts';
import { CAN_PIN, pinSelf } from './lib/processes.ts';
import { measurePages, type PagesFigure } from './pages.ts';
import { measureScaleOut, type ScaleOutFigure } from './scale-out.ts';
import { EMPLOYEE_PROFILES, measureStream, type StreamFigure } from './streaming.ts';

const ms = (n: number): string => `${n.toFixed(2)} ms`;
const mb = (n: number): string => `${n.toFixed(0)} MB`;
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');

function printLatency(figure: LatencyFigure): void {
  console.log('\n(1) Read Employee: added latency of the service over the same GET straight to the simulator');
  for (const { connections, direct, service } of figure.rows) {
    const added = service.p50 - direct.p50;
    console.log(
      `  concurrency ${String(connections).padStart(2)}: direct p50 ${ms(direct.p50)} p99 ${ms(direct.p99)} (${direct.rps.toFixed(0)} req/s)` +
        ` | service p50 ${ms(service.p50)} p99 ${ms(service.p99)} (${service.rps.toFixed(0)} req/s)` +
        ` | added p50 ${ms(added)}, ratio p50 ${(service.p50 / direct.p50).toFixed(2)}x` +
        (direct.failed + service.failed > 0 ? ` | FAILED requests: ${direct.failed + service.failed}` : ''),
    );
    if (connections === 1) console.log(`  target: added p50 at concurrency 1 under 2 ms -> ${verdict(added < 2)}`);
  }
  console.log('  commands:');
  for (const line of figure.commandLines) console.log(`    ${line}`);
}

function printStream(label: string, figure: StreamFigure): void {
  const { outcome } = figure;
  const seconds = outcome.ms / 1000;
  const complete = outcome.records === figure.employees && outcome.lastLine?.['Records Streamed'] === figure.employees;
  const client429 = outcome.errors.filter((line) => (line.error as { status?: number } | undefined)?.status === 429).length + (outcome.status === 429 ? 1 : 0);
  console.log(`\n${label}`);
  console.log(`  streamed ${outcome.records} records (${(outcome.bytes / 1048576).toFixed(1)} MB NDJSON) in ${seconds.toFixed(2)} s, ${complete ? 'complete' : 'INCOMPLETE'}; status ${outcome.status}, error lines ${outcome.errors.length}`);
  if (figure.rateLimitPerSecond !== undefined) {
    const bound = figure.employees / 100 / figure.rateLimitPerSecond;
    const ratio = seconds / bound;
    console.log(`  wall time / bound (${figure.employees / 100} pages / ${figure.rateLimitPerSecond} per s = ${bound.toFixed(1)} s): ${ratio.toFixed(3)}x -> target at most 1.15x ${verdict(ratio <= 1.15)}`);
    console.log(`  429s seen by the client: ${client429} -> target 0 ${verdict(client429 === 0)}; 429s the simulator answered the service: ${figure.upstream429} of ${figure.upstreamRequests} requests`);
  } else {
    console.log(`  ${(outcome.records / seconds).toFixed(0)} records/s; the simulator alone serves the same ${figure.employees / 100} pages (4 at a time) in ${((figure.directPagesMs ?? 0) / 1000).toFixed(2)} s, ratio service/simulator-alone ${(outcome.ms / (figure.directPagesMs ?? 1)).toFixed(2)}x`);
  }
  const target = figure.rateLimitPerSecond === undefined ? ` -> target under 150 MB ${verdict(figure.servicePeakRssMb < 150)}` : '';
  console.log(`  service peak RSS (VmHWM) ${mb(figure.servicePeakRssMb)}${target}; after start-up, before the stream: ${mb(figure.serviceIdleRssMb)}`);
  console.log('  commands:');
  for (const line of figure.commandLines) console.log(`    ${line}`);
}

function printPages(figure: PagesFigure): void {
  const seconds = figure.totalMs / 1000;
  const bound = figure.employees / 100 / figure.rateLimitPerSecond;
  const ratio = seconds / bound;
  const complete = figure.records === figure.employees && figure.distinct === figure.employees;
  console.log(`\n(5) Cursor pages: walk ${figure.employees.toLocaleString('en')} employees with pageSize ${figure.pageSize}, simulator limited to ${figure.rateLimitPerSecond} requests/s`);
  console.log(`  ${figure.records} records (${figure.distinct} distinct) in ${figure.pageCalls} page calls, ${complete ? 'complete' : 'INCOMPLETE'}; ${seconds.toFixed(2)} s`);
  console.log(`  total time / bound (${figure.employees / 100} pages / ${figure.rateLimitPerSecond} per s = ${bound.toFixed(1)} s): ${ratio.toFixed(3)}x -> target at most 1.15x ${verdict(ratio <= 1.15)}`);
  console.log(`  longest page call ${ms(figure.maxPageCallMs)} -> target within the ${figure.cardDeadlineMs / 1000} s card deadline ${verdict(figure.maxPageCallMs < figure.cardDeadlineMs)}`);
  console.log(`  429s seen by the client: ${figure.client429} -> target 0 ${verdict(figure.client429 === 0)}; other failed page calls ${figure.failedCalls}; 429s the simulator answered the service: ${figure.upstream429} of ${figure.upstreamRequests} requests`);
  console.log('  commands:');
  for (const line of figure.commandLines) console.log(`    ${line}`);
}

function printScaleOut(figures: ScaleOutFigure[]): void {
  const first = figures[0];
  if (!first) return;
  const pages = first.outcomes.length * (first.employees / 100);
  const bound = pages / first.rateLimitPerSecond;
  console.log(`\n(6) Three replicas, each streaming ${first.employees.toLocaleString('en')} employees for the same token, simulator limited to ${first.rateLimitPerSecond} requests/s`);
  for (const figure of figures) {
    const seconds = figure.ms / 1000;
    const complete = figure.outcomes.every((o) => o.records === figure.employees && o.lastLine?.['Records Streamed'] === figure.employees && o.errors.length === 0);
    const ratio = seconds / bound;
    const label = figure.sharedThroughRedis ? 'with REDIS_URL (shared budget)' : 'without REDIS_URL (each replica paces alone)';
    console.log(`  ${label}: ${figure.outcomes.map((o) => o.records).join(' + ')} records in ${seconds.toFixed(2)} s, ${complete ? 'complete' : 'INCOMPLETE'}`);
    console.log(`    wall time / bound (${pages} pages / ${first.rateLimitPerSecond} per s = ${bound.toFixed(1)} s): ${ratio.toFixed(3)}x; SmartHR 429s answered: ${figure.upstream429} of ${figure.upstreamRequests} requests`);
    if (figure.sharedThroughRedis) console.log(`    targets: 0 SmartHR 429s ${verdict(figure.upstream429 === 0)}; at most 1.15x the bound ${verdict(ratio <= 1.15)}`);
  }
  console.log('  commands:');
  for (const figure of figures) for (const line of figure.commandLines) console.log(`    ${line}`);
}

pinSelf(1);
console.log(`SmartHR connector benchmarks (node ${process.version}; ${CAN_PIN ? 'service on core 0, simulator and load on core 1' : 'not pinned: taskset or a second core is missing'})`);
const started = Date.now();
printLatency(await measureAddedLatency());
printStream('(2) Stream 10,000 employees, simulator limited to 10 requests/s', await measureStream(10_000, 10));
printStream('(3) Stream 100,000 employees, no rate limit', await measureStream(100_000));
printStream('(4) Stream 10,000 employee profiles (List Employee Profiles), no rate limit', await measureStream(10_000, undefined, EMPLOYEE_PROFILES));
printPages(await measurePages());
printScaleOut([await measureScaleOut(true), await measureScaleOut(false)]);
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
