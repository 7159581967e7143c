import { expect } from 'chai';
import request from 'supertest';
import { ALL_PERMISSIONS } from '../../simulator/index.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

describe('connection handling', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const readAny = (headers: Record<string, string>) =>
    request(h.app).post('/cards/readEmployee').set(headers).send({ inputs: { Employee: { 'Employee ID': h.sim.tenant('demo').crews()[0]!.id } } });

  it('accepts the account type in any case', async () => {
    await readAny(h.connection({ accountType: 'SandBox' })).expect(200);
  });

  const refusals: Array<[string, Record<string, string | undefined>, number, string]> = [
    ['a missing Account Type', { 'x-smarthr-account-type': undefined }, 400, 'Account Type'],
    ['an unknown Account Type', { 'x-smarthr-account-type': 'staging' }, 400, 'Account Type'],
    ['a missing Tenant ID', { 'x-smarthr-tenant-id': undefined }, 400, 'Tenant ID'],
    ['a Tenant ID that is not one DNS label', { 'x-smarthr-tenant-id': 'evil.com#' }, 400, 'Tenant ID'],
    ['a missing Access Token', { authorization: undefined }, 401, 'Access Token'],
    ['an Authorization that is not Bearer', { authorization: 'Basic ZGVtbzo=' }, 401, 'Access Token'],
  ];
  for (const [what, change, status, label] of refusals) {
    it(`refuses ${what} with ${status} naming "${label}", without calling SmartHR`, async () => {
      h.sim.requests.clear();
      const headers: Record<string, string> = { ...h.connection() };
      for (const [name, value] of Object.entries(change)) {
        if (value === undefined) delete headers[name];
        else headers[name] = value;
      }
      const res = await readAny(headers).expect(status);
      expect(res.body.error.status).to.equal(status);
      expect(`${res.body.error.message} ${JSON.stringify(res.body.error.details)}`).to.include(label);
      expect(h.sim.requests.count()).to.equal(0);
    });
  }

  it('answers 401 when SmartHR refuses the token', async () => {
    const res = await readAny(h.connection({ token: 'not-a-token' })).expect(401);
    expect(res.body.error.code).to.equal('unauthorized');
  });

  it('reaches the tenant named in the connection, not another', async () => {
    const res = await readAny(h.connection({ tenant: 'other' })).expect(404);
    expect(res.body.error.code).to.equal('not_found');
    expect(h.sim.requests.entries().at(-1)?.tenant).to.equal('other');
  });

  describe('POST /connection/test', () => {
    it('reports every endpoint of the permission table as readable for demo-token', async () => {
      const res = await request(h.app).post('/connection/test').set(h.connection()).expect(200);
      expect(res.body).to.include({ status: 'ok', tenant: 'demo', accountType: 'Sandbox' });
      expect(res.body.permissions.map((p: { endpoint: string; needed: string }) => `${p.endpoint}: ${p.needed}`)).to.deep.equal([
        '/api/v1/users: Read', '/api/v1/crews: Read, Write', '/api/v1/biz_establishments: Read', '/api/v1/employment_types: Read',
        '/api/v1/departments: Read', '/api/v1/job_titles: Read', '/api/v1/crew_custom_field_template: Read',
        '/api/v1/departments: Write', '/api/v1/job_titles: Write', '/api/v1/crew_custom_field_template: Write',
      ]);
      expect(res.body.permissions.slice(0, 7).every((p: { extraFor?: string[] }) => p.extraFor === undefined)).to.equal(true);
      expect(res.body.permissions[7].extraFor).to.include('Create Department');
      expect(res.body.permissions.every((p: { read: string }) => p.read === 'granted')).to.equal(true);
      expect(res.body.missing).to.deep.equal([]);
    });

    it('reports the update permission demo-readonly lacks, probed without changing anything', async () => {
      const before = h.sim.requests.entries().length;
      const res = await request(h.app).post('/connection/test').set(h.connection({ token: 'demo-readonly' })).expect(200);
      expect(res.body.status).to.equal('incomplete');
      const crews = res.body.permissions.find((p: { endpoint: string }) => p.endpoint === '/api/v1/crews');
      expect(crews).to.include({ read: 'granted', write: 'missing', needed: 'Read, Write' });
      const needingWrite = res.body.permissions.filter((p: { needed: string }) => p.needed.includes('Write')).map((p: { endpoint: string }) => p.endpoint);
      expect(res.body.missing).to.deep.equal(needingWrite);
      const users = res.body.permissions.find((p: { endpoint: string }) => p.endpoint === '/api/v1/users');
      expect(users).to.include({ read: 'granted', write: 'not needed' });
      const writes = h.sim.requests.entries().slice(before).filter((e) => e.method !== 'GET');
      expect(writes).to.have.length(needingWrite.length);
      expect(writes.every((e) => e.status === 403)).to.equal(true);
    });

    it('reports the update permission demo-token has: the write probe finds no record and changes none', async () => {
      const crewsBefore = h.sim.tenant('demo').crews().length;
      const res = await request(h.app).post('/connection/test').set(h.connection()).expect(200);
      const crews = res.body.permissions.find((p: { endpoint: string }) => p.endpoint === '/api/v1/crews');
      expect(crews).to.include({ read: 'granted', write: 'granted' });
      expect(h.sim.tenant('demo').crews()).to.have.length(crewsBefore);
    });

    it('names the endpoint a restricted token cannot read', async () => {
      h.sim.tenant('demo').addToken('no-crews', { ...ALL_PERMISSIONS, crews: { read: false, update: false } });
      const res = await request(h.app).post('/connection/test').set(h.connection({ token: 'no-crews' })).expect(200);
      expect(res.body.status).to.equal('incomplete');
      expect(res.body.missing).to.deep.equal(['/api/v1/crews']);
    });

    it('answers 401 for a token SmartHR refuses', async () => {
      const res = await request(h.app).post('/connection/test').set(h.connection({ token: 'wrong' })).expect(401);
      expect(res.body.error.details[0].field).to.equal('Access Token');
    });
  });
});

describe('CONNECTOR_API_KEY', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ app: { apiKey: 'operator-key' } });
  });
  after(() => h.close());

  it('is required on card calls but not on /health', async () => {
    await request(h.app).get('/health').expect(200);
    const refused = await request(h.app).get('/cards').expect(401);
    expect(refused.body.error.message).to.include('X-Connector-Key');
    await request(h.app).get('/cards').set('x-connector-key', 'wrong-key').expect(401);
    await request(h.app).get('/cards').set('x-connector-key', 'operator-key').expect(200);
  });
});
