import { expect } from 'chai';
import { startSimulator } from '../../simulator/index.ts';
import { BEARER, tenantApi, useSimulator } from './helpers.ts';

describe('simulator: fault injection', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 30 }, other: { employees: 5 } } });
  const url = (path = '/api/v1/crews', tenant = 'demo'): string => `${ctx.sim.url}/${tenant}${path}`;
  const get = (path?: string, tenant?: string): Promise<Response> => fetch(url(path, tenant), { headers: BEARER });

  afterEach(() => ctx.sim.faults.clear());

  it("'status' 500 answers SmartHR's code 5 body", async () => {
    ctx.sim.faults.set({ path: '/api/v1/crews', kind: 'status', status: 500 });
    const res = await get();
    expect(res.status).to.equal(500);
    expect(await res.json()).to.deep.include({ code: 5, type: 'internal_server_error', errors: null });
  });

  it("'status' 502 and 504 answer a proxy's HTML page, not JSON", async () => {
    for (const status of [502, 504]) {
      ctx.sim.faults.set({ kind: 'status', status, times: 1 });
      const res = await get();
      expect(res.status).to.equal(status);
      expect(res.headers.get('content-type')).to.match(/text\/html/);
      expect(await res.text()).to.include(`<title>${status}`);
    }
  });

  it("'maintenance' answers 503 code 9", async () => {
    ctx.sim.faults.set({ kind: 'maintenance' });
    const res = await get('/api/v1/departments');
    expect(res.status).to.equal(503);
    expect(await res.json()).to.deep.include({ code: 9, type: 'service_maintenance' });
  });

  it("'rateLimited' answers 429 code 6 with exhausted rate-limit headers", async () => {
    ctx.sim.faults.set({ kind: 'rateLimited' });
    const res = await get();
    expect(res.status).to.equal(429);
    expect(await res.json()).to.deep.include({ code: 6, type: 'too_many_requests' });
    expect(res.headers.get('x-rate-limit-remaining')).to.equal('0');
    expect(res.headers.get('x-intensive-rate-limit-remaining')).to.equal('0');
    expect(res.headers.get('x-intensive-rate-limit-reset')).to.equal('1');
  });

  it("'reset' destroys the connection before any response", async () => {
    ctx.sim.faults.set({ kind: 'reset' });
    let error: unknown = null;
    try {
      await get();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(TypeError);
  });

  it("'resetMidBody' sends the headers and part of the body, then the connection dies", async () => {
    ctx.sim.faults.set({ kind: 'resetMidBody' });
    const res = await get('/api/v1/crews?per_page=50');
    expect(res.status).to.equal(200);
    expect(res.headers.get('x-total-count')).to.equal('30');
    let error: unknown = null;
    try {
      await res.text();
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(Error);
  });

  it("'malformedJson' and 'truncatedJson' answer 200 bodies that do not parse", async () => {
    for (const kind of ['malformedJson', 'truncatedJson'] as const) {
      ctx.sim.faults.set({ kind, times: 1 });
      const res = await get();
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/application\/json/);
      const text = await res.text();
      expect(text.length).to.be.greaterThan(0);
      expect(() => JSON.parse(text), kind).to.throw(SyntaxError);
    }
    const healthy = await get();
    expect(await healthy.json()).to.be.an('array');
  });

  it("'html' answers an HTML page and 'emptyBody' an empty one", async () => {
    ctx.sim.faults.set({ kind: 'html', times: 1 });
    const html = await get();
    expect(html.headers.get('content-type')).to.match(/text\/html/);
    expect(await html.text()).to.match(/^<!DOCTYPE html>/);
    ctx.sim.faults.set({ kind: 'emptyBody', times: 1 });
    const empty = await get();
    expect(empty.status).to.equal(200);
    expect(await empty.text()).to.equal('');
  });

  it("'slowBody' trickles a complete body over slowBodyMs", async () => {
    ctx.sim.faults.set({ kind: 'slowBody', slowBodyMs: 400 });
    const started = Date.now();
    const res = await get('/api/v1/crews?per_page=20');
    const body = (await res.json()) as unknown[];
    expect(body).to.have.length(20);
    expect(Date.now() - started).to.be.at.least(380);
  });

  it('latencyMs delays an otherwise normal answer', async () => {
    ctx.sim.faults.set({ latencyMs: 250 });
    const started = Date.now();
    const res = await get();
    expect(res.status).to.equal(200);
    expect(Date.now() - started).to.be.at.least(240);
  });

  it("'hang' never answers (the client gives up)", async () => {
    ctx.sim.faults.set({ kind: 'hang' });
    let error: unknown = null;
    try {
      await fetch(url(), { headers: BEARER, signal: AbortSignal.timeout(300) });
    } catch (err) {
      error = err;
    }
    expect((error as Error | null)?.name).to.equal('TimeoutError');
  });

  it('times limits how many requests a rule hits; method, path and tenant narrow it', async () => {
    ctx.sim.faults.set({ method: 'GET', path: /^\/api\/v1\/crews/, tenant: 'demo', kind: 'maintenance', times: 2 });
    expect((await get('/api/v1/departments')).status).to.equal(200);
    expect((await get('/api/v1/crews', 'other')).status).to.equal(200);
    expect((await get('/api/v1/crews/x')).status).to.equal(503);
    expect((await get()).status).to.equal(503);
    expect((await get()).status).to.equal(200);
  });

  it('a string path matches exactly', async () => {
    ctx.sim.faults.set({ path: '/api/v1/crews', kind: 'maintenance' });
    const crew = ctx.sim.tenant('demo').crews()[0];
    expect((await get(`/api/v1/crews/${String(crew?.id)}`)).status).to.equal(200);
    expect((await get('/api/v1/crews')).status).to.equal(503);
  });

  it('is switchable over HTTP: POST/GET/DELETE /_sim/faults', async () => {
    await fetch(`${ctx.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/api/v1/crews', kind: 'status', status: 500, times: 1 }),
    }).then((r) => expect(r.status).to.equal(201));
    const listed = (await (await fetch(`${ctx.sim.url}/_sim/faults`)).json()) as Array<{ path: string; kind: string }>;
    expect(listed[0]).to.include({ path: '/api/v1/crews', kind: 'status' });
    expect((await get()).status).to.equal(500);
    expect((await get()).status).to.equal(200);
    await fetch(`${ctx.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pathPattern: '^/api/v1/', kind: 'maintenance' }) });
    expect((await get('/api/v1/users')).status).to.equal(503);
    expect((await fetch(`${ctx.sim.url}/_sim/faults`, { method: 'DELETE' })).status).to.equal(204);
    expect((await get('/api/v1/users')).status).to.equal(200);
    const bad = await fetch(`${ctx.sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'explode' }) });
    expect(bad.status).to.equal(400);
  });

  it('faults hit before auth: a 503 comes back even for a bad token, and it is logged', async () => {
    ctx.sim.requests.clear();
    ctx.sim.faults.set({ kind: 'maintenance', times: 1 });
    const res = await tenantApi(ctx.sim).get('/api/v1/crews').set('Authorization', 'Bearer wrong');
    expect(res.status).to.equal(503);
    expect(ctx.sim.requests.count({ status: 503, path: '/api/v1/crews' })).to.equal(1);
  });

  it('close() ends hung, trickling and keep-alive connections promptly', async () => {
    const sim = await startSimulator({ quiet: true, tenants: { demo: { employees: 5 } } });
    sim.faults.set({ path: '/api/v1/crews', kind: 'hang' });
    sim.faults.set({ path: '/api/v1/users', kind: 'slowBody', slowBodyMs: 60_000 });
    await fetch(`${sim.url}/demo/api/v1/job_titles`, { headers: BEARER }).then((r) => r.text());
    const hung = fetch(`${sim.url}/demo/api/v1/crews`, { headers: BEARER }).then(
      () => 'answered',
      () => 'failed',
    );
    const slow = fetch(`${sim.url}/demo/api/v1/users`, { headers: BEARER }).then(
      (r) => r.text().then(() => 'answered', () => 'failed'),
      () => 'failed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).to.be.lessThan(1000);
    expect(await hung).to.equal('failed');
    expect(await slow).to.equal('failed');
  });
});
