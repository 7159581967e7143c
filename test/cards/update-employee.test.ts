import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, type Json } from './support.ts';

/** Extends test/connector/update-employee.test.ts: what that file does not cover yet. */
describe('Update Employee (more of the chain)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const store = () => h.sim.tenant('demo');
  const update = (id: string, inputs: Json) => callCard(h, 'updateEmployee', { inputs: { Employee: { 'Employee ID': id }, ...inputs } });
  const read = async (id: string) => (await callCard(h, 'readEmployee', { inputs: { Employee: { 'Employee ID': id } } }).expect(200)).body as Json;

  it('takes a custom field by template ID and a dropdown value by element ID as well as by name', async () => {
    const dropdown = (store().templates() as Json[]).find((t) => t.type === 'enum' && t.elements.length > 1)!;
    const choice = dropdown.elements[0] as Json;
    const crew = (store().crews() as Json[])[5]!;
    await update(crew.id, { 'Custom Fields': { Values: { [dropdown.id]: choice.id } } }).expect(200);
    expect((await read(crew.id))['Custom Fields']['Values By Name'][dropdown.name]).to.equal(choice.name);
  });

  it('clears a custom field with an empty value', async () => {
    const text = (store().templates() as Json[]).find((t) => t.type === 'string')!;
    const crew = (store().crews() as Json[])[6]!;
    await update(crew.id, { 'Custom Fields': { Values: { [text.name]: '一時的' } } }).expect(200);
    expect((await read(crew.id))['Custom Fields']['Values By Name'][text.name]).to.equal('一時的');
    await update(crew.id, { 'Custom Fields': { Values: { [text.name]: null } } }).expect(200);
    expect((await read(crew.id))['Custom Fields']['Values By Name'][text.name] ?? null).to.equal(null);
  });

  it('changes employment type, status and resignation with dates taken in Japan time', async () => {
    const crew = (store().crews() as Json[]).find((c) => c.emp_status === 'employed')!;
    const type = (store().employmentTypes() as Json[]).find((t) => t.id !== crew.employment_type?.id)!;
    await update(crew.id, { 'Employment Information': { 'Employment Type ID': type.id }, 'Employment Status': { 'Employment Status': 'Retired', 'Resigned Date': '2025-03-31T15:30:00Z', 'Resignation Reason': '転職' } }).expect(200);
    const after = await read(crew.id);
    expect(after['Employment Status']).to.deep.include({ 'Employment Status': 'retired', 'Resigned Date': '2025-04-01', 'Resignation Reason': '転職' });
    expect(after['Employment Information']['Employment Type']).to.include({ ID: type.id, Name: type.name });
  });

  it('replaces the whole address; an address without City is refused naming "City"', async () => {
    const crew = (store().crews() as Json[]).find((c) => c.address?.city)!;
    const partial = await update(crew.id, { Address: { Building: '新館 3F' } }).expect(400);
    expect(partial.body.error.details[0]).to.include({ field: 'City' });
    expect((store().crew(crew.id) as Json).address.building).to.equal(crew.address.building);
    await update(crew.id, { Address: { 'Zip Code': '150-0001', Prefecture: '東京都', City: '渋谷区', Street: '神宮前1-1-1', Building: '新館 3F' } }).expect(200);
    expect((await read(crew.id)).Address).to.include({ 'Zip Code': '150-0001', Prefecture: '東京都', City: '渋谷区', Street: '神宮前1-1-1', Building: '新館 3F' });
  });
});
