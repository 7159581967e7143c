import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

describe('Custom API Action', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const call = (method: string, req: Json) => request(h.app).post('/cards/customApiAction').set(h.connection()).send({ options: { 'Request Type': method }, inputs: { Request: req } });

  it('GETs SmartHR\'s own JSON with status and headers', async () => {
    const res = await call('GET', { 'Relative URL': '/v1/employment_types?per_page=3' }).expect(200);
    expect(res.body.Response['Status Code']).to.equal(200);
    expect(res.body.Response.Body).to.have.length(3);
    expect(res.body.Response.Body[0]).to.have.property('preset_type');
    expect(res.body.Response.Headers['x-total-count']).to.equal(String(h.sim.tenant('demo').employmentTypes().length));
  });

  it('accepts /api/v1/... and merges the Query object', async () => {
    const res = await call('GET', { 'Relative URL': '/api/v1/crews', Query: { per_page: 2, page: 2 } }).expect(200);
    expect(res.body.Response.Body.map((c: Json) => c.id)).to.deep.equal((h.sim.tenant('demo').crews() as Json[]).slice(2, 4).map((c) => c.id));
  });

  it('POSTs a body and answers 201', async () => {
    const res = await call('POST', { 'Relative URL': '/v1/job_titles', Body: { name: 'テックリード', rank: 5 } }).expect(200);
    expect(res.body.Response['Status Code']).to.equal(201);
    expect(res.body.Response.Body).to.include({ name: 'テックリード', rank: 5 });
  });

  const refused = [
    'https://evil.example/v1/crews', 'http://127.0.0.1:1/v1/crews', '//evil.example/v1/crews', '\\\\evil.example\\v1', '/v1/../../admin',
    '/v1/crews/../../../etc', '/v1/%2e%2e/%2e%2e/x', '/v1/%2E%2E/users', '/v1/crews%2f..%2fusers', '/v1/crews/..%5c..%5cx', 'v1/crews',
    '/v2/crews', '/v1/crews#frag', '/v1/crews @evil', '/v1//evil.example', 'javascript:alert(1)', '/v1/crews\r\nHost: evil',
  ];
  for (const url of refused) {
    it(`refuses the Relative URL ${JSON.stringify(url)} without calling anything`, async () => {
      h.sim.requests.clear();
      const res = await call('GET', { 'Relative URL': url }).expect(400);
      expect(res.body.error.details[0].field).to.equal('Relative URL');
      expect(h.sim.requests.count()).to.equal(0);
    });
  }

  it('refuses to let a flow set Authorization or hop-by-hop headers', async () => {
    for (const name of ['Authorization', 'host', 'Transfer-Encoding', 'Connection']) {
      const res = await call('GET', { 'Relative URL': '/v1/crews', Headers: { [name]: 'x' } }).expect(400);
      expect(res.body.error.details[0].field).to.equal('Headers');
    }
  });

  it('keeps SmartHR\'s message on an upstream error', async () => {
    const res = await call('GET', { 'Relative URL': '/v1/crews/unknown-id' }).expect(404);
    expect(res.body.error.code).to.equal('not_found');
  });
});
