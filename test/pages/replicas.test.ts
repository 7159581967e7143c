import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { expect } from 'chai';
import { REPO_ROOT } from '../../connector/repo-root.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import { postPage, type CardCall } from './support.ts';

type Json = Record<string, any>;

interface ServiceProcess {
  url: string;
  child: ChildProcess;
}

/** `connector/main.ts` as its own process on a free port, as an operator runs a replica. */
async function startService(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'connector/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', INBOUND_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the service exited (${code}) before listening`)));
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Json;
      if (entry.msg === 'SmartHR connector listening') resolve(entry.port as number);
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stop(service: ServiceProcess | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null) return;
  const exited = once(service.child, 'exit');
  service.child.kill('SIGTERM');
  await exited;
}

/** A cursor is stateless: another process with the same CURSOR_SECRET continues from it. */
describe('pages: cursors across service processes', function () {
  this.timeout(60_000);
  const SECRET = 'replicas-test-secret-0123456789abcdef';
  let sim: RunningSimulator;
  let replicas: ServiceProcess[] = [];
  before(async () => {
    sim = await startSimulator({ quiet: true, tenants: { demo: { employees: 250 } } });
    const upstream = { SMARTHR_BASE_URL: `${sim.url}/{tenant}` };
    replicas = await Promise.all([startService({ ...upstream, CURSOR_SECRET: SECRET }), startService({ ...upstream, CURSOR_SECRET: SECRET })]);
  });
  after(async () => {
    await Promise.all(replicas.map(stop));
    await sim.close();
  });

  const call: CardCall = {
    headers: { 'x-smarthr-account-type': 'sandbox', 'x-smarthr-tenant-id': 'demo', authorization: 'Bearer demo-token' },
    options: { 'Result Set': 'Stream Matching Records' },
  };

  it('a walk that alternates between two processes sharing CURSOR_SECRET returns every record once, in order', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const replica = replicas[calls % 2]!;
      const res = await postPage(replica.url, 'searchEmployees', call, cursor, 60).expect(200);
      ids.push(...(res.body.Records as Json[]).map((r) => String(r['Employee ID'])));
      cursor = res.body['Next Cursor'] as string | null;
      calls += 1;
    } while (cursor !== null);
    expect(calls).to.equal(5);
    expect(ids).to.deep.equal(sim.tenant('demo').crews().map((c) => String(c.id)));
  });
});
