import { expect } from 'chai';
import { isCompleteCrew } from '../../simulator/seed/seed-tenant.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, type Json } from './support.ts';

/**
 * The simulator seeds "complete" employees with every SmartHR crew field filled. A card that maps
 * a field from the wrong SmartHR key (or drops one) leaves an output empty for them, whatever the
 * card's labels are; so every output leaf of the employee cards must be filled.
 */
function emptyLeaves(value: unknown, path = ''): string[] {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => emptyLeaves(item, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => emptyLeaves(item, path ? `${path} > ${key}` : key));
  return [];
}

describe('Employee cards on a complete employee: every output filled', () => {
  let h: Harness;
  let complete: Json[];
  before(async () => {
    h = await startHarness({ simulator: { tenants: { demo: { employees: 30 } } } });
    complete = (h.sim.tenant('demo').crews() as Json[]).filter((_, i) => isCompleteCrew(i));
  });
  after(() => h.close());

  it('Read Employee', async () => {
    expect(complete).to.have.length(3);
    for (const crew of complete) {
      const res = await callCard(h, 'readEmployee', { inputs: { Employee: { 'Employee ID': crew.id } } }).expect(200);
      expect(emptyLeaves(res.body), String(crew.emp_code)).to.deep.equal([]);
    }
  });

  it('Search Employees', async () => {
    const res = await callCard(h, 'searchEmployees', { options: { 'Result Set': 'First 100 Matching Records' }, inputs: {} }).expect(200);
    const records = Object.values(res.body.Result as Json).find(Array.isArray) as Json[];
    for (const crew of complete) {
      const record = records.find((r) => Object.values(r).includes(crew.id));
      expect(record, String(crew.emp_code)).to.be.an('object');
      expect(emptyLeaves(record), String(crew.emp_code)).to.deep.equal([]);
    }
  });

  it('List Employee Profiles', async () => {
    const res = await callCard(h, 'listEmployeeProfiles', { options: { 'Result Set': 'First 100 Records' } }).expect(200);
    const profiles = Object.values(res.body.Result as Json).find(Array.isArray) as Json[];
    for (const crew of complete) {
      const profile = profiles.find((p) => Object.values(p).includes(crew.id));
      expect(profile, String(crew.emp_code)).to.be.an('object');
      expect(emptyLeaves(profile), String(crew.emp_code)).to.deep.equal([]);
    }
  });
});
