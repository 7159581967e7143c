import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { REPO_ROOT } from '../../connector/repo-root.ts';

/**
 * Benchmark processes: the service, the simulator and the load generator each run as their own
 * process, pinned with taskset where the machine has the cores (service on core 0, simulator and
 * load on core 1), so the service's figures are not its neighbours' CPU time.
 */

export const CAN_PIN = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0;

/** The command line prefix that pins a process to `core`, or nothing when that is not possible. */
export function pinned(core: number, command: string[]): string[] {
  return CAN_PIN ? ['taskset', '-c', String(core), ...command] : command;
}

/** Pins this (the measuring) process to `core`, alongside the simulator. */
export function pinSelf(core: number): void {
  if (CAN_PIN) spawnSync('taskset', ['-cp', String(core), String(process.pid)]);
}

/** `node --import tsx file`: one process (the tsx CLI would add a parent), so its pid is the one to measure. */
export function tsNode(file: string, ...args: string[]): string[] {
  return [process.execPath, '--import', 'tsx', file, ...args];
}

/**
 * The service as `npm start` runs it (keep the two in step): the compiled JavaScript in dist/
 * (built by `prebench`) rather than tsx, whose compiler would add its own memory, with the same
 * V8 heap budget, which also makes V8 collect garbage before growing the heap.
 */
export function builtService(): string[] {
  return [process.execPath, '--max-old-space-size=256', 'dist/connector/main.js'];
}

export interface BenchProcess {
  name: string;
  pid: number;
  commandLine: string;
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** What it wrote to stdout, when started with `keepStdout`. */
  stdout(): string;
  stop(): Promise<void>;
}

export async function startProcess(
  name: string,
  command: string[],
  env: Record<string, string>,
  readyUrl: string,
  options: { keepStdout?: boolean } = {},
): Promise<BenchProcess> {
  const [file, ...args] = command;
  if (!file) throw new Error('empty command');
  const child: ChildProcess = spawn(file, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', options.keepStdout ? 'pipe' : 'ignore', 'pipe'] });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${stderr}`);
    try {
      const res = await fetch(readyUrl);
      await res.arrayBuffer();
      break;
    } catch {
      if (Date.now() - started > 60_000) {
        child.kill('SIGKILL');
        throw new Error(`${name} did not start within 60 s:\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const pid = child.pid as number;
  const envText = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
  return {
    name,
    pid,
    commandLine: `${envText ? `${envText} ` : ''}${command.map((part) => (part === process.execPath ? 'node' : part)).join(' ')}`,
    peakRssMb: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
      return kb / 1024;
    },
    stdout: () => stdout,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion and returns its stdout. */
export function runToEnd(command: string[]): Promise<string> {
  const [file, ...args] = command;
  if (!file) throw new Error('empty command');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} exited ${code}:\n${err.slice(-2000)}`))));
  });
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
