import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './processes.ts';

/**
 * A throwaway `redis-server` (Debian's package; `.ci/run` installs it when missing) on a free
 * loopback port, without persistence, for the replica tests and the scale-out benchmark. It can
 * be killed and started again on the same port, as an outage would.
 */
export interface RedisServer {
  port: number;
  url: string;
  /** SIGKILL, as a crash: clients see their connections drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

const START_LIMIT_MS = 15_000;

function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within ${START_LIMIT_MS / 1000} s:\n${output}`));
    }, START_LIMIT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    child.once('error', (error: NodeJS.ErrnoException) =>
      fail(error.code === 'ENOENT' ? new Error('redis-server is not installed (Debian package redis-server; .ci/run installs it)') : error),
    );
    child.once('exit', (code) => fail(new Error(`redis-server exited with ${code} during start-up:\n${output}`)));
    const watch = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stdout?.off('data', watch);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
  });
}

async function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => killed(child),
    restart: async () => {
      await killed(child);
      child = await launch(port);
    },
  };
}
