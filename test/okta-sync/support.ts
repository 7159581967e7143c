import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toIdentitySourceRecord, type IdentitySourceRecord } from '../../connector/engine/profiles/identity-source-record.ts';
import { todayInJapan, toProfile } from '../../connector/engine/profiles/profile-map.ts';
import { DEFAULT_IDENTITY_SOURCE, startFakeOkta, type FakeOktaOptions, type RunningFakeOkta } from '../../fake-okta/index.ts';
import { REPO_ROOT } from '../../connector/repo-root.ts';
import { ALL_PERMISSIONS, startSimulator, type RunningSimulator } from '../../simulator/index.ts';

type Json = Record<string, unknown>;

/** Unique strings that must never show up in any output, log or file of the command. */
export const SMARTHR_CANARY = 'smarthr-canary-7f3a9c1e5b';
export const OKTA_CANARY = 'okta-canary-00ab4fe8d2c6';
export const SOURCE = DEFAULT_IDENTITY_SOURCE;
/** stdout and stderr of every run in every world, for one canary check at the end. */
export const ALL_OUTPUTS: string[] = [];

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The simulator's demo tenant (with the canary SmartHR token) and a fake Okta (with the canary Okta token), on loopback. */
export interface SyncWorld {
  sim: RunningSimulator;
  fake: RunningFakeOkta;
  dir: string;
  stateFile: string;
  /** Starts `npm run sync:okta` (its script, as npm runs it) as a child process. */
  start(args?: string[], options?: { stateFile?: string; fake?: RunningFakeOkta }): { child: ChildProcess; done: Promise<RunResult> };
  run(args?: string[], options?: { stateFile?: string; fake?: RunningFakeOkta }): Promise<RunResult>;
  /** What the sync should send for each employee, computed in-process from the simulator's crews. */
  expectedRecords(): IdentitySourceRecord[];
  close(): Promise<void>;
}

export async function startSyncWorld(options: { employees?: number; fake?: FakeOktaOptions } = {}): Promise<SyncWorld> {
  const sim = await startSimulator({ quiet: true, tenants: { demo: { employees: options.employees ?? 250 } } });
  sim.tenant('demo').addToken(SMARTHR_CANARY, ALL_PERMISSIONS);
  const fake = await startFakeOkta({ tokens: [OKTA_CANARY], importDelayMs: 20, ...options.fake });
  const dir = await mkdtemp(path.join(tmpdir(), 'okta-sync-'));
  const stateFile = path.join(dir, 'state.json');

  const start: SyncWorld['start'] = (args = [], opts = {}) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'okta-sync/main.ts',
      '--tenant', 'demo', '--account-type', 'sandbox', '--token-env', 'SYNC_SMARTHR_TOKEN',
      '--okta-org', (opts.fake ?? fake).url, '--okta-token-env', 'SYNC_OKTA_TOKEN', '--identity-source', SOURCE,
      '--state-file', opts.stateFile ?? stateFile, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, SMARTHR_BASE_URL: `${sim.url}/{tenant}`, SYNC_SMARTHR_TOKEN: SMARTHR_CANARY, SYNC_OKTA_TOKEN: OKTA_CANARY, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const done = new Promise<RunResult>((resolve) => {
      child.on('close', (code, signal) => {
        ALL_OUTPUTS.push(stdout, stderr);
        resolve({ code, signal, stdout, stderr });
      });
    });
    return { child, done };
  };

  return {
    sim,
    fake,
    dir,
    stateFile,
    start,
    run: (args, opts) => start(args, opts).done,
    expectedRecords: () => {
      const today = todayInJapan();
      return (sim.tenant('demo').crews() as Json[]).map((crew) => toIdentitySourceRecord(toProfile(crew, today)));
    },
    async close() {
      await Promise.all([sim.close(), fake.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The fake's users as {externalId: {status, profile}}, for comparing whole Okta states. */
export function oktaState(fake: RunningFakeOkta): Record<string, { status: string; profile: unknown }> {
  return Object.fromEntries([...fake.users(SOURCE).values()].map((u) => [u.externalId, { status: u.status, profile: u.profile }]));
}

export const bulkRequests = (fake: RunningFakeOkta, kind: 'upsert' | 'delete') => fake.requests.all({ method: 'POST', path: new RegExp(`/bulk-${kind}$`), status: 202 });
export const statusOf = (record: IdentitySourceRecord) => record.profile.status;
