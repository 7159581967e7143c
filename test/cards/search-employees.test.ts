import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { streamCard, callCard, type Json } from './support.ts';

/** Adds days to a yyyy-MM-dd date. */
function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Every Search Employees filter, checked the way SmartHR applies it: the expected ids come from
 * the store (in SmartHR's order), and each filter must narrow to a non-empty proper subset, so
 * a filter the card dropped on the way would fail.
 */
describe('Search Employees: every filter narrows as SmartHR does', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const crews = () => h.sim.tenant('demo').crews() as Json[];

  async function searchIds(filter: Json): Promise<string[]> {
    const { records, last } = await streamCard(h, 'searchEmployees', { options: { 'Result Set': 'Stream Matching Records' }, inputs: { 'Filter By': filter } });
    expect(last['Records Streamed']).to.equal(records.length);
    return records.map((r) => r['Employee ID'] as string);
  }

  async function expectNarrows(filter: Json, predicate: (crew: Json) => boolean): Promise<void> {
    const want = crews().filter(predicate).map((c) => c.id as string);
    expect(want.length, 'the filter should match someone').to.be.greaterThan(0);
    expect(want.length, 'the filter should not match everyone').to.be.lessThan(crews().length);
    expect(await searchIds(filter)).to.deep.equal(want);
  }

  it('Employee Number: the one employee with that number', async () => {
    const crew = crews()[42]!;
    await expectNarrows({ 'Employee Number': crew.emp_code }, (c) => c.emp_code === crew.emp_code);
  });

  it('Employee Type IDs (Okta\'s label): employees of any of the employment types', async () => {
    const types = (h.sim.tenant('demo').employmentTypes() as Json[]).filter((t) => crews().some((c) => c.employment_type?.id === t.id)).slice(0, 2).map((t) => t.id);
    await expectNarrows({ 'Employee Type IDs': types }, (c) => types.includes(c.employment_type?.id));
  });

  for (const [label, value] of [['Employed', 'employed'], ['On Leave', 'absent'], ['Retired', 'retired']] as const) {
    it(`Employment Status ${label}: emp_status ${value}`, async () => {
      await expectNarrows({ 'Employment Status': label }, (c) => c.emp_status === value);
    });
  }

  it('Gender: Female and Male', async () => {
    await expectNarrows({ Gender: 'Female' }, (c) => c.gender === 'female');
    await expectNarrows({ Gender: 'Male' }, (c) => c.gender === 'male');
  });

  it('Sort Order: SmartHR sort keys, descending with a hyphen', async () => {
    const byCodeDesc = [...crews()].sort((a, b) => (a.emp_code < b.emp_code ? 1 : a.emp_code > b.emp_code ? -1 : 0)).map((c) => c.id);
    expect(await searchIds({ 'Sort Order': '-emp_code' })).to.deep.equal(byCodeDesc);
    const res = await callCard(h, 'searchEmployees', { options: { 'Result Set': 'First 100 Matching Records' }, inputs: { 'Filter By': { 'Sort Order': 'entered_at,emp_code' } } }).expect(200);
    const want = [...crews()].sort((a, b) => String(a.entered_at ?? '').localeCompare(String(b.entered_at ?? '')) || String(a.emp_code).localeCompare(String(b.emp_code)));
    expect(res.body.Result.Employees.map((e: Json) => e['Start Date'])).to.deep.equal(want.slice(0, 100).map((c) => c.entered_at));
  });

  it('Joined After and Joined Before: inclusive dates', async () => {
    const dates = crews().map((c) => c.entered_at as string | null).filter((d): d is string => d !== null).sort();
    const from = dates[Math.floor(dates.length / 3)]!;
    const to = dates[Math.floor((dates.length * 2) / 3)]!;
    await expectNarrows({ 'Joined After': from }, (c) => c.entered_at !== null && c.entered_at >= from);
    await expectNarrows({ 'Joined Before': to }, (c) => c.entered_at !== null && c.entered_at <= to);
    await expectNarrows({ 'Joined After': from, 'Joined Before': to }, (c) => c.entered_at !== null && c.entered_at >= from && c.entered_at <= to);
  });

  it('Joined Before as an ISO date-time is taken as its date in Japan time', async () => {
    // Someone's start date, given as the UTC instant of its midnight in Japan (the previous day in
    // UTC): read as a UTC date it would leave out everyone who joined on that day.
    const day = crews().map((c) => c.entered_at as string | null).filter((d): d is string => d !== null).sort()[100]!;
    const instant = `${shift(day, -1)}T15:00:00.000Z`;
    h.sim.requests.clear();
    await expectNarrows({ 'Joined Before': instant }, (c) => c.entered_at !== null && c.entered_at <= day);
    expect(h.sim.requests.entries({ path: '/api/v1/crews' })[0]!.query.entered_at_to).to.equal(day);
  });

  it('Resigned After and Resigned Before, including an ISO date-time in Japan time', async () => {
    const dates = crews().map((c) => c.resigned_at as string | null).filter((d): d is string => d !== null).sort();
    expect(dates.length).to.be.greaterThan(2);
    const mid = dates[Math.floor(dates.length / 2)]!;
    await expectNarrows({ 'Resigned After': mid }, (c) => c.resigned_at !== null && c.resigned_at >= mid);
    await expectNarrows({ 'Resigned Before': `${shift(mid, -1)}T20:00:00+00:00` }, (c) => c.resigned_at !== null && c.resigned_at <= mid);
  });

  it('User ID: the employee linked to that account', async () => {
    const linked = crews().find((c) => c.user_id)!;
    await expectNarrows({ 'User ID': linked.user_id }, (c) => c.user_id === linked.user_id);
  });

  it('Query: free word over names, departments and job titles', async () => {
    // Some seeded crews have no department (empty slots), so take one that has.
    const crew = crews().slice(7).find((c) => c.departments.some(Boolean))!;
    const department = crew.departments.find((d: Json) => d)?.name as string;
    const matchesText = (c: Json, word: string) =>
      [c.last_name, c.first_name, c.last_name_yomi, c.first_name_yomi, c.business_last_name, c.business_first_name, c.business_last_name_yomi, c.business_first_name_yomi, `${c.last_name}${c.first_name}`]
        .concat(c.departments.filter(Boolean).map((d: Json) => d.full_name), c.positions.map((p: Json) => p.name))
        .some((t) => typeof t === 'string' && t.toLowerCase().includes(word.toLowerCase()));
    await expectNarrows({ Query: crew.last_name }, (c) => matchesText(c, crew.last_name));
    await expectNarrows({ Query: department }, (c) => matchesText(c, department));
  });

  it('Employee IDs: exactly those employees, in SmartHR order', async () => {
    const chosen = [crews()[3]!.id, crews()[120]!.id, crews()[249]!.id];
    await expectNarrows({ 'Employee IDs': chosen }, (c) => chosen.includes(c.id));
  });

  it('Department IDs: employees in any of the departments', async () => {
    const ids = [...new Set(crews().flatMap((c) => c.departments.filter(Boolean).map((d: Json) => d.id as string)))].slice(0, 2);
    await expectNarrows({ 'Department IDs': ids }, (c) => c.departments.some((d: Json) => d && ids.includes(d.id)));
  });

  it('Job Title IDs: employees holding any of the job titles', async () => {
    const held = [...new Set(crews().flatMap((c) => c.positions.map((p: Json) => p.id as string)))];
    const ids = held.slice(0, 1);
    await expectNarrows({ 'Job Title IDs': ids }, (c) => c.positions.some((p: Json) => ids.includes(p.id)));
  });

  it('Fields: SmartHR returns only the named fields, so only their labels come back', async () => {
    const res = await callCard(h, 'searchEmployees', { options: { 'Result Set': 'First 100 Matching Records' }, inputs: { 'Filter By': { Fields: ['id', 'emp_code', 'last_name'] } } }).expect(200);
    const first = crews()[0]!;
    expect(res.body.Result.Employees[0]).to.deep.equal({ 'Employee ID': first.id, 'Employee Number': first.emp_code, 'Last Name': first.last_name });
  });

  it('filters combine with AND', async () => {
    await expectNarrows({ Gender: 'Female', 'Employment Status': 'Employed' }, (c) => c.gender === 'female' && c.emp_status === 'employed');
  });
});
