import { expect } from 'chai';
import { DEFAULT_FAKE_TOKEN, DEFAULT_IDENTITY_SOURCE, ONE_ACTIVE_SESSION, startFakeOkta, type RunningFakeOkta } from '../../fake-okta/index.ts';

type Json = Record<string, any>;
const SOURCE = DEFAULT_IDENTITY_SOURCE;

describe('fake Okta Identity Sources API', () => {
  let fake: RunningFakeOkta;
  beforeEach(async () => {
    fake = await startFakeOkta({ importDelayMs: 10, limits: { requestsPerSession: 3 } });
  });
  afterEach(() => fake.close());

  async function call(method: string, path: string, body?: unknown, token = DEFAULT_FAKE_TOKEN): Promise<{ status: number; body: Json; headers: Headers }> {
    const res = await fetch(`${fake.url}/api/v1/identity-sources/${SOURCE}${path}`, {
      method,
      headers: { authorization: `SSWS ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
  }
  const user = (externalId: string, email = `${externalId}@example.com`) => ({ externalId, profile: { userName: email, email, firstName: 'A', lastName: 'B', department: '開発部' } });
  const upsert = (id: string, profiles: unknown[]) => call('POST', `/sessions/${id}/bulk-upsert`, { entityType: 'USERS', profiles });
  const remove = (id: string, externalIds: string[]) => call('POST', `/sessions/${id}/bulk-delete`, { entityType: 'USERS', profiles: externalIds.map((externalId) => ({ externalId })) });
  async function completed(id: string): Promise<Json> {
    for (let i = 0; i < 100; i += 1) {
      const s = await call('GET', `/sessions/${id}`);
      if (s.body.status !== 'TRIGGERED') return s.body;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('session never finished');
  }

  it('walks a session CREATED -> IN_PROGRESS -> TRIGGERED -> COMPLETED and imports the users by externalId', async () => {
    const created = await call('POST', '/sessions');
    expect(created.status).to.equal(200);
    expect(created.body).to.include({ identitySourceId: SOURCE, status: 'CREATED', importType: 'INCREMENTAL' });
    expect((await upsert(created.body.id, [user('e1'), user('e2')])).status).to.equal(202);
    expect((await call('GET', `/sessions/${created.body.id}`)).body.status).to.equal('IN_PROGRESS');
    const started = await call('POST', `/sessions/${created.body.id}/start-import`);
    expect(started.body.status).to.equal('TRIGGERED');
    expect((await completed(created.body.id)).status).to.equal('COMPLETED');
    expect([...fake.users(SOURCE).keys()].sort()).to.deep.equal(['e1', 'e2']);
    expect((await call('GET', '/users/e1')).body.profile).to.include({ email: 'e1@example.com', department: '開発部' });
  });

  it('deactivates bulk-deleted users it knows and silently ignores unknown externalIds', async () => {
    const first = (await call('POST', '/sessions')).body.id as string;
    await upsert(first, [user('e1')]);
    await call('POST', `/sessions/${first}/start-import`);
    await completed(first);
    const second = (await call('POST', '/sessions')).body.id as string;
    expect((await remove(second, ['e1', 'nobody'])).status).to.equal(202);
    await call('POST', `/sessions/${second}/start-import`);
    await completed(second);
    expect(fake.users(SOURCE).get('e1')?.status).to.equal('DEACTIVATED');
    expect(fake.users(SOURCE).has('nobody')).to.equal(false);
  });

  it('keeps a session that received no work CREATED and refuses to start it', async () => {
    const id = (await call('POST', '/sessions')).body.id as string;
    await remove(id, ['nobody']);
    const start = await call('POST', `/sessions/${id}/start-import`);
    expect(start.status).to.equal(400);
    expect(start.body.errorCauses[0].errorSummary).to.match(/should be in IN_PROGRESS status/);
  });

  it('allows one active session per identity source, answering 400 in Okta error shape, and lists the active one', async () => {
    const first = await call('POST', '/sessions');
    const second = await call('POST', '/sessions');
    expect(second.status).to.equal(400);
    expect(second.body).to.include({ errorCode: 'E0000001', errorLink: 'E0000001' });
    expect(second.body.errorId).to.be.a('string');
    expect(second.body.errorCauses).to.deep.equal([{ errorSummary: ONE_ACTIVE_SESSION }]);
    expect((await call('GET', '/sessions')).body.map((s: Json) => s.id)).to.deep.equal([first.body.id]);
    expect((await call('DELETE', `/sessions/${first.body.id}`)).status).to.equal(204);
    expect(fake.sessions(SOURCE)[0]?.status).to.equal('CLOSED');
    expect((await call('GET', '/sessions')).body).to.deep.equal([]);
    expect((await call('POST', '/sessions')).status).to.equal(200);
  });

  it('refuses a triggered session being cancelled or loaded', async () => {
    const id = (await call('POST', '/sessions')).body.id as string;
    await upsert(id, [user('e1')]);
    fake.identitySource(SOURCE).failNextImport = true;
    await call('POST', `/sessions/${id}/start-import`);
    expect((await call('DELETE', `/sessions/${id}`)).status).to.equal(400);
    expect((await upsert(id, [user('e2')])).status).to.equal(400);
    expect((await completed(id)).status).to.equal('ERROR');
    expect(fake.users(SOURCE).size).to.equal(0);
  });

  it('enforces 1..200 profiles per request, the requests per session, and string-only attributes', async () => {
    const id = (await call('POST', '/sessions')).body.id as string;
    const many = Array.from({ length: 201 }, (_, i) => user(`e${i}`));
    const tooMany = await upsert(id, many);
    expect(tooMany.status).to.equal(400);
    expect(tooMany.body.errorCauses[0].errorSummary).to.match(/200/);
    expect((await upsert(id, [])).status).to.equal(400);
    const number = await upsert(id, [{ externalId: 'x', profile: { userName: 'x@example.com', email: 'x@example.com', age: 3 } }]);
    expect(number.status).to.equal(400);
    expect(number.body.errorCauses[0].errorSummary).to.match(/\/profiles\/0\/profile\/age must be string,null/);
    for (let i = 0; i < 3; i += 1) expect((await upsert(id, [user(`ok${i}`)])).status).to.equal(202);
    const fourth = await upsert(id, [user('over')]);
    expect(fourth.status).to.equal(400);
    expect(fourth.body.errorCauses[0].errorSummary).to.match(/at most 3 bulk requests/);
  });

  it('answers 401 E0000011 to a wrong token and 404 E0000007 to an unknown session', async () => {
    const denied = await call('GET', '/sessions', undefined, 'wrong');
    expect(denied.status).to.equal(401);
    expect(denied.body.errorCode).to.equal('E0000011');
    const missing = await call('GET', '/sessions/aps-missing');
    expect(missing.status).to.equal(404);
    expect(missing.body.errorCode).to.equal('E0000007');
  });

  it("sends Okta's rate-limit headers on every answer and 429 E0000047 past the limit", async () => {
    fake.setRateLimit({ limit: 2, windowMs: 60_000 });
    const one = await call('GET', '/sessions');
    expect(one.headers.get('x-rate-limit-limit')).to.equal('2');
    expect(one.headers.get('x-rate-limit-remaining')).to.equal('1');
    const reset = Number(one.headers.get('x-rate-limit-reset'));
    expect(reset * 1000).to.be.greaterThan(Date.now()).and.at.most(Date.now() + 61_000);
    await call('GET', '/sessions');
    const third = await call('GET', '/sessions');
    expect(third.status).to.equal(429);
    expect(third.body.errorCode).to.equal('E0000047');
  });

  it('answers injected faults in Okta shape, then recovers', async () => {
    fake.faults.add({ method: 'POST', path: /\/sessions$/, status: 503 });
    fake.faults.add({ method: 'POST', path: /\/sessions$/, status: 429, resetInSeconds: 2 });
    const failed = await call('POST', '/sessions');
    expect(failed.status).to.equal(503);
    expect(failed.body.errorCode).to.equal('E0000009');
    const limited = await call('POST', '/sessions');
    expect(limited.status).to.equal(429);
    expect(limited.headers.get('x-rate-limit-remaining')).to.equal('0');
    expect((await call('POST', '/sessions')).status).to.equal(200);
    expect(fake.requests.all({ method: 'POST' }).map((r) => r.status)).to.deep.equal([503, 429, 200]);
  });

  it('shows imported users, deactivated ones marked, on /fake-okta/.../users', async () => {
    const id = (await call('POST', '/sessions')).body.id as string;
    await upsert(id, [user('e1')]);
    await call('POST', `/sessions/${id}/start-import`);
    await completed(id);
    const res = await fetch(`${fake.url}/fake-okta/identity-sources/${SOURCE}/users`);
    const body = (await res.json()) as Json;
    expect(body.users).to.have.length(1);
    expect(body.users[0]).to.include({ externalId: 'e1', status: 'ACTIVE' });
  });
});
