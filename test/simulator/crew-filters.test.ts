import { expect } from 'chai';
import { BEARER, tenantApi, useSimulator, type CrewJson } from './helpers.ts';

/**
 * Each filter is checked against the same question asked of the store directly, and must
 * narrow: a non-empty proper subset of the tenant, so a filter that is ignored fails.
 */
describe('simulator: crew list filters', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 250 } } });

  async function ids(query: string): Promise<string[]> {
    const res = await tenantApi(ctx.sim).get(`/api/v1/crews?per_page=100&${query}`).set(BEARER).expect(200);
    const total = Number(res.headers['x-total-count']);
    const rows = (res.body as CrewJson[]).map((c) => c.id);
    for (let page = 2; rows.length < total; page++) {
      const next = await tenantApi(ctx.sim).get(`/api/v1/crews?per_page=100&page=${page}&${query}`).set(BEARER).expect(200);
      rows.push(...(next.body as CrewJson[]).map((c) => c.id));
    }
    return rows;
  }

  function expected(predicate: (crew: CrewJson) => boolean): string[] {
    return (ctx.sim.tenant('demo').crews() as CrewJson[]).filter(predicate).map((c) => c.id);
  }

  async function expectNarrows(query: string, predicate: (crew: CrewJson) => boolean): Promise<void> {
    const want = expected(predicate);
    expect(want.length, `${query} should match some crews`).to.be.greaterThan(0);
    expect(want.length, `${query} should not match every crew`).to.be.lessThan(ctx.sim.tenant('demo').crews().length);
    expect(await ids(query)).to.deep.equal(want);
  }

  const all = (): CrewJson[] => ctx.sim.tenant('demo').crews() as CrewJson[];
  const deptIds = (c: CrewJson): string[] => (c.departments as Array<{ id: string } | null>).flatMap((d) => (d ? [d.id] : []));
  const positionIds = (c: CrewJson): string[] => (c.positions as Array<{ id: string }>).map((p) => p.id);

  /** What SmartHR's free word searches: names, business names, department and job title names. */
  const searchable = (c: CrewJson): string[] => [
    ...['last_name', 'first_name', 'last_name_yomi', 'first_name_yomi', 'business_last_name', 'business_first_name', 'business_last_name_yomi', 'business_first_name_yomi'].map((k) => String(c[k] ?? '')),
    ...(c.departments as Array<{ full_name: string } | null>).map((d) => d?.full_name ?? ''),
    ...(c.positions as Array<{ name: string }>).map((p) => p.name),
  ];

  it('emp_code', async () => {
    await expectNarrows('emp_code=0042', (c) => c.emp_code === '0042');
  });

  it('emp_status (each value)', async () => {
    for (const status of ['employed', 'absent', 'retired']) await expectNarrows(`emp_status=${status}`, (c) => c.emp_status === status);
  });

  it('gender', async () => {
    await expectNarrows('gender=female', (c) => c.gender === 'female');
  });

  it('employment_type_id (comma-separated)', async () => {
    const types = ctx.sim.tenant('demo').employmentTypes();
    const picked = [types[0]?.id, types[4]?.id].map(String);
    await expectNarrows(`employment_type_id=${picked.join(',')}`, (c) => picked.includes(String((c.employment_type as { id: string } | null)?.id)));
  });

  it('emp_type (deprecated, one preset type): matched through the employment type, custom types never', async () => {
    const preset = (c: CrewJson): unknown => (c.employment_type as { preset_type: string | null } | null)?.preset_type;
    for (const value of ['full_timer', 'board_member', 'part_timer']) await expectNarrows(`emp_type=${value}`, (c) => preset(c) === value);
    expect(all().some((c) => c.employment_type !== null && preset(c) === null)).to.equal(true);
  });

  it('department_id (comma-separated)', async () => {
    const firstTwo = [...new Set(all().map((c) => deptIds(c)[0] ?? ''))].slice(0, 2);
    await expectNarrows(`department_id=${firstTwo.join(',')}`, (c) => deptIds(c).some((d) => firstTwo.includes(d)));
  });

  it('position_id (comma-separated)', async () => {
    const titles = ctx.sim.tenant('demo').jobTitles().map((t) => String(t.id));
    const picked = titles.slice(3, 5);
    await expectNarrows(`position_id=${picked.join(',')}`, (c) => positionIds(c).some((p) => picked.includes(p)));
  });

  it('user_id (comma-separated)', async () => {
    const users = ctx.sim.tenant('demo').users().slice(0, 3).map((u) => String(u.id));
    await expectNarrows(`user_id=${users.join(',')}`, (c) => users.includes(String(c.user_id)));
  });

  it('id (comma-separated)', async () => {
    const picked = all().slice(10, 13).map((c) => c.id);
    await expectNarrows(`id=${picked.join(',')}`, (c) => picked.includes(c.id));
  });

  it('entered_at_from / entered_at_to (inclusive)', async () => {
    await expectNarrows('entered_at_from=2015-04-01&entered_at_to=2018-04-01', (c) => {
      const d = String(c.entered_at);
      return c.entered_at !== null && d >= '2015-04-01' && d <= '2018-04-01';
    });
    // Inclusive on both ends: seeded entries are on 1 April, so the exact dates must match.
    const onDay = expected((c) => c.entered_at === '2015-04-01');
    expect(onDay.length).to.be.greaterThan(0);
    expect(await ids('entered_at_from=2015-04-01&entered_at_to=2015-04-01')).to.deep.equal(onDay);
  });

  it('resigned_at_from / resigned_at_to', async () => {
    await expectNarrows('resigned_at_from=2018-01-01', (c) => c.resigned_at !== null && String(c.resigned_at) >= '2018-01-01');
    await expectNarrows('resigned_at_to=2017-12-31', (c) => c.resigned_at !== null && String(c.resigned_at) <= '2017-12-31');
  });

  it('q: a name, a katakana reading, a full name, a department name and a job title', async () => {
    const someone = all()[20];
    const last = String(someone?.last_name);
    await expectNarrows(`q=${encodeURIComponent(last)}`, (c) => searchable(c).some((text) => text.includes(last)));
    const yomi = String(someone?.first_name_yomi);
    const byYomi = await ids(`q=${encodeURIComponent(yomi)}`);
    expect(byYomi).to.include(someone?.id);
    const full = `${last}${String(someone?.first_name)}`;
    const byFull = await ids(`q=${encodeURIComponent(full)}`);
    expect(byFull).to.include(someone?.id);
    expect(byFull.length).to.be.lessThan(all().length);
    await expectNarrows(`q=${encodeURIComponent('大阪営業課')}`, (c) => (c.departments as Array<{ name: string } | null>).some((d) => d?.name === '大阪営業課'));
    await expectNarrows(`q=${encodeURIComponent('部長')}`, (c) => (c.positions as Array<{ name: string }>).some((p) => p.name.includes('部長')));
  });

  it('q with prefer_business_name matches a business name, not the legal name it replaces', async () => {
    const store = ctx.sim.tenant('demo');
    const crew = store.insertCrew({ last_name: '旧姓山', first_name: '花', business_last_name: '通称川', business_first_name: '花' });
    expect(await ids(`q=${encodeURIComponent('通称川')}&prefer_business_name=true`)).to.deep.equal([crew.id]);
    expect(await ids(`q=${encodeURIComponent('旧姓山')}&prefer_business_name=true`)).to.deep.equal([]);
    expect(await ids(`q=${encodeURIComponent('旧姓山')}`)).to.deep.equal([crew.id]);
    store.deleteCrew(String(crew.id));
  });

  it('filters combine (AND)', async () => {
    await expectNarrows('emp_status=employed&gender=male', (c) => c.emp_status === 'employed' && c.gender === 'male');
  });

  it('invalid filter values are 400 code 1 naming the parameter', async () => {
    for (const [query, field] of [['emp_status=fired', 'emp_status'], ['gender=x', 'gender'], ['entered_at_from=2020-02-30', 'entered_at_from'], ['emp_type=intern', 'emp_type']]) {
      const res = await tenantApi(ctx.sim).get(`/api/v1/crews?${query}`).set(BEARER).expect(400);
      expect(res.body.errors[0].field).to.equal(field);
    }
  });

  it('a crew inserted between two page fetches shows up on the next request', async () => {
    const first = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=100&page=3').set(BEARER).expect(200);
    expect(first.headers['x-total-count']).to.equal('250');
    const inserted = ctx.sim.tenant('demo').insertCrew({ last_name: '途中追加' });
    const again = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=100&page=3').set(BEARER).expect(200);
    expect(again.headers['x-total-count']).to.equal('251');
    expect((again.body as CrewJson[]).at(-1)?.id).to.equal(inserted.id);
    ctx.sim.tenant('demo').deleteCrew(String(inserted.id));
  });
});
