import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, expectWriteForbidden, type Json } from './support.ts';

describe('Create, Delete, Invite and Find Employee', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const store = () => h.sim.tenant('demo');
  const readEmployee = (id: string) => callCard(h, 'readEmployee', { inputs: { Employee: { 'Employee ID': id } } });

  describe('Create Employee', () => {
    it('creates an employee with departments, job titles and custom fields by name; Read Employee shows them', async () => {
      const departments = (store().departments() as Json[]).slice(0, 2);
      const employmentType = (store().employmentTypes() as Json[])[0]!;
      const text = (store().templates() as Json[]).find((t) => t.type === 'string')!;
      const dropdown = (store().templates() as Json[]).find((t) => t.type === 'enum' && t.elements.length > 1)!;
      const choice = dropdown.elements[1] as Json;
      const res = await callCard(h, 'createEmployee', {
        inputs: {
          'Basic Information': {
            'Last Name': '新井', 'First Name': '花子', 'Last Name Yomi': 'アライ', 'First Name Yomi': 'ハナコ',
            'Birth Date': '1995-06-01', Gender: 'Female', Email: 'h.arai@example.co.jp',
          },
          'Employment Status': { 'Employment Status': 'Employed', 'Start Date': '2025-03-31T15:00:00Z' },
          'Employment Information': {
            'Employee Number': 'N-9001', 'Employment Type ID': employmentType.id, 'Department IDs': departments.map((d) => d.id), 'Job Titles': ['課長'],
          },
          'Custom Fields': { Values: { [text.name]: 'はなちゃん', [dropdown.name]: choice.name } },
        },
      }).expect(200);
      const id = res.body['Basic Information']['Employee ID'] as string;
      const stored = store().crew(id) as Json;
      expect(stored).to.include({ last_name: '新井', first_name: '花子', gender: 'female', emp_code: 'N-9001', emp_status: 'employed', entered_at: '2025-04-01', email: 'h.arai@example.co.jp' });
      const value = (templateId: string) => (stored.custom_fields as Json[]).find((f) => f.template.id === templateId)?.value;
      expect(value(text.id)).to.equal('はなちゃん');
      expect(value(dropdown.id)).to.equal(choice.physical_name ?? choice.id);

      const read = (await readEmployee(id).expect(200)).body as Json;
      expect(read['Employment Information']['Employee Number']).to.equal('N-9001');
      expect(read['Employment Information']['Employment Type'].ID).to.equal(employmentType.id);
      expect(read['Employment Information'].Departments.map((d: Json) => d['Department ID'])).to.deep.equal(departments.map((d) => d.id));
      expect(read['Employment Information']['Job Titles'].map((j: Json) => j.Name)).to.deep.equal(['課長']);
      expect(read['Custom Fields']['Values By Name']).to.include({ [text.name]: 'はなちゃん', [dropdown.name]: choice.name });
    });

    it('requires Last Name and First Name, naming both, and creates nothing', async () => {
      const before = store().crews().length;
      const res = await callCard(h, 'createEmployee', { inputs: { 'Basic Information': { 'Last Name Yomi': 'ア' } } }).expect(400);
      expect(res.body.error.message).to.include('Last Name').and.include('First Name');
      expect(store().crews()).to.have.length(before);
    });

    it('passes on SmartHR\'s refusal of a duplicate Employee Number, naming the label', async () => {
      const taken = (store().crews() as Json[])[0]!.emp_code as string;
      const res = await callCard(h, 'createEmployee', { inputs: { 'Basic Information': { 'Last Name': '重複', 'First Name': '太郎' }, 'Employment Information': { 'Employee Number': taken } } }).expect(400);
      expect(res.body.error.message).to.include('Employee Number');
    });
  });

  describe('Delete Employee', () => {
    it('answers 204 with the Employee ID; Read Employee then answers 404', async () => {
      const crew = store().insertCrew({ last_name: '削除', first_name: '予定' });
      const res = await callCard(h, 'deleteEmployee', { inputs: { Employee: { 'Employee ID': crew.id } } }).expect(200);
      expect(res.body).to.deep.equal({ Result: { 'Status Code': 204, 'Employee ID': crew.id } });
      expect(store().crews().some((c) => c.id === crew.id)).to.equal(false);
      const gone = await readEmployee(crew.id as string).expect(404);
      expect(gone.body.error.code).to.equal('not_found');
    });

    it('answers 404 for an unknown employee', async () => {
      await callCard(h, 'deleteEmployee', { inputs: { Employee: { 'Employee ID': 'no-such-crew' } } }).expect(404);
    });
  });

  describe('Invite Employee', () => {
    it('invites with an administrator as inviter; Read Employee then shows the new User ID, and Read User the invitation', async () => {
      const admin = (store().users() as Json[]).find((u) => u.admin)!;
      const crew = (store().crews() as Json[]).find((c) => !c.user_id && c.email)!;
      const res = await callCard(h, 'inviteEmployee', { inputs: { Employee: { 'Employee ID': crew.id }, Invitation: { 'Inviter User ID': admin.id } } }).expect(200);
      expect(res.body).to.deep.equal({ Result: { 'Status Code': 204, 'Employee ID': crew.id } });
      const userId = (store().crew(crew.id) as Json).user_id as string;
      expect(userId).to.be.a('string');
      const read = (await readEmployee(crew.id).expect(200)).body as Json;
      expect(read['Basic Information']['User ID']).to.equal(userId);
      const user = await callCard(h, 'readUser', { inputs: { User: { 'User ID': userId } } }).expect(200);
      expect(user.body.User).to.include({ Email: crew.email, 'Employee ID': crew.id, Admin: false });
      expect(user.body.User['Invitation Sent At']).to.be.a('string');
    });

    it('requires the Inviter User ID, naming it', async () => {
      const crew = (store().crews() as Json[])[0]!;
      const res = await callCard(h, 'inviteEmployee', { inputs: { Employee: { 'Employee ID': crew.id }, Invitation: {} } }).expect(400);
      expect(res.body.error.details[0].field).to.equal('Inviter User ID');
    });

    it('passes on SmartHR\'s refusal of an inviter who is not an administrator, naming Inviter User ID', async () => {
      const member = (store().users() as Json[]).find((u) => !u.admin)!;
      const crew = (store().crews() as Json[]).find((c) => !c.user_id && c.email)!;
      const res = await callCard(h, 'inviteEmployee', { inputs: { Employee: { 'Employee ID': crew.id }, Invitation: { 'Inviter User ID': member.id } } }).expect(400);
      expect(res.body.error.message).to.include('Inviter User ID');
      expect((store().crew(crew.id) as Json).user_id).to.equal(null);
    });
  });

  it('Create, Delete and Invite Employee answer 403 to a read-only token, naming /api/v1/crews and Write', async () => {
    const before = store().crews().length;
    const crew = (store().crews() as Json[]).find((c) => !c.user_id && c.email)!;
    const admin = (store().users() as Json[]).find((u) => u.admin)!;
    await expectWriteForbidden(h, 'createEmployee', { inputs: { 'Basic Information': { 'Last Name': '読専', 'First Name': '太郎' } } }, '/api/v1/crews');
    await expectWriteForbidden(h, 'deleteEmployee', { inputs: { Employee: { 'Employee ID': crew.id } } }, '/api/v1/crews');
    await expectWriteForbidden(h, 'inviteEmployee', { inputs: { Employee: { 'Employee ID': crew.id }, Invitation: { 'Inviter User ID': admin.id } } }, '/api/v1/crews');
    expect(store().crews()).to.have.length(before);
    expect((store().crew(crew.id) as Json).user_id).to.equal(null);
  });

  describe('Find Employee', () => {
    const find = (by: Json) => callCard(h, 'findEmployee', { inputs: { 'Find By': by } });

    it('finds by Employee Number with one SmartHR call (emp_code, per_page=1)', async () => {
      const crew = (store().crews() as Json[])[17]!;
      h.sim.requests.clear();
      const res = await find({ 'Employee Number': crew.emp_code }).expect(200);
      expect(res.body.Result).to.deep.equal({ Found: true });
      expect(res.body['Basic Information']).to.include({ 'Employee ID': crew.id, 'Last Name': crew.last_name });
      expect(res.body['Employment Information']['Employee Number']).to.equal(crew.emp_code);
      const calls = h.sim.requests.entries({ path: '/api/v1/crews' });
      expect(calls.map((c) => c.query)).to.deep.equal([{ emp_code: crew.emp_code, page: '1', per_page: '1' }]);
    });

    it('finds by Email without regard to case, past the first page', async () => {
      const crew = (store().crews() as Json[])[230]!;
      const res = await find({ Email: String(crew.email).toUpperCase() }).expect(200);
      expect(res.body.Result.Found).to.equal(true);
      expect(res.body['Basic Information']['Employee ID']).to.equal(crew.id);
      expect(res.body.Contact.Email).to.equal(crew.email);
    });

    it('by Email reads pages one at a time and stops at the page of the first match (issue 18)', async () => {
      // SmartHR cannot filter by email, so pages are read in order; none after the match.
      const crews = store().crews() as Json[];
      for (const [index, pagesRead] of [[3, 1], [150, 2]] as const) {
        h.sim.requests.clear();
        const res = await find({ Email: crews[index]!.email }).expect(200);
        expect(res.body['Basic Information']['Employee ID']).to.equal(crews[index]!.id);
        expect(h.sim.requests.entries({ path: '/api/v1/crews' }).map((c) => Number(c.query.page))).to.deep.equal(Array.from({ length: pagesRead }, (_, i) => i + 1));
      }
    });

    it('with both, an employee must match both', async () => {
      const [a, b] = store().crews() as Json[];
      const res = await find({ 'Employee Number': a!.emp_code, Email: b!.email }).expect(200);
      expect(res.body).to.deep.equal({ Result: { Found: false } });
    });

    it('no match: Found is false and no employee outputs', async () => {
      const res = await find({ Email: 'nobody@example.invalid' }).expect(200);
      expect(res.body).to.deep.equal({ Result: { Found: false } });
      const byNumber = await find({ 'Employee Number': 'NO-SUCH-NUMBER' }).expect(200);
      expect(byNumber.body).to.deep.equal({ Result: { Found: false } });
    });

    it('refuses to search with no criterion rather than answer an arbitrary employee', async () => {
      h.sim.requests.clear();
      const res = await find({ 'Employee Number': null, Email: '' }).expect(400);
      expect(res.body.error.code).to.equal('invalid_input');
      expect(h.sim.requests.count({ path: '/api/v1/crews' })).to.equal(0);
    });
  });
});
