import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

function ndjson(res: request.Response): Json[] {
  return (res.text ?? '').trim().split('\n').map((l) => JSON.parse(l) as Json);
}

describe('List Employee Profiles', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const stream = (inputs: Json) =>
    request(h.app).post('/cards/listEmployeeProfiles').set(h.connection()).send({ options: { 'Result Set': 'Stream Records' }, inputs }).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => done(null, text));
    });
  const ids = async (inputs: Json) => {
    const res = await stream(inputs).expect(200);
    res.text = res.body as string;
    const lines = ndjson(res);
    expect(lines.at(-1)).to.have.property('Records Streamed', lines.length - 1);
    return lines.slice(0, -1).map((p) => p.smarthrId as string).sort();
  };
  const crews = () => h.sim.tenant('demo').crews() as Json[];
  const expectIds = (keep: (c: Json) => boolean) => crews().filter(keep).map((c) => c.id as string).sort();
  const inDepartment = (c: Json, ids: Set<string>) => (c.departments ?? []).some((d: Json | null) => d && ids.has(d.id));
  // Seeded addresses are in Japan (no country number, or 392 on complete crews) unless a test moves one to 840.
  const country = (c: Json) => (c.address ? (c.address.country_number == null || c.address.country_number === '392' ? 'JP' : c.address.country_number === '840' ? 'US' : 'other') : null);

  it('streams every employee as a profile keyed by Okta attribute names, then the count and Next Changed Since', async () => {
    const started = Date.now();
    const res = await stream({}).expect(200);
    res.text = res.body as string;
    const lines = ndjson(res);
    const last = lines.at(-1)!;
    expect(last['Records Streamed']).to.equal(crews().length);
    const next = Date.parse(last['Next Changed Since']);
    expect(next).to.be.at.most(started).and.at.least(started - 6 * 60_000);
    const sample = crews()[0]!;
    expect(lines.find((p) => p.smarthrId === sample.id)).to.include({ employeeNumber: sample.emp_code, email: sample.email, lastName: sample.last_name });
  });

  it('First 100 Records answers a list and Next Changed Since', async () => {
    const res = await request(h.app).post('/cards/listEmployeeProfiles').set(h.connection()).send({ options: { 'Result Set': 'First 100 Records' } }).expect(200);
    expect(res.body.Result.Profiles).to.have.length(100);
    expect(res.body.Result['Next Changed Since']).to.be.a('string');
  });

  it('shows a retired employee as INACTIVE', async () => {
    const retired = crews().find((c) => c.emp_status === 'retired')!;
    const res = await stream({ 'Status Filter': { 'Employment Statuses': ['Retired'] } }).expect(200);
    res.text = res.body as string;
    const profile = ndjson(res).find((p) => p.smarthrId === retired.id)!;
    expect(profile).to.include({ status: 'INACTIVE', endDate: retired.resigned_at });
  });

  it('filters by one included status, pushed down to SmartHR', async () => {
    h.sim.requests.clear();
    expect(await ids({ 'Status Filter': { 'Employment Statuses': ['On Leave'] } })).to.deep.equal(expectIds((c) => c.emp_status === 'absent'));
    expect(h.sim.requests.entries({ path: '/api/v1/crews' }).every((r) => r.query.emp_status === 'absent')).to.equal(true);
  });

  it('excludes statuses after fetching', async () => {
    expect(await ids({ 'Status Filter': { 'Employment Statuses': ['Retired', 'On Leave'], Mode: 'Exclude' } })).to.deep.equal(expectIds((c) => c.emp_status === 'employed'));
  });

  it('filters by employment type name (include, pushed down) and excludes one', async () => {
    const type = crews().find((c) => c.employment_type)!.employment_type as Json;
    h.sim.requests.clear();
    expect(await ids({ 'Employment Type Filter': { 'Employment Types': [type.name] } })).to.deep.equal(expectIds((c) => c.employment_type?.id === type.id));
    expect(h.sim.requests.entries().some((r) => r.query.employment_type_id === type.id)).to.equal(true);
    expect(await ids({ 'Employment Type Filter': { 'Employment Types': [type.id], Mode: 'Exclude' } })).to.deep.equal(expectIds((c) => c.employment_type?.id !== type.id));
  });

  it('filters by department name, with and without sub-departments, include and exclude', async () => {
    const departments = h.sim.tenant('demo').departments() as Json[];
    const parent = departments.find((d) => departments.some((child) => child.parent?.id === d.id) && !d.parent)!;
    const below = new Set<string>([parent.id]);
    for (let grew = true; grew;) {
      grew = false;
      for (const d of departments) if (d.parent && below.has(d.parent.id) && !below.has(d.id)) { below.add(d.id); grew = true; }
    }
    expect(await ids({ 'Department Filter': { Departments: [parent.name] } })).to.deep.equal(expectIds((c) => inDepartment(c, new Set([parent.id]))));
    const withSubs = await ids({ 'Department Filter': { Departments: [parent.name], 'Include Sub-departments': true } });
    expect(withSubs).to.deep.equal(expectIds((c) => inDepartment(c, below)));
    expect(withSubs.length).to.be.greaterThan(0);
    expect(await ids({ 'Department Filter': { Departments: [parent.id], 'Include Sub-departments': true, Mode: 'Exclude' } })).to.deep.equal(expectIds((c) => !inDepartment(c, below)));
  });

  it('filters by country of the address, include and exclude', async () => {
    const store = h.sim.tenant('demo');
    const abroad = crews().find((c) => c.address)!;
    store.updateCrew(abroad.id, { address: { ...abroad.address, country_number: '840' } });
    expect(await ids({ 'Country Filter': { Countries: ['us'] } })).to.deep.equal([abroad.id]);
    expect(await ids({ 'Country Filter': { Countries: ['JP'], Mode: 'Exclude' } })).to.deep.equal(expectIds((c) => country(c) !== 'JP'));
  });

  it('combines filters with AND across kinds and OR within one', async () => {
    const type = crews().find((c) => c.employment_type)!.employment_type as Json;
    const got = await ids({
      'Status Filter': { 'Employment Statuses': ['Employed', 'On Leave'] },
      'Employment Type Filter': { 'Employment Types': [type.name] },
      'Country Filter': { Countries: ['JP'] },
    });
    expect(got).to.deep.equal(expectIds((c) => ['employed', 'absent'].includes(c.emp_status) && c.employment_type?.id === type.id && country(c) === 'JP'));
  });

  it('names an unknown department instead of returning nobody', async () => {
    const res = await request(h.app).post('/cards/listEmployeeProfiles').set(h.connection())
      .send({ options: { 'Result Set': 'First 100 Records' }, inputs: { 'Department Filter': { Departments: ['存在しない部'] } } }).expect(400);
    expect(res.body.error.details[0].field).to.equal('Departments');
  });

  it('incremental: returns only employees changed since the watermark, and a change made during a run comes back next run', async () => {
    const store = h.sim.tenant('demo');
    const first = await stream({}).expect(200);
    first.text = first.body as string;
    const watermark = ndjson(first).at(-1)!['Next Changed Since'] as string;

    const before = crews()[3]!;
    store.updateCrew(before.id, { occupation: '変更1' });
    // A change that lands while the next run is under way (when it asks for its first page).
    const during = crews()[200]!;
    let changed = false;
    const stop = h.sim.onRequest((info) => {
      if (!changed && info.path.endsWith('/crews')) {
        changed = true;
        store.updateCrew(during.id, { occupation: '変更2' });
      }
    });
    const second = await stream({ 'Sync': { 'Changed Since': watermark } }).expect(200);
    stop();
    second.text = second.body as string;
    const lines = ndjson(second);
    const got = lines.slice(0, -1).map((p) => p.smarthrId);
    expect(got).to.include(before.id);
    expect(got.length).to.be.lessThan(crews().length);
    expect(got.every((id) => Date.parse(store.crew(id).updated_at as string) >= Date.parse(watermark))).to.equal(true);

    const third = await stream({ 'Sync': { 'Changed Since': lines.at(-1)!['Next Changed Since'] } }).expect(200);
    third.text = third.body as string;
    expect(ndjson(third).slice(0, -1).map((p) => p.smarthrId)).to.include(during.id);
  });

  it('an incremental run stops paging at the watermark', async () => {
    h.sim.requests.clear();
    await ids({ 'Sync': { 'Changed Since': new Date(Date.now() + 60_000).toISOString() } });
    const pages = h.sim.requests.entries().filter((r) => r.path.endsWith('/crews'));
    expect(pages.length).to.be.at.most(1 + 4);
    expect(pages[0]!.query.sort).to.equal('-updated_at');
  });
});
