import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, streamCard, type Json } from './support.ts';

const FIRST_100 = { 'Result Set': 'First 100 Records' };

describe("Okta's List cards and List Users", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const store = () => h.sim.tenant('demo');

  it('List Business Establishments maps every establishment with its insurance names', async () => {
    const res = await callCard(h, 'listBusinessEstablishments', { options: FIRST_100 }).expect(200);
    const all = store().bizEstablishments() as Json[];
    const listed = res.body.Result['Business Establishments'] as Json[];
    expect(listed.map((b) => b['Business Establishment ID'])).to.deep.equal(all.map((b) => b.id));
    const first = all[0]!;
    expect(listed[0]).to.include({
      'Admin Name': first.name,
      'Health Insurance Type': first.hel_ins_type,
      'Health Insurance Association Name': first.hel_ins_name,
      'Social Insurance Registration Name': first.soc_ins_name,
      'Labor Insurance Registration Name': first.lab_ins_name,
    });
  });

  it('List Custom Field Groups with Include Custom Fields? Yes nests each group\'s fields', async () => {
    const res = await callCard(h, 'listCustomFieldGroups', { options: FIRST_100, inputs: { 'Custom Fields': { 'Include Custom Fields?': 'Yes' } } }).expect(200);
    const groups = store().templateGroups() as Json[];
    const templates = store().templates() as Json[];
    const listed = res.body.Result['Custom Field Groups'] as Json[];
    expect(listed.map((g) => g['Custom Field Group ID'])).to.deep.equal(groups.map((g) => g.id));
    for (const g of listed) {
      const own = templates.filter((t) => t.group_id === g['Custom Field Group ID']);
      expect(g['Custom Fields'].map((f: Json) => f['Custom Field ID'])).to.deep.equal(own.map((t) => t.id));
      expect(g).to.include({ Name: groups.find((x) => x.id === g['Custom Field Group ID'])!.name });
    }
    const dropdown = templates.find((t) => t.type === 'enum')!;
    const nested = listed.flatMap((g) => g['Custom Fields'] as Json[]).find((f) => f['Custom Field ID'] === dropdown.id)!;
    expect(nested.Elements.map((e: Json) => e.Name)).to.deep.equal(dropdown.elements.map((e: Json) => e.name));
  });

  it('List Custom Field Groups with No asks SmartHR for the groups only', async () => {
    const res = await callCard(h, 'listCustomFieldGroups', { options: FIRST_100, inputs: { 'Custom Fields': { 'Include Custom Fields?': 'No' } } }).expect(200);
    const listed = res.body.Result['Custom Field Groups'] as Json[];
    expect(listed).to.have.length(store().templateGroups().length);
    for (const g of listed) expect(g).not.to.have.property('Custom Fields');
  });

  it('List Custom Field Groups requires the Include Custom Fields? choice, naming it', async () => {
    const res = await callCard(h, 'listCustomFieldGroups', { options: FIRST_100, inputs: { 'Custom Fields': {} } }).expect(400);
    expect(res.body.error.message).to.include('Include Custom Fields?');
  });

  it('List Custom Fields gives each field with its type, group and dropdown choices', async () => {
    const res = await callCard(h, 'listCustomFields', { options: FIRST_100 }).expect(200);
    const templates = store().templates() as Json[];
    const listed = res.body.Result['Custom Fields'] as Json[];
    expect(listed.map((f) => [f['Custom Field ID'], f.Name, f.Type, f['Custom Field Group ID']])).to.deep.equal(templates.map((t) => [t.id, t.name, t.type, t.group_id]));
    const dropdown = templates.find((t) => t.type === 'enum')!;
    const mapped = listed.find((f) => f['Custom Field ID'] === dropdown.id)!;
    expect(mapped.Elements.map((e: Json) => e['Element ID'])).to.deep.equal(dropdown.elements.map((e: Json) => e.id));
  });

  it('List Employment Types maps id, name, preset type and code', async () => {
    const res = await callCard(h, 'listEmploymentTypes', { options: FIRST_100 }).expect(200);
    const all = store().employmentTypes() as Json[];
    expect((res.body.Result['Employment Types'] as Json[]).map((t) => [t['Employment Type ID'], t.Name, t['Preset Type'], t.Code]))
      .to.deep.equal(all.map((t) => [t.id, t.name, t.preset_type, t.code]));
  });

  it('List Job Titles uses Okta\'s labels: Job Title ID, Job Title Name, Job Rank (as Text), Created At, Updated At', async () => {
    const res = await callCard(h, 'listJobTitles', { options: FIRST_100 }).expect(200);
    const all = store().jobTitles() as Json[];
    const listed = res.body.Result['Job Titles'] as Json[];
    expect(listed.map((j) => [j['Job Title ID'], j['Job Title Name'], j['Job Rank'], j['Created At'], j['Updated At']]))
      .to.deep.equal(all.map((j) => [j.id, j.name, String(j.rank), j.created_at, j.updated_at]));
  });

  it('List Job Titles streams with a Record Limit, then reports Records Streamed', async () => {
    const all = store().jobTitles() as Json[];
    const { records, last } = await streamCard(h, 'listJobTitles', { options: { 'Result Set': 'Stream Records' }, inputs: { Streaming: { 'Record Limit': 3 } } });
    expect(records.map((j) => j['Job Title ID'])).to.deep.equal(all.slice(0, 3).map((j) => j.id));
    expect(last).to.deep.equal({ 'Records Streamed': 3 });
  });

  it('List Users streams every user with admin flag and linked employee', async () => {
    const all = store().users() as Json[];
    const { records, last } = await streamCard(h, 'listUsers', { options: { 'Result Set': 'Stream Records' } });
    expect(records.map((u) => [u['User ID'], u.Email, u.Admin, u['Employee ID']])).to.deep.equal(all.map((u) => [u.id, u.email, u.admin, u.crew_id]));
    expect(last).to.deep.equal({ 'Records Streamed': all.length });
  });

  it('List Users (First 100 Records) gives the role of each user', async () => {
    const res = await callCard(h, 'listUsers', { options: FIRST_100 }).expect(200);
    const first = (store().users() as Json[])[0]!;
    expect(res.body.Result.Users[0].Role).to.deep.equal({ 'Role ID': first.role.id, Name: first.role.name, 'Employee Scope': first.role.crews_scope });
  });
});
