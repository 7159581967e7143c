import { expect } from 'chai';
import request from 'supertest';
import { startSimulator } from '../../simulator/index.ts';
import { BEARER, tenantApi, useSimulator, type CrewJson } from './helpers.ts';

describe('simulator: tenants, request log and hooks', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 25 }, acme: { employees: 8 } } });

  it('tenants side by side have their own data, and writes stay in their tenant', async () => {
    const demo = await tenantApi(ctx.sim, 'demo').get('/api/v1/crews?per_page=1').set(BEARER).expect(200);
    const acme = await tenantApi(ctx.sim, 'acme').get('/api/v1/crews?per_page=1').set(BEARER).expect(200);
    expect(demo.headers['x-total-count']).to.equal('25');
    expect(acme.headers['x-total-count']).to.equal('8');
    expect((demo.body as CrewJson[])[0]?.id).to.not.equal((acme.body as CrewJson[])[0]?.id);

    const created = await tenantApi(ctx.sim, 'acme').post('/api/v1/crews').set(BEARER).send({ last_name: 'ACME社員' }).expect(201);
    await tenantApi(ctx.sim, 'demo').get(`/api/v1/crews/${String(created.body.id)}`).set(BEARER).expect(404);
    expect(ctx.sim.tenant('demo').crews().length).to.equal(25);
    expect(ctx.sim.tenant('acme').crews().length).to.equal(9);
  });

  it('a token added to one tenant does not open another', async () => {
    ctx.sim.tenant('acme').addToken('acme-only', { crews: { read: true, update: true } });
    await tenantApi(ctx.sim, 'acme').get('/api/v1/crews').set('Authorization', 'Bearer acme-only').expect(200);
    await tenantApi(ctx.sim, 'demo').get('/api/v1/crews').set('Authorization', 'Bearer acme-only').expect(401);
  });

  it('the same seed gives the same tenant; a different name gives different data', async () => {
    const a = await startSimulator({ quiet: true, tenants: { x: { employees: 30, seed: 7 }, y: { employees: 30, seed: 7 }, z: { employees: 30 } } });
    try {
      // File URLs name the tenant and expire; everything else must be identical.
      const normalise = (crews: unknown[]): string =>
        JSON.stringify(crews).replace(/invalid\/[xy]\//g, 'invalid/T/').replace(/expires=\d+/g, 'expires=0');
      expect(normalise(a.tenant('x').crews())).to.equal(normalise(a.tenant('y').crews()));
      expect(a.tenant('x').crews()).to.have.length(30);
      expect(a.tenant('x').departments()).to.deep.equal(a.tenant('y').departments());
      expect(a.tenant('z').crews()[0]?.id).to.not.equal(a.tenant('x').crews()[0]?.id);
    } finally {
      await a.close();
    }
  });

  it('the request log records method, path after the tenant, query, tenant and status', async () => {
    ctx.sim.requests.clear();
    await tenantApi(ctx.sim, 'acme').get('/api/v1/departments?per_page=3&code=D100').set(BEARER).expect(200);
    await tenantApi(ctx.sim).patch('/api/v1/crews/nope').set(BEARER).send({}).expect(404);
    const entries = ctx.sim.requests.entries();
    expect(entries).to.have.length(2);
    expect(entries[0]).to.include({ method: 'GET', path: '/api/v1/departments', tenant: 'acme', status: 200 });
    expect(entries[0]?.query).to.deep.equal({ per_page: '3', code: 'D100' });
    expect(entries[1]).to.include({ method: 'PATCH', path: '/api/v1/crews/nope', tenant: 'demo', status: 404 });
    expect(ctx.sim.requests.count({ method: 'PATCH' })).to.equal(1);
    expect(ctx.sim.requests.count({ path: /^\/api\/v1\/crews/ })).to.equal(1);
    const overHttp = await request(ctx.sim.url).get('/_sim/requests?tenant=acme').expect(200);
    expect(overHttp.body).to.have.length(1);
    ctx.sim.requests.clear();
    expect(ctx.sim.requests.count()).to.equal(0);
  });

  it('onRequest hooks run before the request is handled and can be unregistered', async () => {
    const seen: string[] = [];
    const unregister = ctx.sim.onRequest((info, store) => {
      seen.push(`${info.method} ${info.path}`);
      if (info.query.page === '2' && store.name === 'demo') store.insertCrew({ last_name: 'フック追加' });
    });
    const page1 = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=10&page=1').set(BEARER).expect(200);
    const page2 = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=10&page=2').set(BEARER).expect(200);
    expect(page1.headers['x-total-count']).to.equal('25');
    // The hook inserted a crew before page 2 was computed, so page 2 already counts it.
    expect(page2.headers['x-total-count']).to.equal('26');
    unregister();
    await tenantApi(ctx.sim).get('/api/v1/crews?per_page=10&page=2').set(BEARER).expect(200);
    expect(seen).to.deep.equal(['GET /api/v1/crews', 'GET /api/v1/crews']);
  });

  it('an async hook is awaited', async () => {
    let finished = false;
    const unregister = ctx.sim.onRequest(async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      finished = true;
    });
    try {
      await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
      expect(finished).to.equal(true);
    } finally {
      unregister();
    }
  });
});
