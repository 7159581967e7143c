import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { comparable, streamed, walk, type CardCall } from './support.ts';

type Json = Record<string, any>;

/**
 * A walk of POST /cards/{id}/pages from cursor null to the end returns exactly the records of
 * the NDJSON stream of POST /cards/{id} for the same options and inputs: same order, same
 * labelled values. Page sizes that are no multiple of SmartHR's 100 make pages end inside a
 * SmartHR page, so resuming there is exercised too.
 */
describe('pages: a walk returns exactly the stream', () => {
  const DEADLINE_MS = 25_000;
  let h: Harness;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { big: { employees: 10_000 }, demo: { employees: 250 } } } });
    const store = h.sim.tenant('demo');
    for (let i = store.departments().length; i < 230; i += 1) store.insertDepartment({ name: `Walk ${i}`, code: `WALK-${i}` });
  });
  after(async () => {
    h.sim.setRateLimit({ perSecond: Number.POSITIVE_INFINITY });
    await h.close();
  });

  it('Search Employees, 10,000 employees, pageSize 1000, SmartHR at 10 requests/s: every page call a 200 within the deadline, no 429, the same records as the stream', async function () {
    this.timeout(120_000);
    const call: CardCall = { headers: h.connection({ tenant: 'big' }), options: { 'Result Set': 'Stream Matching Records' } };
    const stream = await streamed(h.app, 'searchEmployees', call);
    expect(stream.records).to.have.length(10_000);
    h.sim.setRateLimit({ perSecond: 10 });
    h.sim.requests.clear();
    const { records, pages } = await walk(h.app, 'searchEmployees', call, 1000);
    h.sim.setRateLimit({ perSecond: Number.POSITIVE_INFINITY });
    expect(comparable(records)).to.deep.equal(comparable(stream.records));
    expect(pages.every((p) => p.status === 200 && p.ms < DEADLINE_MS)).to.equal(true);
    expect(pages.at(-1)!.body['Records Streamed']).to.equal(10_000);
    // Each SmartHR page read once: a page call resumes where the last one stopped, never earlier.
    const asked = h.sim.requests.entries({ path: '/api/v1/crews', tenant: 'big' }).filter((e) => e.status === 200).map((e) => Number(e.query.page));
    expect(asked.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('Search Employees with a filtered query, pageSize 7', async () => {
    const call: CardCall = { headers: h.connection(), options: { 'Result Set': 'Stream Matching Records' }, inputs: { 'Filter By': { 'Employment Status': 'Employed', Gender: 'Female', 'Sort Order': '-emp_code' } } };
    const stream = await streamed(h.app, 'searchEmployees', call);
    const expected = h.sim.tenant('demo').crews().filter((c) => c.emp_status === 'employed' && c.gender === 'female');
    expect(stream.records).to.have.length(expected.length).and.length.greaterThan(14);
    const { records, pages } = await walk(h.app, 'searchEmployees', call, 7);
    expect(comparable(records)).to.deep.equal(comparable(stream.records));
    expect(pages.length).to.equal(Math.ceil(records.length / 7) + (records.length % 7 === 0 ? 1 : 0));
  });

  it('List Departments, pageSize 30', async () => {
    const call: CardCall = { headers: h.connection(), options: { 'Result Set': 'Stream Records' } };
    const stream = await streamed(h.app, 'listDepartments', call);
    expect(stream.records.length).to.be.at.least(230);
    const { records } = await walk(h.app, 'listDepartments', call, 30);
    expect(comparable(records)).to.deep.equal(comparable(stream.records));
    expect(records.map((d) => d['Department ID'])).to.deep.equal(h.sim.tenant('demo').departments().map((d) => d.id));
  });

  it('List Employee Profiles with Changed Since, pageSize 13; Next Changed Since is taken at the first page and kept', async () => {
    const store = h.sim.tenant('demo');
    const changedSince = new Date(Date.now() - 1000).toISOString();
    const changed = store.crews().filter((_, i) => i % 5 === 0);
    for (const [i, crew] of changed.entries()) store.updateCrew(String(crew.id), { occupation: `changed ${i}` });
    const call: CardCall = { headers: h.connection(), options: { 'Result Set': 'Stream Records' }, inputs: { Sync: { 'Changed Since': changedSince } } };
    const stream = await streamed(h.app, 'listEmployeeProfiles', call);
    expect(stream.records.map((p) => p.smarthrId).sort()).to.deep.equal(changed.map((c) => c.id).sort());
    const started = Date.now();
    const watermarks: string[] = [];
    const { records, pages } = await walk(h.app, 'listEmployeeProfiles', call, 13, (_, page) => {
      watermarks.push(page['Next Changed Since'] as string);
    });
    expect(comparable(records)).to.deep.equal(comparable(stream.records));
    expect(pages.length).to.be.greaterThan(3);
    expect(new Set(watermarks).size).to.equal(1);
    const watermark = Date.parse(watermarks[0]!);
    expect(watermark).to.be.at.most(started).and.at.least(started - 6 * 60_000);
  });
});
