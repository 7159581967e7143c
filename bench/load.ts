/**
 * The load generator, run as its own process (pinned beside the simulator): autocannon, with
 * every 2xx response time kept at full precision. autocannon's own summary rounds latencies to
 * whole milliseconds, too coarse for a sub-millisecond difference.
 * Usage: node --import tsx bench/load.ts '<json: {url, method, headers, body, connections, durationS}>'
 */
import { createRequire } from 'node:module';

interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationS: number;
}

interface Instance {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
  on(event: 'done', listener: (result: { requests: { total: number }; duration: number; errors: number; non2xx: number }) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => Instance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const times: number[] = [];
const instance = autocannon({ url: spec.url, method: spec.method, headers: spec.headers, body: spec.body, connections: spec.connections, duration: spec.durationS });
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
});
instance.on('done', (result) => {
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN;
  process.stdout.write(JSON.stringify({ p50: at(0.5), p99: at(0.99), requests: times.length, rps: times.length / result.duration, failed: result.errors + result.non2xx }));
});
