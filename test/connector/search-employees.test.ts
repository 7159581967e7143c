import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

describe('Search Employees result sets', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const search = (options: Json, inputs: Json = {}) => request(h.app).post('/cards/searchEmployees').set(h.connection()).send({ options, inputs });

  it('First Matching Record: one SmartHR call with per_page=1, the record under Result > Employee', async () => {
    const crew = h.sim.tenant('demo').crews()[7] as Json;
    h.sim.requests.clear();
    const res = await search({ 'Result Set': 'First Matching Record' }, { 'Filter By': { 'Employee Number': crew.emp_code } }).expect(200);
    expect(res.body.Result.Employee).to.include({ 'Employee ID': crew.id, 'Employee Number': crew.emp_code, 'Last Name': crew.last_name });
    const calls = h.sim.requests.entries();
    expect(calls).to.have.length(1);
    expect(calls[0]!.query).to.include({ per_page: '1', emp_code: crew.emp_code });
  });

  it('First Matching Record with no match answers an empty Result', async () => {
    const res = await search({ 'Result Set': 'First Matching Record' }, { 'Filter By': { 'Employee Number': 'no-such-number' } }).expect(200);
    expect(res.body).to.deep.equal({ Result: {} });
  });

  it('First 100 Matching Records: exactly one SmartHR call with per_page=100, in SmartHR order', async () => {
    h.sim.requests.clear();
    const res = await search({ 'Result Set': 'First 100 Matching Records' }).expect(200);
    const ids = (h.sim.tenant('demo').crews() as Json[]).slice(0, 100).map((c) => c.id);
    expect(res.body.Result.Employees.map((e: Json) => e['Employee ID'])).to.deep.equal(ids);
    expect(h.sim.requests.count()).to.equal(1);
    expect(h.sim.requests.entries()[0]!.query).to.include({ per_page: '100', page: '1' });
  });

  it('asks SmartHR for only the fields the card outputs, unless the flow chose Fields', async () => {
    h.sim.requests.clear();
    await search({ 'Result Set': 'First 100 Matching Records' }).expect(200);
    const fields = h.sim.requests.entries()[0]!.query.fields!.split(',');
    expect(fields).to.include.members(['id', 'last_name', 'emp_code', 'employment_type', 'departments', 'positions', 'custom_fields', 'updated_at']);
    expect(fields).to.not.include.members(['bank_accounts', 'resume1', 'emergency_address']);
    h.sim.requests.clear();
    const res = await search({ 'Result Set': 'First 100 Matching Records' }, { 'Filter By': { Fields: ['id', 'emp_code'] } }).expect(200);
    expect(h.sim.requests.entries()[0]!.query.fields).to.equal('id,emp_code');
    expect(Object.keys(res.body.Result.Employees[0]).sort()).to.deep.equal(['Employee ID', 'Employee Number']);
  });

  it('uses First 100 Matching Records when no Result Set is chosen', async () => {
    const res = await search({}).expect(200);
    expect(res.body.Result.Employees).to.have.length(100);
  });

  it('refuses a Result Set that the card does not offer, naming the option', async () => {
    const res = await search({ 'Result Set': 'Everything' }).expect(400);
    expect(res.body.error.details[0]).to.include({ field: 'Result Set', pointer: '/options/Result Set' });
    expect(res.body.error.details[0].message).to.include('First Matching Record');
  });

  it('streams every employee as NDJSON, then the count', async () => {
    const res = await search({ 'Result Set': 'Stream Matching Records' }).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => done(null, text));
    }).expect(200);
    expect(res.headers['content-type']).to.match(/^application\/x-ndjson/);
    const lines = (res.body as string).trim().split('\n').map((l) => JSON.parse(l) as Json);
    const total = h.sim.tenant('demo').crews().length;
    expect(lines).to.have.length(total + 1);
    expect(lines.at(-1)).to.deep.equal({ 'Records Streamed': total });
    expect(new Set(lines.slice(0, -1).map((l) => l['Employee ID'])).size).to.equal(total);
  });
});
