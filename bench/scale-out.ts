import { builtService, pinned, startProcess, tsNode, type BenchProcess } from './lib/processes.ts';
import { startRedisServer, type RedisServer } from './lib/redis-server.ts';
import { streamCard, type StreamOutcome } from './lib/stream.ts';
import { SEARCH_EMPLOYEES, SIM_PORT, TOKEN, upstreamLog } from './streaming.ts';

/**
 * Figure 5 (issue 16): three replicas of the service, each streaming the same employees for the
 * same token at once, against a simulator that allows 10 requests a second per token; once with
 * the replicas sharing the budget through Redis (REDIS_URL, a redis-server of its own) and once
 * each pacing alone. The replicas are not pinned to one core as figure 2's service is: replicas
 * of a scale-out run on machines of their own, and three on one core would measure that core.
 */

const REPLICA_PORTS = [4640, 4641, 4642];
const EMPLOYEES = 10_000;
const RATE_LIMIT_PER_SECOND = 10;

export interface ScaleOutFigure {
  sharedThroughRedis: boolean;
  employees: number;
  rateLimitPerSecond: number;
  outcomes: StreamOutcome[];
  /** From the first call to the end of the last stream. */
  ms: number;
  upstream429: number;
  upstreamRequests: number;
  commandLines: string[];
}

export async function measureScaleOut(sharedThroughRedis: boolean): Promise<ScaleOutFigure> {
  const simArgs = ['--port', String(SIM_PORT), '--employees', String(EMPLOYEES), '--per-hour', '1000000000', '--rate-limit', String(RATE_LIMIT_PER_SECOND), '--quiet'];
  const sim = await startProcess('simulator', pinned(1, tsNode('simulator/main.ts', ...simArgs)), {}, `http://127.0.0.1:${SIM_PORT}/_sim/rate-limit`);
  let redis: RedisServer | undefined;
  const replicas: BenchProcess[] = [];
  try {
    redis = sharedThroughRedis ? await startRedisServer() : undefined;
    for (const port of REPLICA_PORTS) {
      const env: Record<string, string> = { PORT: String(port), INBOUND_RATE_LIMIT: '0', SMARTHR_BASE_URL: `http://127.0.0.1:${SIM_PORT}/{tenant}` };
      if (redis) env.REDIS_URL = redis.url;
      replicas.push(await startProcess(`replica on ${port}`, builtService(), env, `http://127.0.0.1:${port}/health`));
    }
    await fetch(`http://127.0.0.1:${SIM_PORT}/_sim/requests`, { method: 'DELETE' });
    const connection = { 'x-smarthr-account-type': 'sandbox', 'x-smarthr-tenant-id': 'demo', authorization: `Bearer ${TOKEN}` };
    const started = performance.now();
    const outcomes = await Promise.all(REPLICA_PORTS.map((port) => streamCard(`http://127.0.0.1:${port}/cards/${SEARCH_EMPLOYEES.id}`, connection, SEARCH_EMPLOYEES.body)));
    const ms = performance.now() - started;
    const log = await upstreamLog();
    return {
      sharedThroughRedis,
      employees: EMPLOYEES,
      rateLimitPerSecond: RATE_LIMIT_PER_SECOND,
      outcomes,
      ms,
      upstream429: log.filter((entry) => entry.status === 429).length,
      upstreamRequests: log.length,
      commandLines: [sim.commandLine, ...(redis ? [`redis-server --port ${redis.port} --bind 127.0.0.1 --save '' --appendonly no`] : []), ...replicas.map((r) => r.commandLine)],
    };
  } finally {
    await Promise.all(replicas.map((r) => r.stop()));
    await redis?.kill();
    await sim.stop();
  }
}
