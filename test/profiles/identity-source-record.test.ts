import { expect } from 'chai';
import request from 'supertest';
import { toIdentitySourceRecord } from '../../connector/engine/profiles/identity-source-record.ts';
import { toProfile } from '../../connector/engine/profiles/profile-map.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { streamed, walk } from '../pages/support.ts';

type Json = Record<string, any>;
const XAAS = { 'Record Format': 'Identity Source (XaaS)' };

describe('Identity Source (XaaS) record format', () => {
  describe('toIdentitySourceRecord (pure)', () => {
    const profile = toProfile({
      id: 'c-1', emp_code: '0042', emp_status: 'absent', last_name: '山田', first_name: '花子', email: 'hanako@example.co.jp',
      tel_number: null, address: null, departments: [{ id: 'd-1', name: '開発部', full_name: '本社/開発部' }, { id: 'd-2', name: '人事', full_name: '本社/人事' }],
      positions: [], employment_type: null, entered_at: '2020-04-01', resigned_at: null, updated_at: '2026-11-20T10:00:00.000+09:00',
    }, '2026-11-23');

    it('keys the record by the crew id and makes the work email the userName', () => {
      const record = toIdentitySourceRecord(profile);
      expect(record.externalId).to.equal('c-1');
      expect(record.profile).to.include({ userName: 'hanako@example.co.jp', email: 'hanako@example.co.jp', firstName: '花子', lastName: '山田', employeeNumber: '0042' });
      expect(record.profile).to.not.have.any.keys('smarthrId', 'login');
    });

    it('gives every attribute as text or null, as Okta requires', () => {
      const { profile: attributes } = toIdentitySourceRecord(profile);
      for (const value of Object.values(attributes)) expect(value === null || typeof value === 'string').to.equal(true);
      expect(attributes).to.include({ onLeave: 'true', status: 'ACTIVE', groups: '本社/開発部|本社/人事', mobilePhone: null, title: null });
      expect(toIdentitySourceRecord({ ...profile, groups: [] }).profile.groups).to.equal(null);
    });
  });

  describe('List Employee Profiles with Record Format', () => {
    let h: Harness;
    before(async () => {
      h = await startHarness({ simulator: { tenants: { demo: { employees: 30 } } } });
    });
    after(() => h.close());

    const card = (options: Json) => request(h.app).post('/cards/listEmployeeProfiles').set(h.connection()).send({ options });
    const crews = () => h.sim.tenant('demo').crews() as Json[];

    it('answers XaaS records in JSON (First 100 Records), one per employee, the same data as the Okta Profile form', async () => {
      const [okta, xaas] = await Promise.all([card({ 'Result Set': 'First 100 Records' }).expect(200), card({ 'Result Set': 'First 100 Records', ...XAAS }).expect(200)]);
      const records = xaas.body.Result.Profiles as Json[];
      expect(records.map((r) => r.externalId).sort()).to.deep.equal(crews().map((c) => c.id).sort());
      expect(records).to.deep.equal((okta.body.Result.Profiles as Json[]).map(toIdentitySourceRecord));
      expect(xaas.body.Result['Next Changed Since']).to.be.a('string');
    });

    it('streams XaaS records as NDJSON, then the count line', async () => {
      const { records, last } = await streamed(h.app, 'listEmployeeProfiles', { headers: h.connection(), options: { 'Result Set': 'Stream Records', ...XAAS } });
      expect(last['Records Streamed']).to.equal(crews().length);
      const sample = crews()[0]!;
      expect(records.find((r) => r.externalId === sample.id)?.profile).to.include({ userName: sample.email, employeeNumber: sample.emp_code });
      expect(records.every((r) => Object.keys(r).sort().join() === 'externalId,profile')).to.equal(true);
    });

    it('answers XaaS records on cursor pages (POST /cards/listEmployeeProfiles/pages), the same as the stream', async () => {
      const call = { headers: h.connection(), options: { 'Result Set': 'Stream Records', ...XAAS } };
      const { records, pages } = await walk(h.app, 'listEmployeeProfiles', call, 7);
      expect(pages.length).to.be.at.least(5);
      expect(records.map((r) => r.externalId).sort()).to.deep.equal(crews().map((c) => c.id).sort());
      const okta = await card({ 'Result Set': 'First 100 Records' }).expect(200);
      const byId = new Map((okta.body.Result.Profiles as Json[]).map((p) => [p.smarthrId, toIdentitySourceRecord(p)]));
      for (const r of records) expect(r).to.deep.equal(byId.get(r.externalId));
    });

    it('keeps the Okta Profile form as the default and refuses an unknown format naming the option', async () => {
      const res = await card({ 'Result Set': 'First 100 Records' }).expect(200);
      expect(res.body.Result.Profiles[0]).to.have.property('smarthrId');
      const bad = await card({ 'Result Set': 'First 100 Records', 'Record Format': 'CSV' }).expect(400);
      expect(bad.body.error.details[0].field).to.equal('Record Format');
    });
  });
});
