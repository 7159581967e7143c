import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { LIST_SEPARATOR } from '../../connector/engine/profiles/profile-map.ts';
import { REPO_ROOT } from '../../scripts/codegen/paths.ts';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';

type Json = Record<string, unknown>;
const run = promisify(execFile);

describe('npm run profiles', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ quiet: true, tenants: { acme: { employees: 60 } } });
  });
  after(() => sim.close());

  const profiles = (args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'scripts/profiles.ts', '--tenant', 'acme', '--account-type', 'sandbox', '--token-env', 'PROFILE_TOKEN', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, SMARTHR_BASE_URL: `${sim.url}/{tenant}`, PROFILE_TOKEN: 'demo-token' },
      maxBuffer: 20 * 1024 * 1024,
    });

  /** The CSV cells back to profile values: empty -> null, words -> booleans, joined lists -> lists. */
  function fromCsv(row: Record<string, string>): Json {
    return Object.fromEntries(Object.entries(row).map(([k, v]) => {
      if (k === 'groups') return [k, v === '' ? [] : v.split(LIST_SEPARATOR)];
      if (k === 'onLeave') return [k, v === 'true'];
      return [k, v === '' ? null : v];
    }));
  }

  it('prints NDJSON profiles, with progress and Next Changed Since on stderr', async () => {
    const { stdout, stderr } = await profiles(['--format', 'ndjson']);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Json);
    expect(lines).to.have.length(60);
    expect(lines.map((p) => p.smarthrId).sort()).to.deep.equal((sim.tenant('acme').crews() as Json[]).map((c) => c.id).sort());
    expect(stderr).to.match(/done, 60 profiles; Next Changed Since \d{4}-\d{2}-\d{2}T/);
    expect(stderr).to.not.include('demo-token');
  });

  it('prints CSV with the Okta attribute names as headers, which parses back to the same profiles', async () => {
    const [{ stdout: json }, { stdout: csv }] = await Promise.all([profiles(['--format', 'ndjson']), profiles(['--format', 'csv'])]);
    const expected = json.trim().split('\n').map((l) => JSON.parse(l) as Json);
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).to.include.members(['employeeNumber', 'firstName', 'lastName', 'email', 'status', 'groups', 'smarthrId']);
    expect(rows.map(fromCsv)).to.deep.equal(expected);
  });

  it('applies filters given as flags', async () => {
    const { stdout } = await profiles(['--status', 'Retired', '--status', 'On Leave', '--status-mode', 'exclude']);
    const ids = stdout.trim().split('\n').map((l) => (JSON.parse(l) as Json).smarthrId).sort();
    expect(ids).to.deep.equal((sim.tenant('acme').crews() as Json[]).filter((c) => c.emp_status === 'employed').map((c) => c.id).sort());
  });

  it('exits 2 with usage when the token variable is missing, and 1 naming the field SmartHR refused', async () => {
    const usage = await run(process.execPath, ['--import', 'tsx', 'scripts/profiles.ts', '--tenant', 'acme'], { cwd: REPO_ROOT }).catch((e: { code: number; stderr: string }) => e);
    expect(usage).to.include({ code: 2 });
    expect((usage as { stderr: string }).stderr).to.include('usage: npm run profiles');
    const refused = await profiles(['--department', 'no such department']).catch((e: { code: number; stderr: string }) => e);
    expect(refused).to.include({ code: 1 });
    expect((refused as { stderr: string }).stderr).to.include('Departments');
  });
});
