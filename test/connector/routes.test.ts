import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

describe('HTTP contract', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('GET /health answers ok without a connection', async () => {
    const res = await request(h.app).get('/health').expect(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
  });

  it('GET /cards lists id, name, description, resource and access of every card', async () => {
    const res = await request(h.app).get('/cards').expect(200);
    const read = res.body.cards.find((c: { id: string }) => c.id === 'readEmployee');
    expect(read).to.deep.equal({
      id: 'readEmployee',
      name: 'Read Employee',
      description: 'Retrieve employee information from SmartHR using a specific ID.',
      resource: 'crews',
      access: 'read',
    });
    for (const id of ['searchEmployees', 'updateEmployee', 'listDepartments', 'customApiAction']) {
      expect(res.body.cards.map((c: { id: string }) => c.id)).to.include(id);
    }
  });

  it('GET /cards/{id} answers the card definition with its Workflows types', async () => {
    const res = await request(h.app).get('/cards/searchEmployees').expect(200);
    expect(res.body.name).to.equal('Search Employees');
    expect(res.body.options.properties['Result Set'].enum).to.deep.equal(['First Matching Record', 'First 100 Matching Records', 'Stream Matching Records']);
    expect(res.body.inputs.properties['Filter By'].properties['Joined After'].workflowsType).to.equal('Date & Time');
    expect(res.body).to.not.have.property('$schema');
  });

  it('answers 404 in the error envelope for an unknown card, on GET and POST', async () => {
    const get = await request(h.app).get('/cards/readEmployees').expect(404);
    expect(get.body.error).to.include({ status: 404, code: 'not_found' });
    const post = await request(h.app).post('/cards/readEmployees').set(h.connection()).send({}).expect(404);
    expect(post.body.error.message).to.include('readEmployees');
  });

  it('answers 404 in the envelope for an unknown route', async () => {
    const res = await request(h.app).get('/nope').expect(404);
    expect(res.body).to.deep.equal({ error: { status: 404, code: 'not_found', message: 'No route GET /nope.', details: [] } });
  });

  it('does not say what it is built with', async () => {
    const res = await request(h.app).get('/health');
    expect(res.headers).to.not.have.property('x-powered-by');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
  });
});

describe('structured logs', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('say, per card call, the request id, card, tenant, upstream status, latency and attempts', async () => {
    const id = h.sim.tenant('demo').crews()[0]!.id as string;
    const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).set('x-request-id', 'req-42').send({ inputs: { Employee: { 'Employee ID': id } } }).expect(200);
    expect(res.headers['x-request-id']).to.equal('req-42');
    const lines = h.logs.lines.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.requestId === 'req-42');
    const upstream = lines.find((l) => l.upstream);
    expect(upstream).to.include({ cardId: 'readEmployee', tenant: 'demo' });
    expect(upstream!.upstream).to.include({ status: 200, attempt: 1 });
    expect(upstream!.upstream.latencyMs).to.be.a('number');
    const done = lines.find((l) => l.msg === 'request');
    expect(done).to.include({ cardId: 'readEmployee', status: 200, path: '/cards/readEmployee' });
  });
});
