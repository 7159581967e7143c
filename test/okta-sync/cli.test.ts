import { expect } from 'chai';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startFakeOkta } from '../../fake-okta/index.ts';
import { ALL_OUTPUTS, bulkRequests, OKTA_CANARY, oktaState, SMARTHR_CANARY, SOURCE, startSyncWorld, statusOf, type SyncWorld } from './support.ts';

type Json = Record<string, any>;
const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * `npm run sync:okta` as a child process, against the simulator's demo tenant and the fake Okta
 * on loopback. The first block is one story told in order: a full sync, a run right after, a
 * change, a full run after a departure; the state file carries from one run to the next.
 */
describe('npm run sync:okta', function () {
  this.timeout(90_000);

  describe('full, repeated, incremental and full-again runs', () => {
    let w: SyncWorld;
    before(async () => {
      w = await startSyncWorld();
      // Users an earlier import left in Okta: everyone who is INACTIVE now, to be deactivated.
      const source = w.fake.identitySource(SOURCE);
      for (const r of w.expectedRecords().filter((r) => statusOf(r) === 'INACTIVE')) {
        source.users.set(r.externalId, { id: `00u${r.externalId.slice(0, 8)}`, externalId: r.externalId, profile: r.profile, status: 'ACTIVE', created: '2026-01-01T00:00:00.000Z', lastUpdated: '2026-01-01T00:00:00.000Z' });
      }
    });
    after(() => w.close());

    it('imports every ACTIVE and PENDING employee once in batches within the limit, deactivates every INACTIVE one, starts one import', async () => {
      const res = await w.run();
      expect(res.code, res.stderr).to.equal(0);
      const expected = w.expectedRecords();
      const live = expected.filter((r) => statusOf(r) !== 'INACTIVE');
      const inactive = expected.filter((r) => statusOf(r) === 'INACTIVE');
      expect(live.some((r) => statusOf(r) === 'PENDING')).to.equal(true);

      const upserts = bulkRequests(w.fake, 'upsert');
      expect(upserts.every((r) => (r.profiles ?? 0) <= 200)).to.equal(true);
      expect(upserts.reduce((n, r) => n + (r.profiles ?? 0), 0)).to.equal(live.length);
      expect(bulkRequests(w.fake, 'delete').reduce((n, r) => n + (r.profiles ?? 0), 0)).to.equal(inactive.length);
      expect(w.fake.requests.all({ method: 'POST', path: /\/sessions$/ })).to.have.length(1);
      expect(w.fake.requests.all({ method: 'POST', path: /\/start-import$/ })).to.have.length(1);

      const okta = oktaState(w.fake);
      expect(Object.keys(okta).sort()).to.deep.equal(expected.map((r) => r.externalId).sort());
      for (const r of live) expect(okta[r.externalId]).to.deep.equal({ status: 'ACTIVE', profile: r.profile });
      for (const r of inactive) expect(okta[r.externalId]?.status).to.equal('DEACTIVATED');
      expect(w.fake.sessions(SOURCE).map((s) => s.status)).to.deep.equal(['COMPLETED']);

      expect(res.stdout).to.match(new RegExp(`^full run: ${live.length} upserted, ${inactive.length} deleted, 0 skipped; session \\S+ COMPLETED; Next Changed Since \\S+ saved to `));
      expect(res.stderr).to.match(/sync:okta: sending to Okta \(profiles\) \d+\/\d+/);
    });

    it('sends nothing on a second run right after', async () => {
      w.fake.requests.clear();
      const res = await w.run();
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(/^incremental run: 0 upserted, 0 deleted, 0 skipped; nothing to send, no session opened/);
      expect(w.fake.requests.all()).to.deep.equal([]);
    });

    it('sends exactly the one employee changed in SmartHR since', async () => {
      const target = w.expectedRecords().find((r) => statusOf(r) === 'ACTIVE')!;
      w.sim.tenant('demo').updateCrew(target.externalId, { last_name: '改姓' });
      w.fake.requests.clear();
      const res = await w.run();
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(/^incremental run: 1 upserted, 0 deleted, 0 skipped; session \S+ COMPLETED/);
      expect(bulkRequests(w.fake, 'upsert').map((r) => r.profiles)).to.deep.equal([1]);
      expect(oktaState(w.fake)[target.externalId]?.profile).to.include({ lastName: '改姓' });
    });

    it('on --full deactivates the employees gone from SmartHR since the last full run', async () => {
      const leaver = w.expectedRecords().find((r) => statusOf(r) === 'ACTIVE')!;
      w.sim.tenant('demo').deleteCrew(leaver.externalId);
      w.fake.requests.clear();
      const res = await w.run(['--full']);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stdout).to.match(/^full run: \d+ upserted, \d+ deleted \(1 gone from SmartHR\)/);
      expect(oktaState(w.fake)[leaver.externalId]?.status).to.equal('DEACTIVATED');
      const state = JSON.parse(await readFile(w.stateFile, 'utf8')) as Json;
      expect(state.liveExternalIds).to.not.include(leaver.externalId);
    });

    it('keeps both tokens out of the state file', async () => {
      const text = await readFile(w.stateFile, 'utf8');
      expect(text).to.include(SOURCE);
      expect(text).to.not.include(SMARTHR_CANARY);
      expect(text).to.not.include(OKTA_CANARY);
    });
  });

  describe('an interrupted run', () => {
    let w: SyncWorld;
    before(async () => {
      w = await startSyncWorld({ employees: 120 });
    });
    after(() => w.close());

    it('killed mid-upload, then run again, ends with the same Okta state as an uninterrupted run and no session open', async () => {
      // Two profiles a request: over Okta's 50 requests a session, so each run needs two sessions.
      const small = ['--batch-size', '2'];
      const { child, done } = w.start(small);
      let accepted = 0;
      const unsubscribe = w.fake.requests.onRequest((entry) => {
        if (/\/bulk-upsert$/.test(entry.path) && entry.status === 202 && ++accepted === 3) child.kill('SIGKILL');
      });
      const killed = await done;
      unsubscribe();
      expect(killed.signal).to.equal('SIGKILL');
      expect(await exists(w.stateFile)).to.equal(false);
      expect(w.fake.sessions(SOURCE).map((s) => s.status)).to.deep.equal(['IN_PROGRESS']);

      const again = await w.run(small);
      expect(again.code, again.stderr).to.equal(0);
      expect(again.stderr).to.match(/cancelling import session \S+ \(IN_PROGRESS\), left open by an interrupted run/);

      const reference = await startFakeOkta({ tokens: [OKTA_CANARY], importDelayMs: 20 });
      try {
        const clean = await w.run(small, { fake: reference, stateFile: path.join(w.dir, 'reference.json') });
        expect(clean.code, clean.stderr).to.equal(0);
        expect(reference.sessions(SOURCE)).to.have.length(2);
        expect(oktaState(w.fake)).to.deep.equal(oktaState(reference));
        expect(Object.keys(oktaState(w.fake)).length).to.equal(w.expectedRecords().filter((r) => statusOf(r) !== 'INACTIVE').length);
      } finally {
        await reference.close();
      }
      const [leftover, ...rest] = w.fake.sessions(SOURCE).map((s) => s.status);
      expect(leftover).to.equal('CLOSED');
      expect(rest).to.have.length(2);
      expect(rest.every((status) => status === 'COMPLETED' || status === 'CLOSED')).to.equal(true);
      expect(w.fake.identitySource(SOURCE).active()).to.deep.equal([]);
    });
  });

  describe("Okta's refusals", () => {
    let w: SyncWorld;
    beforeEach(async () => {
      w = await startSyncWorld({ employees: 40 });
    });
    afterEach(() => w.close());
    const live = () => w.expectedRecords().filter((r) => statusOf(r) !== 'INACTIVE').map((r) => r.externalId).sort();
    const imported = () => Object.keys(oktaState(w.fake)).sort();

    it('waits out a 429 until X-Rate-Limit-Reset, then sends the refused batch again', async () => {
      w.fake.faults.add({ method: 'POST', path: /\/bulk-upsert$/, status: 429, times: 2, resetInSeconds: 1 });
      const res = await w.run(['--batch-size', '20']);
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stderr).to.match(/Okta answered 429 \(rate limit\) to uploading 20 profiles; waiting \d+ s, then retrying/);
      expect(w.fake.requests.all({ path: /\/bulk-upsert$/ }).map((r) => r.status).slice(0, 3)).to.deep.equal([429, 429, 202]);
      expect(imported()).to.deep.equal(live());
    });

    it('retries 5xx answers and still imports everything exactly once', async () => {
      w.fake.faults.add({ method: 'POST', path: /\/bulk-upsert$/, status: 500 });
      w.fake.faults.add({ method: 'POST', path: /\/start-import$/, status: 503 });
      const res = await w.run();
      expect(res.code, res.stderr).to.equal(0);
      expect(res.stderr).to.match(/Okta answered 500 to uploading \d+ profiles; retry 1 of 4/);
      expect(res.stderr).to.match(/Okta answered 503 to starting the import of session \S+; retry 1 of 4/);
      expect(w.fake.sessions(SOURCE).map((s) => s.status)).to.deep.equal(['COMPLETED']);
      expect(imported()).to.deep.equal(live());
    });

    it('cancels a session left open before it starts, and clears one opened under it (Okta 400: one active session)', async () => {
      const source = w.fake.identitySource(SOURCE);
      const leftover = source.createSession();
      source.upload(leftover, 'upsert', [{ externalId: 'from-a-crashed-run', profile: { userName: 'x@example.com', email: 'x@example.com' } }]);
      let racer: string | undefined;
      const unsubscribe = w.fake.requests.onRequest((entry) => {
        // Another session opens between the command's cancelling the leftover and its create.
        if (entry.method === 'DELETE' && entry.path.endsWith(leftover.id) && entry.status === 204) racer = source.createSession().id;
      });
      const res = await w.run();
      unsubscribe();
      expect(res.code, res.stderr).to.equal(0);
      expect(w.fake.requests.all({ method: 'POST', path: /\/sessions$/ }).map((r) => r.status)).to.deep.equal([400, 200]);
      expect(res.stderr).to.match(/Okta refused a new session while another is open \(Only one active import session/);
      const statuses = Object.fromEntries(w.fake.sessions(SOURCE).map((s) => [s.id, s.status]));
      expect(statuses[leftover.id]).to.equal('CLOSED');
      expect(statuses[racer!]).to.equal('CLOSED');
      expect(w.fake.sessions(SOURCE).filter((s) => s.status === 'COMPLETED')).to.have.length(1);
      expect(imported()).to.deep.equal(live());
    });

    it('turns an error Okta will not get over into a clear message, exit 1 and no state', async () => {
      w.fake.faults.add({ method: 'POST', path: /\/sessions$/, status: 403 });
      const res = await w.run();
      expect(res.code).to.equal(1);
      expect(res.stderr).to.include('run failed, nothing committed (the next run sends it again): Okta refused creating an import session: 403 E0000006 You do not have permission to perform the requested action.');
      expect(await exists(w.stateFile)).to.equal(false);
    });
  });

  describe('options', () => {
    let w: SyncWorld;
    before(async () => {
      w = await startSyncWorld({ employees: 30 });
    });
    after(() => w.close());

    it('--dry-run prints the plan and sends nothing to Okta', async () => {
      const res = await w.run(['--dry-run']);
      expect(res.code, res.stderr).to.equal(0);
      const expected = w.expectedRecords();
      const lines = res.stdout.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('upsert '))).to.have.length(expected.filter((r) => statusOf(r) !== 'INACTIVE').length);
      expect(lines.at(-1)).to.match(/^dry run: would upsert \d+, deactivate \d+, skip 0, in 1 import session\(s\); nothing was sent to Okta/);
      expect(w.fake.requests.all()).to.deep.equal([]);
      expect(await exists(w.stateFile)).to.equal(false);
    });

    it('--every repeats runs until SIGTERM, the later ones incremental', async () => {
      const { child, done } = w.start(['--every', '1s']);
      let seen = '';
      child.stdout?.on('data', (c: Buffer) => {
        seen += c.toString();
        if (seen.split('\n').filter(Boolean).length === 2) child.kill('SIGTERM');
      });
      const res = await done;
      expect(res.code).to.equal(0);
      const runs = res.stdout.trim().split('\n');
      expect(runs[0]).to.match(/^full run: /);
      expect(runs[1]).to.match(/^incremental run: 0 upserted/);
    });

    it('refuses plain http to a host other than loopback, with usage and exit 2', async () => {
      const res = await w.run(['--okta-org', 'http://acme.okta.com']);
      expect(res.code).to.equal(2);
      expect(res.stderr).to.include('--okta-org must use https');
      expect(res.stderr).to.include('usage: npm run sync:okta');
    });
  });

  describe('secrets', () => {
    it('never shows the SmartHR or the Okta token in any output or log line of any run above (full, incremental, refused, killed, dry)', () => {
      const text = ALL_OUTPUTS.join('\n');
      expect(ALL_OUTPUTS).to.not.be.empty;
      expect(text).to.include('"level":20'); // debug logs were on
      expect(text).to.not.include(SMARTHR_CANARY);
      expect(text).to.not.include(OKTA_CANARY);
    });
  });
});
