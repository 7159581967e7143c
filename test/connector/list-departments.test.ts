import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

describe('List Departments', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('lists departments with their parents, keyed by label', async () => {
    const res = await request(h.app).post('/cards/listDepartments').set(h.connection()).send({ options: { 'Result Set': 'First 100 Records' } }).expect(200);
    const all = h.sim.tenant('demo').departments() as Json[];
    const listed = res.body.Result.Departments as Json[];
    expect(listed.map((d) => d['Department ID'])).to.deep.equal(all.slice(0, 100).map((d) => d.id));
    const child = all.find((d) => d.parent)!;
    const mapped = listed.find((d) => d['Department ID'] === child.id)!;
    expect(mapped).to.include({ Name: child.name, 'Full Name': child.full_name, Code: child.code });
    expect(mapped.Parent).to.include({ 'Department ID': child.parent.id, Name: child.parent.name });
  });

  it('reaches the grandparent through Parent > Parent, as Okta\'s card does, and the great-grandparent one level further', async () => {
    const store = h.sim.tenant('demo');
    const top = store.insertDepartment({ name: '持株会社' }) as Json;
    const division = store.insertDepartment({ name: '事業本部', parent_id: top.id }) as Json;
    const dept = store.insertDepartment({ name: '開発部', parent_id: division.id }) as Json;
    const team = store.insertDepartment({ name: '基盤課', parent_id: dept.id, code: 'PARENT-CHAIN' }) as Json;
    const res = await request(h.app).post('/cards/listDepartments').set(h.connection())
      .send({ options: { 'Result Set': 'First 100 Records' }, inputs: { Department: { Code: 'PARENT-CHAIN' } } }).expect(200);
    const listed = (res.body.Result.Departments as Json[])[0]!;
    expect(listed['Department ID']).to.equal(team.id);
    expect(listed.Parent).to.include({ 'Department ID': dept.id, Name: '開発部' });
    expect(listed.Parent.Parent).to.include({ 'Department ID': division.id, Name: '事業本部' });
    expect(listed.Parent.Parent.Parent).to.include({ 'Department ID': top.id, Name: '持株会社' });
    expect(listed.Parent.Parent.Parent).not.to.have.property('Parent');
  });

  it('narrows to the department with a given Code', async () => {
    const target = (h.sim.tenant('demo').departments() as Json[]).find((d) => d.code)!;
    const res = await request(h.app).post('/cards/listDepartments').set(h.connection())
      .send({ options: { 'Result Set': 'First 100 Records' }, inputs: { Department: { Code: target.code } } }).expect(200);
    expect(res.body.Result.Departments.map((d: Json) => d['Department ID'])).to.deep.equal([target.id]);
  });
});
