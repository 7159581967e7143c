import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, expectWriteForbidden, type Json } from './support.ts';

const CF = '/api/v1/crew_custom_field_template';

describe('Custom fields and custom field groups', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const store = () => h.sim.tenant('demo');
  const readField = async (id: string) => (await callCard(h, 'readCustomField', { inputs: { 'Custom Field': { 'Custom Field ID': id } } }).expect(200)).body['Custom Field'] as Json;
  const readGroup = async (id: string) => (await callCard(h, 'readCustomFieldGroup', { inputs: { 'Custom Field Group': { 'Custom Field Group ID': id } } }).expect(200)).body['Custom Field Group'] as Json;

  it('Read Custom Field maps a dropdown field with its choices', async () => {
    const dropdown = (store().templates() as Json[]).find((t) => t.type === 'enum')!;
    const field = await readField(dropdown.id);
    expect(field).to.include({ 'Custom Field ID': dropdown.id, Name: dropdown.name, Type: 'enum', 'Custom Field Group ID': dropdown.group_id, Position: dropdown.position });
    expect(field.Elements).to.deep.equal(dropdown.elements.map((e: Json) => ({ 'Element ID': e.id, Name: e.name, 'Physical Name': e.physical_name, Position: e.position })));
  });

  it('Create Custom Field with dropdown Elements (a List of Objects), usable at once by name in Update Employee', async () => {
    const group = (store().templateGroups() as Json[])[0]!;
    const res = await callCard(h, 'createCustomField', {
      inputs: { 'Custom Field': { Name: '勤務地区分', Type: 'enum', 'Custom Field Group ID': group.id, Hint: '主な勤務地', Elements: [{ Name: '本社' }, { Name: 'リモート', 'Physical Name': 'remote' }] } },
    }).expect(200);
    const id = res.body['Custom Field']['Custom Field ID'] as string;
    const stored = store().template(id) as Json;
    expect(stored).to.include({ name: '勤務地区分', type: 'enum', group_id: group.id, hint: '主な勤務地' });
    expect(stored.elements.map((e: Json) => [e.name, e.physical_name])).to.deep.equal([['本社', null], ['リモート', 'remote']]);
    expect((await readField(id)).Elements.map((e: Json) => e.Name)).to.deep.equal(['本社', 'リモート']);

    const crew = (store().crews() as Json[])[0]!;
    await callCard(h, 'updateEmployee', { inputs: { Employee: { 'Employee ID': crew.id }, 'Custom Fields': { Values: { 勤務地区分: 'リモート' } } } }).expect(200);
    const read = await callCard(h, 'readEmployee', { inputs: { Employee: { 'Employee ID': crew.id } } }).expect(200);
    expect(read.body['Custom Fields']['Values By Name']['勤務地区分']).to.equal('リモート');
  });

  it('Create Custom Field names a missing Type by its label', async () => {
    const res = await callCard(h, 'createCustomField', { inputs: { 'Custom Field': { Name: '型なし' } } }).expect(400);
    expect(res.body.error.details.map((d: Json) => d.field)).to.include('Type');
  });

  it('Update Custom Field renames a choice by Element ID and adds one; Read Custom Field shows both', async () => {
    const created = store().insertTemplate({ name: '通勤手段', type: 'enum', elements: [{ name: '電車' }, { name: 'バス' }] });
    const [train] = created.elements as Json[];
    await callCard(h, 'updateCustomField', {
      inputs: { 'Custom Field': { 'Custom Field ID': created.id }, 'Custom Field Details': { Hint: '主な手段', Elements: [{ 'Element ID': train!.id, Name: '鉄道' }, { Name: '自転車' }] } },
    }).expect(200);
    const field = await readField(created.id as string);
    expect(field.Hint).to.equal('主な手段');
    expect(field.Elements.find((e: Json) => e['Element ID'] === train!.id).Name).to.equal('鉄道');
    expect(field.Elements.map((e: Json) => e.Name)).to.include('自転車');
  });

  it('Delete Custom Field answers 204 with its ID; Read answers 404 and employee values are gone', async () => {
    const created = store().insertTemplate({ name: '一時項目', type: 'string' });
    const crew = (store().crews() as Json[])[1]!;
    store().updateCrew(crew.id, { custom_fields: [{ template_id: String(created.id), value: '値' }] });
    const res = await callCard(h, 'deleteCustomField', { inputs: { 'Custom Field': { 'Custom Field ID': created.id } } }).expect(200);
    expect(res.body).to.deep.equal({ Result: { 'Status Code': 204, 'Custom Field ID': created.id } });
    await callCard(h, 'readCustomField', { inputs: { 'Custom Field': { 'Custom Field ID': created.id } } }).expect(404);
    const read = await callCard(h, 'readEmployee', { inputs: { Employee: { 'Employee ID': crew.id } } }).expect(200);
    expect(read.body['Custom Fields']['Values By Name']).not.to.have.property('一時項目');
  });

  it('Read Custom Field Group gives the group with its custom fields', async () => {
    const group = (store().templateGroups() as Json[])[0]!;
    const own = (store().templates() as Json[]).filter((t) => t.group_id === group.id);
    const read = await readGroup(group.id);
    expect(read).to.include({ 'Custom Field Group ID': group.id, Name: group.name, 'Access Type': group.access_type });
    expect(read['Custom Fields'].map((f: Json) => f.Name)).to.deep.equal(own.map((t) => t.name));
  });

  it('Create and Update Custom Field Group; Read Custom Field Group shows the change', async () => {
    const res = await callCard(h, 'createCustomFieldGroup', { inputs: { 'Custom Field Group': { Name: '研修記録', 'Access Type': 'hidden' } } }).expect(200);
    const id = res.body['Custom Field Group']['Custom Field Group ID'] as string;
    expect(store().templateGroup(id)).to.include({ name: '研修記録', access_type: 'hidden' });
    await callCard(h, 'updateCustomFieldGroup', { inputs: { 'Custom Field Group': { 'Custom Field Group ID': id }, 'Custom Field Group Details': { 'Access Type': 'read_and_update', Position: 9 } } }).expect(200);
    expect(await readGroup(id)).to.include({ Name: '研修記録', 'Access Type': 'read_and_update', Position: 9 });
  });

  it('Delete Custom Field Group answers 204 with its ID, and its fields are gone too', async () => {
    const group = store().insertTemplateGroup({ name: '削除予定' });
    const field = store().insertTemplate({ name: '削除予定項目', type: 'string', group_id: String(group.id) });
    const res = await callCard(h, 'deleteCustomFieldGroup', { inputs: { 'Custom Field Group': { 'Custom Field Group ID': group.id } } }).expect(200);
    expect(res.body).to.deep.equal({ Result: { 'Status Code': 204, 'Custom Field Group ID': group.id } });
    await callCard(h, 'readCustomFieldGroup', { inputs: { 'Custom Field Group': { 'Custom Field Group ID': group.id } } }).expect(404);
    await callCard(h, 'readCustomField', { inputs: { 'Custom Field': { 'Custom Field ID': field.id } } }).expect(404);
  });

  it('write cards answer 403 to a read-only token, naming the custom field endpoint and Write', async () => {
    const group = (store().templateGroups() as Json[])[0]!;
    const field = (store().templates() as Json[])[0]!;
    const fieldsBefore = store().templates().length;
    await expectWriteForbidden(h, 'createCustomField', { inputs: { 'Custom Field': { Name: 'x', Type: 'string' } } }, CF);
    await expectWriteForbidden(h, 'updateCustomField', { inputs: { 'Custom Field': { 'Custom Field ID': field.id }, 'Custom Field Details': { Hint: 'x' } } }, CF);
    await expectWriteForbidden(h, 'deleteCustomField', { inputs: { 'Custom Field': { 'Custom Field ID': field.id } } }, CF);
    await expectWriteForbidden(h, 'createCustomFieldGroup', { inputs: { 'Custom Field Group': { Name: 'x' } } }, CF);
    await expectWriteForbidden(h, 'updateCustomFieldGroup', { inputs: { 'Custom Field Group': { 'Custom Field Group ID': group.id }, 'Custom Field Group Details': { Name: 'x' } } }, CF);
    await expectWriteForbidden(h, 'deleteCustomFieldGroup', { inputs: { 'Custom Field Group': { 'Custom Field Group ID': group.id } } }, CF);
    expect(store().templates()).to.have.length(fieldsBefore);
    expect(store().templateGroup(group.id)).to.deep.equal(group);
  });
});
