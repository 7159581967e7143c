import { expect } from 'chai';
import request from 'supertest';
import type { FaultRule } from '../../simulator/index.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { guardProcessHygiene } from './support/hygiene.ts';

/**
 * Finding 1 of issue 18: Okta's HTTP cards retry 429 and 504 by themselves (three times by
 * default), so a write whose outcome is unknown must never be answered with either, or one
 * Create Employee becomes up to four employees. A write gets the card deadline (not the shorter
 * attempt timeout) to hear SmartHR's answer, and is never repeated once it may have arrived.
 */

type Json = Record<string, any>;

const LIMITS = { attemptTimeoutMs: 200, cardDeadlineMs: 900 };
const RETRIED_BY_WORKFLOWS = [429, 504];

describe('faults: writes whose outcome is unknown (issue 18, finding 1)', () => {
  guardProcessHygiene();

  describe('through the service and the simulator', () => {
    let h: Harness;
    const store = () => h.sim.tenant('demo');
    before(async () => {
      h = await startHarness({ simulator: { tenants: { demo: { employees: 5 } } }, app: { rateLimit: false, limits: LIMITS } });
    });
    after(() => h.close());
    beforeEach(() => {
      h.sim.faults.clear();
      h.sim.requests.clear();
    });

    const card = (id: string, body: Json) => request(h.app).post(`/cards/${id}`).set(h.connection()).send(body);
    const createEmployee = (code: string) => card('createEmployee', { inputs: { 'Basic Information': { 'Last Name': '遅延', 'First Name': '花子' }, 'Employment Information': { 'Employee Number': code } } });
    const crewsWithCode = (code: string) => (store().crews() as Json[]).filter((c) => c.emp_code === code).length;

    function expectOutcomeUnknown(res: request.Response): void {
      expect(res.status, JSON.stringify(res.body)).to.equal(502);
      expect(res.body.error).to.include({ status: 502, code: 'write_outcome_unknown' });
      expect(res.body.error.message).to.include('may have been applied').and.include('check before retrying');
      expect(res.headers).not.to.have.property('retry-after');
    }

    it('Create Employee whose 201 body arrives after the attempt timeout (inside the card deadline) succeeds, one POST, one employee', async () => {
      h.sim.faults.set({ method: 'POST', path: '/api/v1/crews', kind: 'slowBody', slowBodyMs: 500 });
      const res = await createEmployee('SLOW-1');
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(h.sim.requests.count({ method: 'POST' })).to.equal(1);
      expect(crewsWithCode('SLOW-1')).to.equal(1);
    });

    it('Create Employee whose answer never completes within the card deadline -> 502 write_outcome_unknown, not 504; SmartHR did create it', async function () {
      this.timeout(6000);
      h.sim.faults.set({ method: 'POST', path: '/api/v1/crews', kind: 'slowBody', slowBodyMs: 4000 });
      const res = await createEmployee('SLOW-2');
      expectOutcomeUnknown(res);
      expect(h.sim.requests.count({ method: 'POST' })).to.equal(1);
      expect(crewsWithCode('SLOW-2')).to.equal(1);
    });

    it('Create Employee answered by a gateway 504 -> 502 write_outcome_unknown, one POST', async () => {
      h.sim.faults.set({ method: 'POST', path: '/api/v1/crews', kind: 'status', status: 504 });
      expectOutcomeUnknown(await createEmployee('GW-1'));
      expect(h.sim.requests.count({ method: 'POST' })).to.equal(1);
    });

    it('a write whose connection is reset after sending -> 502 write_outcome_unknown, one call', async () => {
      h.sim.faults.set({ method: 'POST', path: '/api/v1/crews', kind: 'resetMidBody' });
      expectOutcomeUnknown(await createEmployee('RST-1'));
      expect(h.sim.requests.count({ method: 'POST' })).to.equal(1);
    });

    describe('no write card answers an ambiguous outcome with a status Workflows retries by itself', () => {
      const writes: Array<[string, string, string, Json]> = [
        ['createDepartment', 'POST', '/api/v1/departments', { inputs: { Department: { Name: '再試行室' } } }],
        ['createJobTitle', 'POST', '/api/v1/job_titles', { inputs: { 'Job Title': { 'Job Title Name': '再試行' } } }],
        ['createCustomFieldGroup', 'POST', '/api/v1/crew_custom_field_template_groups', { inputs: { 'Custom Field Group': { Name: '再試行' } } }],
        ['createCustomField', 'POST', '/api/v1/crew_custom_field_templates', { inputs: { 'Custom Field': { Name: '再試行', Type: 'string', 'Custom Field Group ID': 'GROUP' } } }],
        ['customApiAction', 'POST', '/api/v1/departments', { options: { 'Request Type': 'POST' }, inputs: { Request: { 'Relative URL': '/v1/departments', Body: { name: '再試行' } } } }],
        ['updateEmployee', 'PATCH', 'CREW', { inputs: { Employee: { 'Employee ID': 'CREW' }, 'Basic Information': { 'Business Last Name': '再試行' } } }],
        ['inviteEmployee', 'PUT', 'INVITE', { inputs: { Employee: { 'Employee ID': 'CREW' }, Invitation: { 'Inviter User ID': 'ADMIN' } } }],
      ];
      const gateway: [string, FaultRule] = ['a gateway 504', { kind: 'status', status: 504 }];
      const silent: [string, FaultRule] = ['an answer slower than the card deadline', { kind: 'hang' }];
      // Every write card gets the 504; the (slower) silent upstream is shown on one card per method.
      const faultsFor = (cardId: string): Array<[string, FaultRule]> =>
        ['createDepartment', 'customApiAction', 'updateEmployee', 'inviteEmployee'].includes(cardId) ? [gateway, silent] : [gateway];

      for (const [cardId, method, path, body] of writes) {
        for (const [what, rule] of faultsFor(cardId)) {
          it(`${cardId}: ${what}`, async function () {
            this.timeout(6000);
            const crew = (store().crews() as Json[])[0]!;
            const admin = (store().users() as Json[]).find((u) => u.admin) as Json;
            const group = (store().templateGroups() as Json[])[0]!;
            const fill = (text: string) => text.replace('CREW', String(crew.id)).replace('ADMIN', String(admin.id)).replace('GROUP', String(group.id));
            const target = path === 'CREW' ? `/api/v1/crews/${crew.id}` : path === 'INVITE' ? `/api/v1/crews/${crew.id}/invite` : path;
            h.sim.faults.set({ method, path: target, ...rule });
            const res = await card(cardId, JSON.parse(fill(JSON.stringify(body))) as Json);
            expect(RETRIED_BY_WORKFLOWS).not.to.include(res.status);
            expectOutcomeUnknown(res);
            expect(h.sim.requests.count({ method, path: target }), 'calls SmartHR received').to.equal(1);
          });
        }
      }
    });

    it('a read (GET) is still retried and still answers 504 on a gateway timeout: repeating it is harmless', async () => {
      const id = String((store().crews() as Json[])[0]!.id);
      h.sim.faults.set({ method: 'GET', path: `/api/v1/crews/${id}`, kind: 'status', status: 504 });
      const res = await card('readEmployee', { inputs: { Employee: { 'Employee ID': id } } });
      expect(res.status).to.equal(504);
      expect(res.body.error.code).to.equal('upstream_timeout');
      expect(h.sim.requests.count({ method: 'GET' })).to.equal(3);
    });
  });
});
