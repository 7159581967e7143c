import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

describe('Update Employee', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const crewWith = (test: (c: Json) => boolean) => h.sim.tenant('demo').crews().find((c: Json) => test(c)) as Json;
  const update = (id: string, inputs: Json, token?: string, options: Json = {}) =>
    request(h.app).post('/cards/updateEmployee').set(h.connection(token ? { token } : {})).send({ options, inputs: { Employee: { 'Employee ID': id }, ...inputs } });
  const read = async (id: string) => (await request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': id } } }).expect(200)).body as Json;

  it('changes names and contact, and a following Read Employee shows the change', async () => {
    const crew = crewWith((c) => c.emp_status === 'employed');
    const res = await update(crew.id, { 'Basic Information': { 'Business Last Name': '鈴木', 'Phone Number': '03-0000-1111' } }).expect(200);
    expect(res.body['Basic Information']['Business Last Name']).to.equal('鈴木');
    const after = await read(crew.id);
    expect(after['Basic Information']['Business Last Name']).to.equal('鈴木');
    expect(after.Contact['Phone Number']).to.equal('03-0000-1111');
    expect(after['Basic Information']['Last Name']).to.equal(crew.last_name);
  });

  it('moves an employee to other departments and job titles', async () => {
    const crew = crewWith((c) => c.emp_status === 'employed');
    const departments = h.sim.tenant('demo').departments().slice(-2) as Json[];
    await update(crew.id, { 'Employment Information': { 'Department IDs': departments.map((d) => d.id), 'Job Titles': ['部長', 'プロダクトオーナー'] } }).expect(200);
    const info = (await read(crew.id))['Employment Information'];
    expect(info.Departments.map((d: Json) => d['Department ID'])).to.deep.equal(departments.map((d) => d.id));
    expect(info['Job Titles'].map((j: Json) => j.Name)).to.deep.equal(['部長', 'プロダクトオーナー']);
  });

  it('sets a custom field by template name, and a dropdown by element name', async () => {
    const store = h.sim.tenant('demo');
    const text = (store.templates() as Json[]).find((t) => t.type === 'string')!;
    const dropdown = (store.templates() as Json[]).find((t) => t.type === 'enum' && t.elements.length > 1)!;
    const element = dropdown.elements[1];
    const crew = crewWith((c) => c.emp_status === 'employed');
    await update(crew.id, { 'Custom Fields': { Values: { [text.name]: '社内報担当', [dropdown.name]: element.name } } }).expect(200);
    const stored = store.crew(crew.id) as Json;
    const byTemplate = (id: string) => (stored.custom_fields as Json[]).find((f) => f.template.id === id)?.value;
    expect(byTemplate(text.id)).to.equal('社内報担当');
    // SmartHR reports a dropdown value by the element's physical name when it has one, else by its id.
    expect(byTemplate(dropdown.id)).to.equal(element.physical_name ?? element.id);
    const after = await read(crew.id);
    expect(after['Custom Fields']['Values By Name'][dropdown.name]).to.equal(element.name);
  });

  it('names an unknown custom field and an unknown dropdown choice, and changes nothing', async () => {
    const store = h.sim.tenant('demo');
    const crew = crewWith((c) => c.emp_status === 'employed');
    // The stored record, not a rendering: attachment URLs in a rendering expire and differ per read.
    const before = structuredClone(store.crewRecord(crew.id));
    const unknown = await update(crew.id, { 'Custom Fields': { Values: { 'No Such Field': 'x' } }, 'Basic Information': { 'First Name': '変更' } }).expect(400);
    expect(unknown.body.error.message).to.include('No Such Field');
    const dropdown = (store.templates() as Json[]).find((t) => t.type === 'enum')!;
    const badChoice = await update(crew.id, { 'Custom Fields': { Values: { [dropdown.name]: 'not a choice' } } }).expect(400);
    expect(badChoice.body.error.details[0].message).to.include(dropdown.elements[0].name);
    expect(store.crewRecord(crew.id)).to.deep.equal(before);
  });

  it('explains SmartHR\'s rule when a set Birth Date is cleared (Clear Empty Values? Yes): 400 naming "Birth Date"', async () => {
    const crew = crewWith((c) => Boolean(c.birth_at));
    const res = await update(crew.id, { 'Basic Information': { 'Birth Date': '' } }, undefined, { 'Clear Empty Values?': 'Yes' }).expect(400);
    expect(res.body.error.code).to.equal('invalid_input');
    expect(res.body.error.message).to.include('Birth Date');
    expect(res.body.error.details[0]).to.include({ field: 'Birth Date', smarthrField: 'birth_at' });
    expect((h.sim.tenant('demo').crew(crew.id) as Json).birth_at).to.equal(crew.birth_at);
  });

  it('refuses an unknown input label instead of silently dropping it', async () => {
    const crew = crewWith(() => true);
    const res = await update(crew.id, { 'Basic Information': { 'Lastname': 'x' } }).expect(400);
    expect(res.body.error.details[0]).to.include({ field: 'Lastname', pointer: '/inputs/Basic Information/Lastname' });
  });

  it('answers 403 naming the endpoint and the permission when the token may only read', async () => {
    const crew = crewWith(() => true);
    const res = await update(crew.id, { 'Basic Information': { 'Business First Name': 'x' } }, 'demo-readonly').expect(403);
    expect(res.body.error.code).to.equal('forbidden');
    expect(res.body.error.message).to.include('/api/v1/crews').and.include('Write');
  });
});
