import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, expectWriteForbidden, type Json } from './support.ts';

describe('Departments, job titles, employment types and users', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const store = () => h.sim.tenant('demo');

  describe('Departments', () => {
    const readDepartment = async (id: string) => (await callCard(h, 'readDepartment', { inputs: { Department: { 'Department ID': id } } }).expect(200)).body.Department as Json;

    it('Read Department maps the department with its parent chain and children', async () => {
      const child = (store().departments() as Json[]).find((d) => d.parent && d.children.length > 0) ?? (store().departments() as Json[]).find((d) => d.parent)!;
      const dept = await readDepartment(child.id);
      expect(dept).to.include({ 'Department ID': child.id, Name: child.name, 'Full Name': child.full_name, Code: child.code, Position: child.position });
      expect(dept.Parent).to.include({ 'Department ID': child.parent.id, Name: child.parent.name });
      expect(dept.Children.map((c: Json) => c['Department ID'])).to.deep.equal(child.children.map((c: Json) => c.id));
    });

    it('Create Department under a parent, then Read Department shows it in the tree', async () => {
      const parent = (store().departments() as Json[])[0]!;
      const res = await callCard(h, 'createDepartment', { inputs: { Department: { Name: '新規事業室', Code: 'NEW-1', 'Parent Department ID': parent.id } } }).expect(200);
      const created = res.body.Department as Json;
      expect(created).to.include({ Name: '新規事業室', Code: 'NEW-1', 'Full Name': `${parent.full_name}/新規事業室` });
      expect(store().department(created['Department ID'])).to.include({ name: '新規事業室', code: 'NEW-1' });
      const readBack = await readDepartment(created['Department ID']);
      expect(readBack.Parent['Department ID']).to.equal(parent.id);
      expect((await readDepartment(parent.id)).Children.map((c: Json) => c['Department ID'])).to.include(created['Department ID']);
    });

    it('Create Department refuses a name with a slash before calling SmartHR, naming Name', async () => {
      const before = store().departments().length;
      const res = await callCard(h, 'createDepartment', { inputs: { Department: { Name: '営業/東京' } } }).expect(400);
      expect(res.body.error.details[0].field).to.equal('Name');
      expect(store().departments()).to.have.length(before);
    });

    it('Update Department changes only what is filled; Read Department shows it', async () => {
      const target = (store().departments() as Json[]).find((d) => d.code)!;
      const res = await callCard(h, 'updateDepartment', { inputs: { Department: { 'Department ID': target.id }, 'Department Details': { Name: '改名部' } } }).expect(200);
      expect(res.body.Department).to.include({ Name: '改名部', Code: target.code });
      expect(await readDepartment(target.id)).to.include({ Name: '改名部', Code: target.code, Position: target.position });
    });

    it('Discontinue Department answers 204 with the department ID, and it is gone from Read and List', async () => {
      const created = store().insertDepartment({ name: '廃止予定部' });
      const res = await callCard(h, 'discontinueDepartment', { inputs: { Department: { 'Department ID': created.id }, Discontinuation: { 'Discontinued Date': '2024-03-31T15:00:00Z' } } }).expect(200);
      expect(res.body).to.deep.equal({ Result: { 'Status Code': 204, 'Department ID': created.id } });
      const gone = await callCard(h, 'readDepartment', { inputs: { Department: { 'Department ID': created.id } } }).expect(404);
      expect(gone.body.error.code).to.equal('not_found');
      const list = await callCard(h, 'listDepartments', { options: { 'Result Set': 'First 100 Records' } }).expect(200);
      expect(list.body.Result.Departments.map((d: Json) => d['Department ID'])).not.to.include(created.id);
    });

    it('Discontinue Department passes on SmartHR\'s refusal of a future date, naming Discontinued Date', async () => {
      const created = store().insertDepartment({ name: '未来廃止部' });
      const res = await callCard(h, 'discontinueDepartment', { inputs: { Department: { 'Department ID': created.id }, Discontinuation: { 'Discontinued Date': '2999-12-31' } } }).expect(400);
      expect(res.body.error.message).to.include('Discontinued Date');
      expect(store().department(created.id as string).id).to.equal(created.id);
    });

    it('write cards answer 403 to a read-only token, naming /api/v1/departments and Write', async () => {
      const target = (store().departments() as Json[])[0]!;
      await expectWriteForbidden(h, 'createDepartment', { inputs: { Department: { Name: '読専部' } } }, '/api/v1/departments');
      await expectWriteForbidden(h, 'updateDepartment', { inputs: { Department: { 'Department ID': target.id }, 'Department Details': { Name: 'x' } } }, '/api/v1/departments');
      await expectWriteForbidden(h, 'discontinueDepartment', { inputs: { Department: { 'Department ID': target.id }, Discontinuation: { 'Discontinued Date': '2024-01-01' } } }, '/api/v1/departments');
      expect(store().department(target.id).name).to.equal(target.name);
    });
  });

  describe('Job titles', () => {
    const readJobTitle = async (id: string) => (await callCard(h, 'readJobTitle', { inputs: { 'Job Title': { 'Job Title ID': id } } }).expect(200)).body['Job Title'] as Json;

    it('Read Job Title maps Okta\'s labels', async () => {
      const jt = (store().jobTitles() as Json[])[0]!;
      expect(await readJobTitle(jt.id)).to.deep.equal({ 'Job Title ID': jt.id, 'Job Title Name': jt.name, 'Job Rank': String(jt.rank), 'Job Title Code': jt.code, 'Created At': jt.created_at, 'Updated At': jt.updated_at });
    });

    it('Create Job Title, then Read Job Title shows it', async () => {
      const res = await callCard(h, 'createJobTitle', { inputs: { 'Job Title': { 'Job Title Name': '主任研究員', 'Job Rank': 42, 'Job Title Code': 'RES' } } }).expect(200);
      const id = res.body['Job Title']['Job Title ID'] as string;
      expect(store().jobTitle(id)).to.include({ name: '主任研究員', rank: 42, code: 'RES' });
      expect(await readJobTitle(id)).to.include({ 'Job Title Name': '主任研究員', 'Job Rank': '42', 'Job Title Code': 'RES' });
    });

    it('Create Job Title refuses a rank outside 1..99999, naming Job Rank', async () => {
      const res = await callCard(h, 'createJobTitle', { inputs: { 'Job Title': { 'Job Title Name': 'x', 'Job Rank': 100000 } } }).expect(400);
      expect(res.body.error.details[0].field).to.equal('Job Rank');
    });

    it('Update Job Title changes the rank only; Read Job Title shows it', async () => {
      const jt = store().insertJobTitle({ name: '係長', rank: 10 });
      await callCard(h, 'updateJobTitle', { inputs: { 'Job Title': { 'Job Title ID': jt.id }, 'Job Title Details': { 'Job Rank': 9 } } }).expect(200);
      expect(await readJobTitle(jt.id as string)).to.include({ 'Job Title Name': '係長', 'Job Rank': '9' });
    });

    it('Delete Job Title answers 204 with the ID; Read Job Title then answers 404 and employees lose it', async () => {
      const holder = (store().crews() as Json[]).find((c) => c.positions.length > 0)!;
      const jt = store().insertJobTitle({ name: '一時役職', rank: 500 });
      store().updateCrew(holder.id, { positions: [...holder.positions.map((p: Json) => p.name), '一時役職'] });
      const res = await callCard(h, 'deleteJobTitle', { inputs: { 'Job Title': { 'Job Title ID': jt.id } } }).expect(200);
      expect(res.body).to.deep.equal({ Result: { 'Status Code': 204, 'Job Title ID': jt.id } });
      await callCard(h, 'readJobTitle', { inputs: { 'Job Title': { 'Job Title ID': jt.id } } }).expect(404);
      const read = await callCard(h, 'readEmployee', { inputs: { Employee: { 'Employee ID': holder.id } } }).expect(200);
      expect(read.body['Employment Information']['Job Titles'].map((j: Json) => j['Job Title ID'])).not.to.include(jt.id);
    });

    it('write cards answer 403 to a read-only token, naming /api/v1/job_titles and Write', async () => {
      const jt = (store().jobTitles() as Json[])[0]!;
      await expectWriteForbidden(h, 'createJobTitle', { inputs: { 'Job Title': { 'Job Title Name': 'x' } } }, '/api/v1/job_titles');
      await expectWriteForbidden(h, 'updateJobTitle', { inputs: { 'Job Title': { 'Job Title ID': jt.id }, 'Job Title Details': { 'Job Rank': 5 } } }, '/api/v1/job_titles');
      await expectWriteForbidden(h, 'deleteJobTitle', { inputs: { 'Job Title': { 'Job Title ID': jt.id } } }, '/api/v1/job_titles');
      expect(store().jobTitle(jt.id)).to.deep.equal(jt);
    });
  });

  it('Read Employment Type maps id, name, preset type and code', async () => {
    const et = (store().employmentTypes() as Json[]).find((t) => t.preset_type === null) ?? (store().employmentTypes() as Json[])[0]!;
    const res = await callCard(h, 'readEmploymentType', { inputs: { 'Employment Type': { 'Employment Type ID': et.id } } }).expect(200);
    expect(res.body['Employment Type']).to.deep.equal({ 'Employment Type ID': et.id, Name: et.name, 'Preset Type': et.preset_type, Code: et.code, 'Created At': et.created_at, 'Updated At': et.updated_at });
  });

  it('Read User maps the account with its role, linked employee and invitation state', async () => {
    const admin = (store().users() as Json[]).find((u) => u.admin)!;
    const res = await callCard(h, 'readUser', { inputs: { User: { 'User ID': admin.id } } }).expect(200);
    expect(res.body.User).to.include({ 'User ID': admin.id, Email: admin.email, Admin: true, 'Employee ID': admin.crew_id, 'Has Password': admin.has_password, 'Invitation Sent At': admin.invitation_created_at });
    expect(res.body.User.Role['Role ID']).to.equal(admin.role.id);
  });

  it('Read User answers 404 for an unknown user', async () => {
    const res = await callCard(h, 'readUser', { inputs: { User: { 'User ID': 'no-such-user' } } }).expect(404);
    expect(res.body.error.code).to.equal('not_found');
  });
});
