import { freePort, startProcess, tsNode, type BenchProcess } from '../../../bench/lib/processes.ts';

/** A service process (`connector/main.ts` under tsx) on its own loopback port. */
export interface Replica {
  url: string;
  process: BenchProcess;
}

/** Starts `count` service processes with the same environment, as replicas behind a load balancer. */
export async function startReplicas(count: number, env: Record<string, string>): Promise<Replica[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const process = await startProcess(`replica ${i + 1}`, tsNode('connector/main.ts'), { PORT: String(port), LOG_LEVEL: 'warn', ...env }, `${url}/health`, { keepStdout: true });
      return { url, process };
    }),
  );
}

/** The service's JSON log lines (pino) that carry `msg`. */
export function logLinesWith(replica: Replica, msg: string): Record<string, unknown>[] {
  return replica.process
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => typeof line.msg === 'string' && line.msg.includes(msg));
}
