import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { ALL_PERMISSIONS } from '../../simulator/index.ts';
import { CapturedLogs, startHarness, type Harness } from '../helpers/harness.ts';

/**
 * An Okta API Connector connection of type Basic carries both secrets (decisions.md item 1):
 * user name = the connector key, password = the SmartHR token. Every answer and log line is
 * searched for the token, and for the Basic credential that wraps it.
 */

const KEY = 'operator-key-0123456789';
const CANARY = `SECRET-CANARY-${randomBytes(8).toString('hex')}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

describe('security: API Connector connection (Basic auth carries the connector key and the SmartHR token)', () => {
  let h: Harness;
  let app: Express;
  let employeeId: string;
  const logs = new CapturedLogs();
  const answers: string[] = [];

  before(async () => {
    h = await startHarness({ simulator: { tenants: { demo: { employees: 30 } } }, app: { rateLimit: false } });
    h.sim.tenant('demo').addToken(CANARY, ALL_PERMISSIONS);
    employeeId = String(h.sim.tenant('demo').crews()[0]!.id);
    app = await createApp({ logger: createLogger({ level: 'debug', destination: logs }), rateLimit: false, upstreamBaseUrl: `${h.sim.url}/{tenant}`, apiKey: KEY });
  });
  after(() => h.close());

  after('no answer and no log line carries the token or its Basic credential', () => {
    expect(answers.length).to.be.greaterThan(8);
    expect(logs.lines.length).to.be.greaterThan(8);
    const secrets = [CANARY, basic(KEY, CANARY).slice(6), basic('smarthr', CANARY).slice(6), basic('wrong-key', CANARY).slice(6)];
    const leaks = [...answers, ...logs.lines, ...h.logs.lines].filter((text) => secrets.some((secret) => text.includes(secret)));
    expect(leaks).to.deep.equal([]);
  });

  const tenantHeaders = { 'x-smarthr-account-type': 'sandbox', 'x-smarthr-tenant-id': 'demo' };
  async function readEmployee(target: Express, headers: Record<string, string>): Promise<request.Response> {
    const res = await request(target).post('/cards/readEmployee').set({ ...tenantHeaders, ...headers }).send({ inputs: { Employee: { 'Employee ID': employeeId } } });
    answers.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text}`);
    return res;
  }

  it('accepts the key as user name and the token as password, for card calls and pages', async () => {
    const res = await readEmployee(app, { authorization: basic(KEY, CANARY) });
    expect(res.status).to.equal(200);
    expect(res.body['Basic Information']['Employee ID']).to.equal(employeeId);
    const page = await request(app).post('/cards/listDepartments/pages').set({ ...tenantHeaders, authorization: basic(KEY, CANARY) })
      .send({ options: { 'Result Set': 'Stream Records' }, cursor: null, pageSize: 5 });
    answers.push(`${page.status} ${page.text}`);
    expect(page.status).to.equal(200);
    expect(page.body.Records).to.have.length(5);
  });

  it('refuses a wrong key with 401 before SmartHR is called', async () => {
    h.sim.requests.clear();
    const res = await readEmployee(app, { authorization: basic('wrong-key', CANARY) });
    expect(res.status).to.equal(401);
    expect(res.body.error.message).to.include('connector key');
    expect(h.sim.requests.count()).to.equal(0);
  });

  it('passes a wrong token on to SmartHR, which refuses it: 401', async () => {
    const res = await readEmployee(app, { authorization: basic(KEY, 'not-a-known-token') });
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal('unauthorized');
  });

  it('refuses the key sent both ways (Basic and X-Connector-Key), even when both are right', async () => {
    h.sim.requests.clear();
    const res = await readEmployee(app, { authorization: basic(KEY, CANARY), 'x-connector-key': KEY });
    expect(res.status).to.equal(401);
    expect(res.body.error.message).to.include('not both');
    expect(h.sim.requests.count()).to.equal(0);
  });

  it('still accepts X-Connector-Key with a Bearer token', async () => {
    expect((await readEmployee(app, { authorization: `Bearer ${CANARY}`, 'x-connector-key': KEY })).status).to.equal(200);
  });

  it('refuses malformed Basic auth with 401 naming Access Token', async () => {
    for (const authorization of [`Basic ${Buffer.from(CANARY).toString('base64')}`, basic(KEY, ''), basic(KEY, `${CANARY} x`)]) {
      const res = await readEmployee(app, { authorization });
      expect(res.status).to.equal(401);
      expect(res.body.error.details[0].field).to.equal('Access Token');
    }
  });

  it('without CONNECTOR_API_KEY, takes any user name and the token as password', async () => {
    // The harness's own service has no CONNECTOR_API_KEY.
    const res = await readEmployee(h.app, { authorization: basic('smarthr', CANARY) });
    expect(res.status).to.equal(200);
    expect(res.body['Basic Information']['Employee ID']).to.equal(employeeId);
  });
});
