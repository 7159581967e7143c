import { expect } from 'chai';
import request from 'supertest';
import { BEARER, READONLY, tenantApi, useSimulator } from './helpers.ts';

const UNAUTHORIZED = { code: 2, type: 'unauthorized_token', message: '無効なアクセストークンです', errors: null };

describe('simulator: auth and errors', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 30 }, acme: { employees: 5 } } });

  it('accepts the token as Bearer, as Basic user name and as access_token', async () => {
    await tenantApi(ctx.sim).get('/api/v1/crews').set(BEARER).expect(200);
    await tenantApi(ctx.sim).get('/api/v1/crews').auth('demo-token', '').expect(200);
    await tenantApi(ctx.sim).get('/api/v1/crews?access_token=demo-token').expect(200);
  });

  const badTokenCases: Array<[string, (r: request.Test) => request.Test, string]> = [
    ['Bearer', (r) => r.set('Authorization', 'Bearer nope'), ''],
    ['Basic', (r) => r.auth('nope', ''), ''],
    ['access_token', (r) => r, '?access_token=nope'],
    ['no token at all', (r) => r, ''],
  ];
  for (const [style, apply, query] of badTokenCases) {
    it(`a bad token via ${style} answers 401 with SmartHR's exact body`, async () => {
      const res = await apply(tenantApi(ctx.sim).get(`/api/v1/crews${query}`)).expect(401);
      expect(res.body).to.deep.equal(UNAUTHORIZED);
      expect(res.headers['content-type']).to.match(/application\/json/);
    });
  }

  it('a token of another tenant is unknown here', async () => {
    ctx.sim.tenant('demo').addToken('only-demo', { crews: { read: true } });
    const res = await request(ctx.sim.url).get('/demo/api/v1/crews').set('Authorization', 'Bearer only-demo').expect(200);
    expect(res.body).to.have.length(10);
    const other = await request(ctx.sim.url).get('/acme/api/v1/crews').set('Authorization', 'Bearer only-demo').expect(401);
    expect(other.body).to.deep.equal(UNAUTHORIZED);
  });

  it('demo-readonly may read but gets 403 code 3 on every kind of write, and nothing is written', async () => {
    const store = ctx.sim.tenant('demo');
    const crew = store.crews()[1];
    const before = store.crews().length;
    await tenantApi(ctx.sim).get('/api/v1/departments').set(READONLY).expect(200);
    const writes = [
      tenantApi(ctx.sim).post('/api/v1/crews').set(READONLY).send({ last_name: 'x' }),
      tenantApi(ctx.sim).patch(`/api/v1/crews/${String(crew?.id)}`).set(READONLY).send({ last_name: 'x' }),
      tenantApi(ctx.sim).delete(`/api/v1/crews/${String(crew?.id)}`).set(READONLY),
      tenantApi(ctx.sim).post('/api/v1/job_titles').set(READONLY).send({ name: 'x' }),
    ];
    for (const write of writes) {
      const res = await write.expect(403);
      expect(res.body).to.deep.equal({ code: 3, type: 'forbidden', message: res.body.message, errors: null });
      expect(res.body.message).to.be.a('string').and.not.equal('');
    }
    expect(store.crews().length).to.equal(before);
    expect(store.crew(String(crew?.id)).last_name).to.equal(crew?.last_name);
  });

  it('per-resource permissions: a crews-only token is refused on departments', async () => {
    ctx.sim.tenant('demo').addToken('crews-reader', { crews: { read: true } });
    const auth = { Authorization: 'Bearer crews-reader' };
    await tenantApi(ctx.sim).get('/api/v1/crews').set(auth).expect(200);
    const res = await tenantApi(ctx.sim).get('/api/v1/departments').set(auth).expect(403);
    expect(res.body.code).to.equal(3);
    await tenantApi(ctx.sim).post('/api/v1/crews').set(auth).send({}).expect(403);
  });

  it('templates and template groups share one permission', async () => {
    ctx.sim.tenant('demo').addToken('templates-only', { crew_custom_field_templates: { read: true } });
    const auth = { Authorization: 'Bearer templates-only' };
    await tenantApi(ctx.sim).get('/api/v1/crew_custom_field_templates').set(auth).expect(200);
    await tenantApi(ctx.sim).get('/api/v1/crew_custom_field_template_groups').set(auth).expect(200);
    await tenantApi(ctx.sim).get('/api/v1/users').set(auth).expect(403);
  });

  it('an unknown tenant is not answered by SmartHR: a 404 web page, no JSON, no rate-limit headers', async () => {
    const res = await request(ctx.sim.url).get('/nosuchtenant/api/v1/crews').set(BEARER).expect(404);
    expect(res.headers['content-type']).to.match(/^text\/html/);
    expect(res.text).to.match(/^<!DOCTYPE html>/);
    expect(res.headers).to.not.have.property('x-rate-limit-limit');
    expect(ctx.sim.requests.entries({ tenant: 'nosuchtenant' }).at(-1)).to.include({ path: '/api/v1/crews', status: 404 });
  });

  it('unknown route, unknown id and /users/me are 404 code 4', async () => {
    const expect404 = async (res: request.Response): Promise<void> => {
      expect(res.status).to.equal(404);
      expect(res.body).to.deep.include({ code: 4, type: 'not_found', errors: null });
    };
    await expect404(await tenantApi(ctx.sim).get('/api/v1/payrolls').set(BEARER));
    await expect404(await tenantApi(ctx.sim).get('/api/v1/crews/00000000-0000-4000-8000-000000000000').set(BEARER));
    await expect404(await tenantApi(ctx.sim).get('/api/v1/users/me').set(BEARER));
    await expect404(await tenantApi(ctx.sim).delete('/api/v1/biz_establishments').set(BEARER));
  });

  it('a malformed JSON body is 400 code 1, and nothing is created', async () => {
    const before = ctx.sim.tenant('demo').crews().length;
    const res = await tenantApi(ctx.sim)
      .post('/api/v1/crews')
      .set(BEARER)
      .set('Content-Type', 'application/json')
      .send('{"last_name": "x",')
      .expect(400);
    expect(res.body.code).to.equal(1);
    expect(res.body.type).to.equal('bad_request');
    expect(res.body.errors).to.be.an('array').with.length(1);
    expect(ctx.sim.tenant('demo').crews().length).to.equal(before);
  });

  it('accepts form-encoded bodies', async () => {
    const res = await tenantApi(ctx.sim)
      .post('/api/v1/job_titles')
      .set(BEARER)
      .type('form')
      .send('name=%E5%B0%82%E9%96%80%E8%81%B7&rank=60')
      .expect(201);
    expect(res.body).to.include({ name: '専門職', rank: 60 });
  });

  it('validation errors are 400 code 1 with errors [{message, resource, field}] and never 422', async () => {
    const res = await tenantApi(ctx.sim).post('/api/v1/crews').set(BEARER).send({ birth_at: '1990-13-40' }).expect(400);
    expect(res.body.code).to.equal(1);
    expect(res.body.errors).to.have.length(1);
    expect(res.body.errors[0]).to.include({ resource: 'crew', field: 'birth_at' });
    expect(res.body.errors[0].message).to.be.a('string');
  });
});
