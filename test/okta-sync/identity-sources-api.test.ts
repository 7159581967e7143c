import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDENTITY_SOURCE, startFakeOkta, type RunningFakeOkta } from '../../fake-okta/index.ts';
import { IdentitySourcesApi, OktaApiError } from '../../okta-sync/identity-sources-api.ts';
import { importInSession } from '../../okta-sync/import-session.ts';
import { checkScope, readState, StateFileError, writeState, type SyncState } from '../../okta-sync/state.ts';
import { startStub } from '../smarthr/support/stub-upstream.ts';

const TOKEN = 'okta-token-under-test-91c2';
/** The error a call ends with; a call that succeeds fails the test. */
const failureOf = (call: Promise<unknown>): Promise<Error> => call.then(() => new Error('expected the call to fail'), (e: unknown) => e as Error);

describe('sync:okta Okta client and state file', () => {
  describe('IdentitySourcesApi against the fake Okta', () => {
    let fake: RunningFakeOkta;
    let notices: string[];
    const api = (overrides: Partial<ConstructorParameters<typeof IdentitySourcesApi>[0]> = {}) =>
      new IdentitySourcesApi({ origin: fake.url, token: TOKEN, authScheme: 'SSWS', identitySource: DEFAULT_IDENTITY_SOURCE, notice: (l) => notices.push(l), ...overrides });
    beforeEach(async () => {
      fake = await startFakeOkta({ tokens: [TOKEN], importDelayMs: 5 });
      notices = [];
    });
    afterEach(() => fake.close());

    it('waits for the next window when X-Rate-Limit-Remaining reaches 0, so Okta never answers 429', async () => {
      fake.setRateLimit({ limit: 2, windowMs: 1000 });
      const client = api();
      for (let i = 0; i < 5; i += 1) await client.listSessions();
      expect(fake.requests.all().map((r) => r.status)).to.deep.equal([200, 200, 200, 200, 200]);
      expect(notices.some((n) => /rate limit reached; waiting \d+ s/.test(n))).to.equal(true);
    });

    it("turns Okta's error body into a message with code, summary and causes, never the token", async () => {
      const source = fake.identitySource(DEFAULT_IDENTITY_SOURCE);
      source.createSession();
      const error = await failureOf(api().createSession());
      expect(error).to.be.instanceOf(OktaApiError);
      expect((error as OktaApiError).message).to.equal('Okta refused creating an import session: 400 E0000001 Api validation failed: identitySourceSession (Only one active import session per identity source is allowed to be created every 5 minutes).');
      const denied = await failureOf(api({ token: 'wrong' }).listSessions());
      expect((denied as Error).message).to.match(/401 E0000011 Invalid token provided\. Check the token in the variable --okta-token-env names\./);
      expect(JSON.stringify([error, denied, notices])).to.not.include(TOKEN);
    });

    it('refuses to follow a redirect, which would carry the token elsewhere', async () => {
      const redirector = await startStub((_req, res) => res.writeHead(302, { location: 'https://elsewhere.example/' }).end());
      try {
        const error = await failureOf(api({ origin: redirector.origin }).listSessions());
        expect(error.message).to.equal('Okta answered a redirect (302) to listing import sessions; give --okta-org as the org URL itself.');
      } finally {
        await redirector.close();
      }
    });

    it('cancels a session that gave Okta nothing to import instead of starting it', async () => {
      const outcome = await importInSession(api(), [{ kind: 'delete', externalIds: ['nobody'] }], { notice: (l) => notices.push(l), sent: () => undefined });
      expect(outcome.status).to.equal('CLOSED');
      expect(fake.sessions(DEFAULT_IDENTITY_SOURCE).map((s) => s.status)).to.deep.equal(['CLOSED']);
      expect(fake.requests.all({ path: /start-import$/ })).to.deep.equal([]);
    });

    it('reports an import Okta ended in ERROR, leaving no session open', async () => {
      fake.identitySource(DEFAULT_IDENTITY_SOURCE).failNextImport = true;
      const profiles = [{ externalId: 'e1', profile: { userName: 'e1@example.com', email: 'e1@example.com' } }];
      const error = await failureOf(importInSession(api(), [{ kind: 'upsert', profiles }], { notice: () => undefined, sent: () => undefined }));
      expect(error.message).to.match(/^Okta ended import session \S+ with status ERROR; nothing was committed/);
      expect(fake.identitySource(DEFAULT_IDENTITY_SOURCE).active()).to.deep.equal([]);
    });

    it('cancels its session when an upload is refused, so it never blocks the next run', async () => {
      const bad = [{ externalId: 'e1', profile: { userName: 'e1@example.com', email: 'no' } }];
      const error = await failureOf(importInSession(api(), [{ kind: 'upsert', profiles: bad }], { notice: () => undefined, sent: () => undefined }));
      expect(error.message).to.match(/^Okta refused uploading 1 profiles: 400 E0000001 .*email/);
      expect(fake.sessions(DEFAULT_IDENTITY_SOURCE).map((s) => s.status)).to.deep.equal(['CLOSED']);
    });
  });

  describe('state file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'okta-state-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));
    const scope = { oktaOrg: 'https://acme.okta.com', identitySource: '0oa1', tenant: 'acme', accountType: 'production', filters: { 'Status Filter': { Mode: 'Include', 'Employment Statuses': ['Employed'] } } };
    const state: SyncState = { version: 1, scope, nextChangedSince: '2026-11-23T08:55:00.000Z', lastFullRunAt: '2026-11-23T09:00:00.000Z', liveExternalIds: ['a', 'b'] };

    it('writes atomically (no temporary file left) and reads back what it wrote; a missing file is no state', async () => {
      const file = path.join(dir, 'nested', 'state.json');
      expect(await readState(file)).to.equal(undefined);
      await writeState(file, state);
      expect(await readState(file)).to.deep.equal(state);
      expect(await readdir(path.dirname(file))).to.deep.equal(['state.json']);
      expect(JSON.parse(await readFile(file, 'utf8'))).to.deep.equal(state);
    });

    it('refuses a file that is not a sync state, and a state of another sync, naming what differs', async () => {
      const file = path.join(dir, 'state.json');
      await writeFile(file, '{"hello": 1}');
      const error = await failureOf(readState(file));
      expect(error).to.be.instanceOf(StateFileError);
      expect(() => checkScope(state, { ...scope, filters: { 'Status Filter': { 'Employment Statuses': ['Employed'], Mode: 'Include' } } }, file)).to.not.throw();
      expect(() => checkScope(state, { ...scope, tenant: 'other', filters: {} }, file)).to.throw(StateFileError, /its tenant, filters differ/);
    });
  });
});
