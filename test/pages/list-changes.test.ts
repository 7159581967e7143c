import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { walk, type CardCall } from './support.ts';

type Json = Record<string, any>;

/**
 * SmartHR's list changes between two page calls. The promise: no record that existed for the
 * whole walk is skipped; a record may come twice (the cursor cannot remember every id returned,
 * so when the list shrank it reads again from as many records earlier).
 */
describe('pages: the list changes between page calls', () => {
  let h: Harness;
  const TENANTS = ['grows', 'shifts', 'loses-read', 'loses-unread', 'loses-mid-page'];
  before(async () => {
    h = await startHarness({ simulator: { tenants: Object.fromEntries(TENANTS.map((t) => [t, { employees: 300 }])) } });
  });
  after(() => h.close());

  const ids = (tenant: string) => h.sim.tenant(tenant).crews().map((c) => String(c.id));
  const search = (tenant: string, filterBy: Json = {}): CardCall => ({ headers: h.connection({ tenant }), options: { 'Result Set': 'Stream Matching Records' }, inputs: { 'Filter By': filterBy } });
  /** The walk, with `change` made once right after the first page was answered. */
  async function walkChangingAfterFirstPage(tenant: string, pageSize: number, change: () => void, filterBy?: Json): Promise<string[]> {
    const { records } = await walk(h.app, 'searchEmployees', search(tenant, filterBy), pageSize, (page) => {
      if (page === 1) change();
    });
    return records.map((r) => String(r['Employee ID']));
  }

  it('a record added at the end is reached, and nothing comes twice', async () => {
    const before = ids('grows');
    let added = '';
    const got = await walkChangingAfterFirstPage('grows', 100, () => {
      added = String(h.sim.tenant('grows').insertCrew({ last_name: '追加', first_name: '太郎', emp_code: 'Z-NEW' }).id);
    });
    expect(got).to.deep.equal([...before, added]);
  });

  it('a record added before the position pushes the rest forward: the one pushed over the boundary comes twice, none is skipped', async () => {
    const before = ids('shifts');
    const got = await walkChangingAfterFirstPage('shifts', 100, () => {
      h.sim.tenant('shifts').insertCrew({ last_name: '先頭', first_name: '花子', emp_code: '0000' });
    }, { 'Sort Order': 'emp_code' });
    const firstSeen = got.filter((id, i) => got.indexOf(id) === i);
    expect(firstSeen.filter((id) => before.includes(id))).to.deep.equal(before);
    expect(got.length - firstSeen.length).to.equal(1);
    expect(got[100]).to.equal(before[99]);
  });

  it('a record deleted from the part already read: the record that slides back is read again, not skipped', async () => {
    const before = ids('loses-read');
    const got = await walkChangingAfterFirstPage('loses-read', 100, () => h.sim.tenant('loses-read').deleteCrew(before[10]!));
    // before[100] moved to index 99, which the first page had already covered; the next page starts there.
    expect(got).to.deep.equal(before);
  });

  it('a record deleted from the part not read yet: the walk reads one record earlier, so one comes twice', async () => {
    const before = ids('loses-unread');
    const deleted = before[150]!;
    const got = await walkChangingAfterFirstPage('loses-unread', 100, () => h.sim.tenant('loses-unread').deleteCrew(deleted));
    expect(got).to.deep.equal([...before.slice(0, 100), before[99], ...before.slice(100).filter((id) => id !== deleted)]);
  });

  it('a page that ended inside a SmartHR page resumes there, and a deletion before it is caught the same way', async () => {
    const before = ids('loses-mid-page');
    const got = await walkChangingAfterFirstPage('loses-mid-page', 30, () => h.sim.tenant('loses-mid-page').deleteCrew(before[3]!));
    expect(got).to.deep.equal(before);
  });
});
