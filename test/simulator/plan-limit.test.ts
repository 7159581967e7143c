import { expect } from 'chai';
import request from 'supertest';
import { startSimulator, type RunningSimulator } from '../../simulator/index.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

describe('plan head-count limit (code 7)', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ quiet: true, tenants: { small: { employees: 3 } } });
  });
  after(() => sim.close());

  it('refuses a new employee past the plan limit with 403 code 7, and adds nothing', async () => {
    sim.tenant('small').planLimit = 3;
    const res = await fetch(`${sim.url}/small/api/v1/crews`, {
      method: 'POST', headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' }, body: JSON.stringify({ last_name: '新人' }),
    });
    expect(res.status).to.equal(403);
    expect(await res.json()).to.deep.include({ code: 7, type: 'plan_limit_exceeded' });
    expect(sim.tenant('small').crews()).to.have.length(3);
  });
});

describe('Create Employee past the plan limit', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { demo: { employees: 5 } } } });
  });
  after(() => h.close());

  it('answers 403 forbidden keeping SmartHR\'s plan-limit message', async () => {
    h.sim.tenant('demo').planLimit = 5;
    const res = await request(h.app).post('/cards/createEmployee').set(h.connection()).send({ inputs: { 'Basic Information': { 'Last Name': '新人', 'First Name': '太郎' } } });
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal('forbidden');
    expect(res.body.error.message).to.include('プランの上限');
  });
});
