import { expect } from 'chai';
import type { IdentitySourceRecord } from '../../connector/engine/profiles/identity-source-record.ts';
import { parseSyncArgs, UsageError } from '../../okta-sync/args.ts';
import { bulkOperations, chunk, OKTA_LIMITS, sessionsOf } from '../../okta-sync/batches.ts';
import { parseDuration } from '../../okta-sync/duration.ts';
import { oktaOrigin } from '../../okta-sync/okta-org.ts';
import { liveIdsAfter, planSync, uploadProblem } from '../../okta-sync/plan.ts';

function record(externalId: string, status: string, overrides: Record<string, string | null> = {}): IdentitySourceRecord {
  const email = `${externalId}@example.com`;
  return { externalId, profile: { userName: email, email, firstName: '花子', lastName: '山田', status, ...overrides } };
}

describe('sync:okta planning (pure)', () => {
  describe('planSync', () => {
    it('upserts ACTIVE and PENDING, deletes INACTIVE, skips what Okta would refuse, with the reason', () => {
      const plan = planSync([record('a', 'ACTIVE'), record('p', 'PENDING'), record('i', 'INACTIVE', { email: null }), record('x', 'ACTIVE', { email: null })], { full: false });
      expect(plan.upserts.map((r) => r.externalId)).to.deep.equal(['a', 'p']);
      expect(plan.deletes).to.deep.equal([{ externalId: 'i', reason: 'INACTIVE' }]);
      expect(plan.skipped).to.deep.equal([{ externalId: 'x', reason: 'no email (Okta needs email and userName)' }]);
    });

    it('keeps the later of two records with one externalId (pages shifting under a read)', () => {
      const plan = planSync([record('a', 'ACTIVE'), record('a', 'INACTIVE')], { full: false });
      expect(plan.upserts).to.deep.equal([]);
      expect(plan.deletes.map((d) => d.externalId)).to.deep.equal(['a']);
    });

    it('on a full run deletes the live users SmartHR no longer returns; an incremental run cannot tell', () => {
      const liveIds = new Set(['a', 'gone']);
      expect(planSync([record('a', 'ACTIVE')], { full: true, liveIds }).deletes).to.deep.equal([{ externalId: 'gone', reason: 'gone from SmartHR' }]);
      expect(planSync([record('a', 'ACTIVE')], { full: false, liveIds }).deletes).to.deep.equal([]);
    });
  });

  describe('uploadProblem', () => {
    it("holds profiles to Okta's lengths and required email and userName", () => {
      expect(uploadProblem(record('a', 'ACTIVE'))).to.equal(undefined);
      expect(uploadProblem(record('a', 'ACTIVE', { email: 'not-an-address' }))).to.match(/email/);
      expect(uploadProblem(record('a', 'ACTIVE', { userName: null }))).to.match(/userName/);
      expect(uploadProblem(record('a', 'ACTIVE', { firstName: 'x'.repeat(51) }))).to.match(/50/);
      expect(uploadProblem({ ...record('a', 'ACTIVE'), externalId: 'x'.repeat(513) })).to.match(/512/);
    });
  });

  describe('liveIdsAfter', () => {
    it('adds upserts and drops deletes on an incremental run', () => {
      const plan = planSync([record('new', 'ACTIVE'), record('left', 'INACTIVE')], { full: false });
      expect(liveIdsAfter(plan, ['left', 'old'], false)).to.deep.equal(['new', 'old']);
    });

    it('is exactly the upserts of a full run, plus live ones that could only be skipped', () => {
      const plan = planSync([record('a', 'ACTIVE'), record('bad', 'ACTIVE', { email: null })], { full: true, liveIds: new Set(['bad', 'gone']) });
      expect(liveIdsAfter(plan, ['bad', 'gone'], true)).to.deep.equal(['a', 'bad']);
    });
  });

  describe('batches', () => {
    it('cuts at the item count and at the byte budget', () => {
      expect(chunk([1, 2, 3, 4, 5], 2, 1000).map((c) => c.length)).to.deep.equal([2, 2, 1]);
      const big = 'x'.repeat(90);
      expect(chunk([big, big, big], 10, 200).map((c) => c.length)).to.deep.equal([2, 1]);
    });

    it('keeps every request within 200 profiles and 200 KB, upserts before deletes, and 50 requests a session', () => {
      const upserts = Array.from({ length: 450 }, (_, i) => record(`u${i}`, 'ACTIVE', { department: 'x'.repeat(1500) }));
      const operations = bulkOperations({ upserts, deletes: [{ externalId: 'd', reason: 'INACTIVE' }], skipped: [] });
      for (const op of operations) {
        if (op.kind === 'upsert') {
          expect(op.profiles.length).to.be.at.most(200);
          expect(Buffer.byteLength(JSON.stringify({ entityType: 'USERS', profiles: op.profiles }))).to.be.below(200_000);
        }
      }
      expect(operations.filter((op) => op.kind === 'upsert').flatMap((op) => (op.kind === 'upsert' ? op.profiles : [])).length).to.equal(450);
      expect(operations.at(-1)).to.deep.equal({ kind: 'delete', externalIds: ['d'] });
      expect(bulkOperations({ upserts: upserts.slice(0, 30), deletes: [], skipped: [] }, 7).map((op) => (op.kind === 'upsert' ? op.profiles.length : 0))).to.deep.equal([7, 7, 7, 7, 2]);
      const many = Array.from({ length: 120 }, () => operations[0]!);
      expect(sessionsOf(many).map((s) => s.length)).to.deep.equal([OKTA_LIMITS.requestsPerSession, OKTA_LIMITS.requestsPerSession, 20]);
    });
  });

  describe('flags', () => {
    const base = ['--tenant', 'acme', '--account-type', 'production', '--token-env', 'S', '--okta-org', 'https://acme.okta.com', '--okta-token-env', 'O', '--identity-source', '0oa1b2c3'];
    const env = { S: 'smarthr-secret', O: 'okta-secret' };

    it('reads the command: tokens from the environment, filters as card inputs, defaults', () => {
      const command = parseSyncArgs([...base, '--status', 'Retired', '--status-mode', 'exclude', '--every', '1h', '--full-every', '1d'], env);
      expect(command.connection).to.deep.equal({ tenant: 'acme', accountType: 'production', token: 'smarthr-secret' });
      expect(command.okta).to.deep.equal({ origin: 'https://acme.okta.com', token: 'okta-secret', authScheme: 'SSWS', identitySource: '0oa1b2c3' });
      expect(command.filters).to.deep.equal({ 'Status Filter': { 'Employment Statuses': ['Retired'], Mode: 'Exclude' } });
      expect(command).to.include({ full: false, dryRun: false, batchSize: 200, stateFile: 'okta-sync-state.json', every: 3_600_000, fullEvery: 86_400_000 });
    });

    it('refuses what would misdirect or break a run, naming the flag', () => {
      const refusal = (argv: string[], environment: Record<string, string> = env) => {
        try {
          parseSyncArgs(argv, environment);
        } catch (error) {
          expect(error).to.be.instanceOf(UsageError);
          return (error as Error).message;
        }
        throw new Error('expected a usage error');
      };
      expect(refusal(base.slice(0, 6))).to.match(/--okta-org, --okta-token-env and --identity-source are required/);
      expect(refusal([...base, '--identity-source', '../users'])).to.match(/--identity-source must be the Custom Identity Source app id/);
      expect(refusal(base, { S: 'x' })).to.match(/O \(--okta-token-env\) is empty/);
      expect(refusal([...base, '--batch-size', '201'])).to.match(/--batch-size must be 1 to 200/);
      expect(refusal([...base, '--full-every', '1d'])).to.match(/--full-every needs --every/);
      expect(refusal([...base, '--every', '500ms'])).to.match(/at least 1s/);
      expect(refusal([...base, '--okta-auth', 'basic'])).to.match(/--okta-auth must be ssws/);
      expect(refusal([...base, '--format', 'csv'])).to.match(/Unknown option '--format'/);
    });

    it('reads durations', () => {
      expect(parseDuration('1h')).to.equal(3_600_000);
      expect(parseDuration('1h30m')).to.equal(5_400_000);
      expect(parseDuration('90s')).to.equal(90_000);
      expect(parseDuration('1d')).to.equal(86_400_000);
      expect(parseDuration('hourly')).to.equal(undefined);
      expect(parseDuration('1.5h')).to.equal(undefined);
    });

    it('takes an https org URL, or http only to loopback, as a bare origin', () => {
      expect(oktaOrigin('https://acme.okta.com/')).to.equal('https://acme.okta.com');
      expect(oktaOrigin('http://127.0.0.1:4020')).to.equal('http://127.0.0.1:4020');
      expect(oktaOrigin('http://[::1]:4020')).to.equal('http://[::1]:4020');
      expect(oktaOrigin('http://localhost:4020')).to.equal('http://localhost:4020');
      expect(() => oktaOrigin('http://acme.okta.com')).to.throw(/https/);
      expect(() => oktaOrigin('http://127.0.0.1.evil.example')).to.throw(/https/);
      expect(() => oktaOrigin('https://user:pw@acme.okta.com')).to.throw(/user name or password/);
      expect(() => oktaOrigin('https://acme.okta.com/api/v1')).to.throw(/without a path/);
      expect(() => oktaOrigin('ftp://acme.okta.com')).to.throw(/https/);
      expect(() => oktaOrigin('acme.okta.com')).to.throw(/not a URL/);
    });
  });
});
