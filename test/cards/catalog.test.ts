import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';

/** Every card of issue 5: Okta's nine, the extra Read/Write cards, and the Custom API Action. */
const ISSUE_CARDS: Record<string, string> = {
  listBusinessEstablishments: 'List Business Establishments',
  listCustomFieldGroups: 'List Custom Field Groups',
  listCustomFields: 'List Custom Fields',
  listDepartments: 'List Departments',
  listEmploymentTypes: 'List Employment Types',
  listJobTitles: 'List Job Titles',
  readEmployee: 'Read Employee',
  searchEmployees: 'Search Employees',
  updateEmployee: 'Update Employee',
  createEmployee: 'Create Employee',
  deleteEmployee: 'Delete Employee',
  inviteEmployee: 'Invite Employee',
  findEmployee: 'Find Employee',
  listUsers: 'List Users',
  readUser: 'Read User',
  readDepartment: 'Read Department',
  createDepartment: 'Create Department',
  updateDepartment: 'Update Department',
  discontinueDepartment: 'Discontinue Department',
  readJobTitle: 'Read Job Title',
  createJobTitle: 'Create Job Title',
  updateJobTitle: 'Update Job Title',
  deleteJobTitle: 'Delete Job Title',
  readEmploymentType: 'Read Employment Type',
  readCustomField: 'Read Custom Field',
  createCustomField: 'Create Custom Field',
  updateCustomField: 'Update Custom Field',
  deleteCustomField: 'Delete Custom Field',
  readCustomFieldGroup: 'Read Custom Field Group',
  createCustomFieldGroup: 'Create Custom Field Group',
  updateCustomFieldGroup: 'Update Custom Field Group',
  deleteCustomFieldGroup: 'Delete Custom Field Group',
  customApiAction: 'Custom API Action',
};

describe('Card catalog (issue 5)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('GET /cards lists every card of the issue by id and name', async () => {
    const res = await request(h.app).get('/cards').expect(200);
    const listed = new Map((res.body.cards as Array<{ id: string; name: string }>).map((c) => [c.id, c.name]));
    const missing = Object.keys(ISSUE_CARDS).filter((id) => listed.get(id) !== ISSUE_CARDS[id]);
    expect(missing).to.deep.equal([]);
  });

  it('marks Create, Update, Delete, Invite and Discontinue cards as write access and the rest as read', async () => {
    const res = await request(h.app).get('/cards').expect(200);
    for (const c of res.body.cards as Array<{ id: string; name: string; access: string }>) {
      if (!(c.id in ISSUE_CARDS) || c.id === 'customApiAction') continue;
      const writes = /^(Create|Update|Delete|Invite|Discontinue) /.test(c.name);
      expect(c.access, c.id).to.equal(writes ? 'write' : 'read');
    }
  });

  it('GET /cards/{id} of a write card shows its permission and its 204 outputs', async () => {
    const res = await request(h.app).get('/cards/deleteJobTitle').expect(200);
    expect(res.body.permission).to.deep.equal({ endpoint: '/api/v1/job_titles', level: 'Write' });
    expect(Object.keys(res.body.outputs.properties.Result.properties)).to.deep.equal(['Status Code', 'Job Title ID']);
  });
});
