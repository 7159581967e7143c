import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

describe('Read Employee', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const read = (id: string) => request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': id } } });

  it('maps the SmartHR crew onto the card groups, keyed by label', async () => {
    const crew = h.sim.tenant('demo').crews().find((c: Json) => c.departments?.some(Boolean) && c.custom_fields?.length > 0) as Json;
    const res = await read(crew.id).expect(200);
    const out = res.body as Json;
    expect(out['Basic Information']).to.include({
      'Employee ID': crew.id,
      'Last Name': crew.last_name,
      'First Name': crew.first_name,
      'Last Name Yomi': crew.last_name_yomi,
      Email: crew.email,
      'Birth Date': crew.birth_at,
      'Updated At': crew.updated_at,
    });
    expect(out['Employment Status']).to.deep.equal({
      'Employment Status': crew.emp_status,
      'Start Date': crew.entered_at,
      'Resigned Date': crew.resigned_at,
      'Resignation Reason': crew.resigned_reason,
    });
    expect(out['Employment Information']['Employee Number']).to.equal(crew.emp_code);
    expect(out['Employment Information']['Employment Type']).to.deep.equal({
      ID: crew.employment_type.id, Name: crew.employment_type.name, 'Preset Type': crew.employment_type.preset_type, Code: crew.employment_type.code,
    });
    const departments = (crew.departments as Json[]).filter(Boolean);
    expect(out['Employment Information'].Departments.map((d: Json) => d['Department ID'])).to.deep.equal(departments.map((d) => d.id));
    expect(out['Employment Information'].Departments[0]['Full Name']).to.equal(departments[0]!.full_name);
    expect(out.Address.Prefecture).to.equal(crew.address?.pref ?? null);
    const named = out['Custom Fields']['Values By Name'] as Json;
    expect(Object.keys(named)).to.have.length(crew.custom_fields.length);
    expect(out['Custom Fields'].Values[0]['Template ID']).to.equal(crew.custom_fields[0].template.id);
  });

  it('gives dropdown custom fields by element name', async () => {
    const crew = h.sim.tenant('demo').crews().find((c: Json) => c.custom_fields?.some((f: Json) => f.template.type === 'enum' && f.value)) as Json;
    const field = (crew.custom_fields as Json[]).find((f) => f.template.type === 'enum' && f.value)!;
    const element = (field.template.elements as Json[]).find((e) => e.id === field.value)!;
    const res = await read(crew.id).expect(200);
    expect(res.body['Custom Fields']['Values By Name'][field.template.name]).to.equal(element.name);
  });

  it('answers 404 for an unknown employee, keeping SmartHR\'s message', async () => {
    const res = await read('00000000-0000-0000-0000-000000000000').expect(404);
    expect(res.body.error).to.include({ status: 404, code: 'not_found' });
    expect(res.body.error.message).to.be.a('string').and.not.empty;
  });

  it('refuses an Employee ID that would walk to another endpoint, before calling SmartHR', async () => {
    h.sim.requests.clear();
    for (const id of ['..', '../users', 'a/b', '%2e%2e', 'a?b', 'x'.repeat(65)]) {
      const res = await read(id).expect(400);
      expect(res.body.error.details[0].field).to.equal('Employee ID');
    }
    expect(h.sim.requests.count()).to.equal(0);
  });

  it('names the missing Employee ID by its label', async () => {
    const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: {} } }).expect(400);
    expect(res.body.error.details).to.deep.include({
      field: 'Employee ID',
      pointer: '/inputs/Employee/Employee ID',
      message: 'No Employee ID input provided. Enter a valid Employee ID.',
    });
  });
});
