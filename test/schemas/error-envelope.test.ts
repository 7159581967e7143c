import { expect } from 'chai';
import request from 'supertest';
import { createAjv, readSchemaFiles, SCHEMA_ID_BASE } from '../../connector/engine/schemas.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

describe('schemas/error.schema.json', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ app: { limits: { attemptTimeoutMs: 300, cardDeadlineMs: 1000 } } });
  });
  after(() => h.close());

  it('describes every error answer the service gives', async () => {
    const ajv = createAjv(await readSchemaFiles(repoLayout().schemasDir));
    const validate = ajv.getSchema(`${SCHEMA_ID_BASE}error.schema.json`)!;
    const id = h.sim.tenant('demo').crews()[0]!.id as string;
    const read = (headers = h.connection()) => request(h.app).post('/cards/readEmployee').set(headers).send({ inputs: { Employee: { 'Employee ID': id } } });
    const answers: request.Response[] = [
      await request(h.app).get('/nope'),
      await request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: {} }),
      await request(h.app).post('/cards/readEmployee').set(h.connection()).set('content-type', 'text/plain').send('x'),
      await request(h.app).post('/cards/readEmployee').set(h.connection()).set('content-type', 'application/json').send('{"inputs":'),
      await read({ ...h.connection(), 'x-smarthr-tenant-id': 'evil.com#' }),
      await read(h.connection({ token: 'wrong' })),
      await request(h.app).post('/cards/updateEmployee').set(h.connection({ token: 'demo-readonly' })).send({ inputs: { Employee: { 'Employee ID': id }, 'Basic Information': { 'First Name': 'x' } } }),
    ];
    h.sim.faults.set({ path: /^\/api\/v1\/crews/, kind: 'maintenance' });
    answers.push(await read());
    h.sim.faults.clear();
    h.sim.faults.set({ path: /^\/api\/v1\/crews/, kind: 'hang' });
    answers.push(await read());
    h.sim.faults.clear();
    // Last: after a 429 the connection's pacer rightly holds further calls until SmartHR's reset.
    h.sim.faults.set({ path: /^\/api\/v1\/crews/, kind: 'rateLimited', times: 1 });
    answers.push(await read());
    expect(answers.map((a) => a.status)).to.deep.equal([404, 400, 415, 400, 400, 401, 403, 503, 504, 429]);
    for (const answer of answers) {
      expect(validate(answer.body), `${answer.status}: ${JSON.stringify(answer.body)} ${JSON.stringify(validate.errors)}`).to.equal(true);
      expect(answer.body.error.status).to.equal(answer.status);
    }
  });
});
