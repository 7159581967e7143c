import type { BenchProcess } from './lib/processes.ts';
import { benchConnection, clearUpstreamLog, startBenchService, startBenchSimulator, upstreamLog } from './lib/stack.ts';
import { startRedisServer, type RedisServer } from './lib/redis-server.ts';
import { streamCard, type StreamOutcome } from './lib/stream.ts';
import { SEARCH_EMPLOYEES, SIM_PORT, TOKEN } from './streaming.ts';

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
  const sim = await startBenchSimulator(SIM_PORT, EMPLOYEES, RATE_LIMIT_PER_SECOND);
  let redis: RedisServer | undefined;
  const replicas: BenchProcess[] = [];
  try {
    redis = sharedThroughRedis ? await startRedisServer() : undefined;
    for (const port of REPLICA_PORTS) {
      replicas.push(await startBenchService(port, SIM_PORT, redis ? { REDIS_URL: redis.url } : {}, { pin: false, name: `replica on ${port}` }));
    }
    await clearUpstreamLog(SIM_PORT);
    const connection = benchConnection('demo', TOKEN);
    const started = performance.now();
    const outcomes = await Promise.all(REPLICA_PORTS.map((port) => streamCard(`http://127.0.0.1:${port}/cards/${SEARCH_EMPLOYEES.id}`, connection, SEARCH_EMPLOYEES.body)));
    const ms = performance.now() - started;
    const log = await upstreamLog(SIM_PORT);
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
