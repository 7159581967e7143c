import { Writable } from 'node:stream';
import type { Express } from 'express';
import { benchConnection } from '../../bench/lib/stack.ts';
import { createApp, type AppOptions } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/index.ts';

export const DEMO_TOKEN = 'demo-token';
export const READONLY_TOKEN = 'demo-readonly';

/** Log lines the service wrote, kept in memory so tests can search them (e.g. for a leaked token). */
export class CapturedLogs extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  text(): string {
    return this.lines.join('\n');
  }
}

export interface ConnectionOptions {
  tenant?: string;
  token?: string;
  accountType?: string;
}

/** Connection headers for a card call, as the API Connector sends them (the demo tenant and token unless told). */
export function connectionHeaders({ tenant = 'demo', token = DEMO_TOKEN, accountType = 'sandbox' }: ConnectionOptions = {}): Record<string, string> {
  return benchConnection(tenant, token, accountType);
}

export interface Harness {
  app: Express;
  sim: RunningSimulator;
  logs: CapturedLogs;
  /** Connection headers for a card call. */
  connection(options?: ConnectionOptions): Record<string, string>;
  close(): Promise<void>;
}

/** The real service (createApp) wired to a simulator on loopback, as in production but local. */
export async function startHarness(options: { simulator?: SimulatorOptions; app?: Partial<AppOptions> } = {}): Promise<Harness> {
  const sim = await startSimulator({ quiet: true, ...options.simulator });
  const logs = new CapturedLogs();
  const app = await createApp({
    logger: createLogger({ level: 'debug', destination: logs }),
    upstreamBaseUrl: `${sim.url}/{tenant}`,
    ...options.app,
  });
  return {
    app,
    sim,
    logs,
    connection: connectionHeaders,
    close: () => sim.close(),
  };
}
