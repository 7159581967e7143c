import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { isCompleteCrew } from '../../simulator/seed/seed-tenant.ts';
import { BEARER, tenantApi, useSimulator, type CrewJson } from './helpers.ts';

type Row = Record<string, unknown>;

describe('simulator: departments, job titles, employment types, users, establishments, custom fields', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 60 } } });
  const api = () => tenantApi(ctx.sim);

  describe('departments', () => {
    it('computes full_name with "/", a recursive parent chain and children', async () => {
      const store = ctx.sim.tenant('demo');
      const leaf = store.departments().find((d) => d.code === 'D311');
      const res = await api().get(`/api/v1/departments/${String(leaf?.id)}`).set(BEARER).expect(200);
      expect(res.body).to.include({ name: 'フロントエンド課', full_name: '開発本部/プロダクト開発部/フロントエンド課' });
      expect(res.body.parent).to.include({ name: 'プロダクト開発部', full_name: '開発本部/プロダクト開発部' });
      expect(res.body.parent.parent).to.include({ name: '開発本部', parent: null });
      const top = await api().get(`/api/v1/departments?code=D300`).set(BEARER).expect(200);
      expect(top.body).to.have.length(1);
      expect((top.body[0].children as Row[]).map((c) => c.name)).to.deep.equal(['プロダクト開発部', '品質保証部']);
    });

    it('POST auto-numbers position, refuses "/" in names and unknown parents; PATCH renames show on crews', async () => {
      const store = ctx.sim.tenant('demo');
      const parent = store.departments().find((d) => d.code === 'D320');
      const created = await api().post('/api/v1/departments').set(BEARER).send({ name: '性能課', parent_id: parent?.id, code: 'D322' }).expect(201);
      expect(created.body).to.include({ position: 2, full_name: '開発本部/品質保証部/性能課' });
      const slash = await api().post('/api/v1/departments').set(BEARER).send({ name: 'a/b' }).expect(400);
      expect(slash.body.errors[0]).to.include({ resource: 'department', field: 'name' });
      const orphan = await api().post('/api/v1/departments').set(BEARER).send({ name: '孤児', parent_id: 'nope' }).expect(400);
      expect(orphan.body.errors[0].field).to.equal('parent_id');
      const dup = await api().post('/api/v1/departments').set(BEARER).send({ name: '重複', code: 'D322' }).expect(400);
      expect(dup.body.errors[0].field).to.equal('code');

      const crew = store.insertCrew({ last_name: '部署', department_ids: [created.body.id] });
      await api().patch(`/api/v1/departments/${String(created.body.id)}`).set(BEARER).send({ name: '性能品質課' }).expect(200);
      expect((store.crew(String(crew.id)).departments as Row[])[0]?.full_name).to.equal('開発本部/品質保証部/性能品質課');
      const q = await api().get(`/api/v1/crews?q=${encodeURIComponent('性能品質課')}`).set(BEARER).expect(200);
      expect((q.body as CrewJson[]).map((c) => c.id)).to.deep.equal([crew.id]);
    });

    it('PUT clears what it does not send; a parent cannot move under its own child', async () => {
      const store = ctx.sim.tenant('demo');
      const dept = store.insertDepartment({ name: 'PUT対象', code: 'PUT-1', parent_id: String(store.departments()[0]?.id) });
      const put = await api().put(`/api/v1/departments/${String(dept.id)}`).set(BEARER).send({ name: 'PUT後' }).expect(200);
      expect(put.body).to.include({ name: 'PUT後', code: null, parent: null });
      const top = store.departments().find((d) => d.code === 'D100');
      const child = store.departments().find((d) => d.code === 'D110');
      const cycle = await api().patch(`/api/v1/departments/${String(top?.id)}`).set(BEARER).send({ parent_id: child?.id }).expect(400);
      expect(cycle.body.errors[0].field).to.equal('parent_id');
    });

    it('discontinue needs a past discontinued_date, answers 204 and removes the department from crews', async () => {
      const store = ctx.sim.tenant('demo');
      const dept = store.insertDepartment({ name: '廃止予定' });
      const crew = store.insertCrew({ last_name: '廃止', department_ids: [String(dept.id)] });
      const future = await api().post(`/api/v1/departments/${String(dept.id)}/discontinue`).set(BEARER).send({ discontinued_date: '2999-01-01' }).expect(400);
      expect(future.body.errors[0].field).to.equal('discontinued_date');
      await api().post(`/api/v1/departments/${String(dept.id)}/discontinue`).set(BEARER).send({}).expect(400);
      await api().post(`/api/v1/departments/${String(dept.id)}/discontinue`).set(BEARER).send({ discontinued_date: '2020-03-31' }).expect(204);
      await api().get(`/api/v1/departments/${String(dept.id)}`).set(BEARER).expect(404);
      expect(store.crew(String(crew.id)).departments).to.deep.equal([]);
    });

    it('DELETE of a department with children is 400 code 8; a leaf deletes with 204', async () => {
      const store = ctx.sim.tenant('demo');
      const parent = store.departments().find((d) => d.code === 'D400');
      const res = await api().delete(`/api/v1/departments/${String(parent?.id)}`).set(BEARER).expect(400);
      expect(res.body).to.include({ code: 8, type: 'non_deletable_resource' });
      const leaf = store.insertDepartment({ name: '消す課' });
      await api().delete(`/api/v1/departments/${String(leaf.id)}`).set(BEARER).expect(204);
    });
  });

  describe('job titles', () => {
    it('rank must be 1..99999; list sorts by rank', async () => {
      for (const rank of [0, 100000, 'high']) {
        const res = await api().post('/api/v1/job_titles').set(BEARER).send({ name: 'x', rank }).expect(400);
        expect(res.body.errors[0]).to.include({ resource: 'job_title', field: 'rank' });
      }
      await api().post('/api/v1/job_titles').set(BEARER).send({ name: '最下位', rank: 99999 }).expect(201);
      const res = await api().get('/api/v1/job_titles?sort=-rank&per_page=100').set(BEARER).expect(200);
      const ranks = (res.body as Row[]).map((j) => j.rank).filter((r): r is number => typeof r === 'number');
      expect(ranks[0]).to.equal(99999);
      expect(ranks).to.deep.equal([...ranks].sort((a, b) => b - a));
    });

    it('PATCH, GET and DELETE; deleting a title removes it from crews', async () => {
      const store = ctx.sim.tenant('demo');
      const created = await api().post('/api/v1/job_titles').set(BEARER).send({ name: '一時役職', rank: 70, code: 'TMP' }).expect(201);
      const id = String(created.body.id);
      const crew = store.insertCrew({ positions: ['一時役職'] });
      const patched = await api().patch(`/api/v1/job_titles/${id}`).set(BEARER).send({ rank: 71 }).expect(200);
      expect(patched.body).to.include({ name: '一時役職', rank: 71, code: 'TMP' });
      await api().delete(`/api/v1/job_titles/${id}`).set(BEARER).expect(204);
      await api().get(`/api/v1/job_titles/${id}`).set(BEARER).expect(404);
      expect(store.crew(String(crew.id)).positions).to.deep.equal([]);
    });
  });

  describe('employment types', () => {
    it('has the 7 presets; presets cannot be deleted (400 code 8) or renamed (400 code 1)', async () => {
      const res = await api().get('/api/v1/employment_types?per_page=100').set(BEARER).expect(200);
      const presets = (res.body as Row[]).filter((t) => t.preset_type !== null);
      expect(presets.map((t) => t.preset_type)).to.deep.equal(['board_member', 'full_timer', 'contract_worker', 'permatemp', 'part_timer', 'outsourcing_contractor', 'etc']);
      const fullTimer = presets[1];
      const del = await api().delete(`/api/v1/employment_types/${String(fullTimer?.id)}`).set(BEARER).expect(400);
      expect(del.body).to.include({ code: 8, type: 'non_deletable_resource' });
      const rename = await api().patch(`/api/v1/employment_types/${String(fullTimer?.id)}`).set(BEARER).send({ name: '正社員（改）' }).expect(400);
      expect(rename.body.errors[0]).to.include({ resource: 'employment_type', field: 'name' });
      const code = await api().patch(`/api/v1/employment_types/${String(fullTimer?.id)}`).set(BEARER).send({ code: 'FT' }).expect(200);
      expect(code.body).to.include({ name: '正社員', code: 'FT' });
    });

    it('custom types can be created, renamed and deleted', async () => {
      const created = await api().post('/api/v1/employment_types').set(BEARER).send({ name: 'インターン' }).expect(201);
      expect(created.body.preset_type).to.equal(null);
      await api().put(`/api/v1/employment_types/${String(created.body.id)}`).set(BEARER).send({ name: '長期インターン' }).expect(200);
      await api().delete(`/api/v1/employment_types/${String(created.body.id)}`).set(BEARER).expect(204);
      await api().post('/api/v1/employment_types').set(BEARER).send({}).expect(400);
    });
  });

  describe('users and business establishments', () => {
    it('users are read-only; embed=crew swaps crew_id for the crew', async () => {
      const plain = await api().get('/api/v1/users?per_page=3').set(BEARER).expect(200);
      const first = (plain.body as Row[])[0];
      expect(first).to.have.property('crew_id').that.is.a('string');
      expect(first).to.not.have.property('crew');
      const embedded = await api().get(`/api/v1/users/${String(first?.id)}?embed=crew`).set(BEARER).expect(200);
      expect(embedded.body).to.not.have.property('crew_id');
      expect(embedded.body.crew.id).to.equal(first?.crew_id);
      await api().post('/api/v1/users').set(BEARER).send({ email: 'x@example.com' }).expect(404);
      const bad = await api().get('/api/v1/users?embed=everything').set(BEARER).expect(400);
      expect(bad.body.errors[0].field).to.equal('embed');
    });

    it('embed=biz_establishment, biz_establishment_company and department_company embed the crew with them (our reading)', async () => {
      const store = ctx.sim.tenant('demo');
      const user = store.users().find((u) => u.admin === true);
      const crew = store.crew(String(user?.crew_id));
      const company = { id: store.data.companyId, name: store.data.companyName };
      const embedded = async (embed: string): Promise<Row> => {
        const res = await api().get(`/api/v1/users/${String(user?.id)}?embed=${embed}`).set(BEARER).expect(200);
        expect(res.body).to.not.have.property('crew_id');
        expect((res.body.crew as Row).id).to.equal(crew.id);
        return res.body.crew as Row;
      };
      const withBiz = await embedded('biz_establishment');
      expect(withBiz).to.not.have.property('biz_establishment_id');
      expect(withBiz.biz_establishment).to.include({ id: crew.biz_establishment_id, company_id: company.id });
      const withBizCompany = await embedded('biz_establishment_company');
      expect(withBizCompany.biz_establishment).to.not.have.property('company_id');
      expect((withBizCompany.biz_establishment as Row).company).to.include(company);
      const withDeptCompany = await embedded('department_company');
      expect(withDeptCompany.biz_establishment_id).to.equal(crew.biz_establishment_id);
      const departments = (withDeptCompany.departments as Array<Row | null>).filter((d): d is Row => d !== null);
      expect(departments.length).to.be.greaterThan(0);
      for (const dept of departments) expect(dept).to.deep.include({ company_id: company.id, company: { ...dept.company as Row, ...company } });
      const plainDepartments = await api().get('/api/v1/departments?per_page=1').set(BEARER).expect(200);
      expect((plainDepartments.body as Row[])[0]).to.not.have.property('company');
    });

    it('two business establishments, list only, with embed', async () => {
      const res = await api().get('/api/v1/biz_establishments').set(BEARER).expect(200);
      expect((res.body as Row[]).map((b) => b.name)).to.deep.equal(['本社', '大阪支店']);
      expect((res.body as Row[])[0]).to.have.property('soc_ins_owner_id');
      const embedded = await api().get('/api/v1/biz_establishments?embed=soc_ins_owner').set(BEARER).expect(200);
      expect((embedded.body as Row[])[0]).to.not.have.property('soc_ins_owner_id');
      expect(((embedded.body as Row[])[0]?.soc_ins_owner as Row).emp_code).to.equal('0001');
      await api().get(`/api/v1/biz_establishments/${String((res.body as Row[])[0]?.id)}`).set(BEARER).expect(404);
    });
  });

  describe('custom field templates and groups', () => {
    it('embed=templates lists a group with its templates; embed=group swaps group_id', async () => {
      const groups = await api().get('/api/v1/crew_custom_field_template_groups?embed=templates').set(BEARER).expect(200);
      const types = (groups.body as Row[]).flatMap((g) => (g.templates as Row[]).map((t) => t.type));
      expect([...types].sort()).to.deep.equal(['date', 'decimal', 'enum', 'file', 'string', 'text']);
      const templates = await api().get('/api/v1/crew_custom_field_templates?embed=group').set(BEARER).expect(200);
      const t = (templates.body as Row[])[0];
      expect(t).to.not.have.property('group_id');
      expect((t?.group as Row).name).to.equal('人事情報');
    });

    it('PUT keeps only the enum elements whose id is sent; PATCH keeps the others; orphaned values go', async () => {
      const store = ctx.sim.tenant('demo');
      const created = await api().post('/api/v1/crew_custom_field_templates').set(BEARER)
        .send({ name: '勤務地', type: 'enum', group_id: store.templateGroups()[0]?.id, elements: [{ name: '東京', physical_name: 'tokyo' }, { name: '大阪' }, { name: '福岡' }] })
        .expect(201);
      const id = String(created.body.id);
      const [tokyo, osaka, fukuoka] = created.body.elements as Array<{ id: string; name: string }>;
      const crew = store.insertCrew({ custom_fields: [{ template_id: id, value: osaka?.id ?? null }] });
      const patched = await api().patch(`/api/v1/crew_custom_field_templates/${id}`).set(BEARER).send({ elements: [{ id: tokyo?.id, name: '東京本社' }, { name: '札幌' }] }).expect(200);
      expect((patched.body.elements as Row[]).map((e) => e.name)).to.deep.equal(['東京本社', '大阪', '福岡', '札幌']);
      const put = await api().put(`/api/v1/crew_custom_field_templates/${id}`).set(BEARER).send({ name: '勤務地', type: 'enum', elements: [{ id: tokyo?.id }, { id: fukuoka?.id }] }).expect(200);
      expect((put.body.elements as Row[]).map((e) => e.id)).to.deep.equal([tokyo?.id, fukuoka?.id]);
      expect((put.body.elements as Row[])[0]).to.include({ name: '東京本社', physical_name: 'tokyo' });
      // The crew's value pointed at 大阪, which PUT deleted.
      expect((store.crew(String(crew.id)).custom_fields as Row[]).length).to.equal(0);
    });

    it('DELETE of a group cascades to its templates and their values on crews', async () => {
      const store = ctx.sim.tenant('demo');
      const group = await api().post('/api/v1/crew_custom_field_template_groups').set(BEARER).send({ name: '一時グループ' }).expect(201);
      const template = await api().post('/api/v1/crew_custom_field_templates').set(BEARER).send({ name: 'メモ', type: 'string', group_id: group.body.id }).expect(201);
      const crew = store.insertCrew({ custom_fields: [{ template_id: template.body.id, value: '消える' }] });
      expect((store.crew(String(crew.id)).custom_fields as Row[]).length).to.equal(1);
      await api().delete(`/api/v1/crew_custom_field_template_groups/${String(group.body.id)}`).set(BEARER).expect(204);
      await api().get(`/api/v1/crew_custom_field_templates/${String(template.body.id)}`).set(BEARER).expect(404);
      expect(store.crew(String(crew.id)).custom_fields).to.deep.equal([]);
    });

    it('DELETE of a template removes its values; validation names the field', async () => {
      const store = ctx.sim.tenant('demo');
      const withValues = store.crews().filter((c) => (c.custom_fields as Row[]).length > 0).length;
      expect(withValues).to.be.greaterThan(0);
      const nick = store.templates().find((t) => t.name === 'ニックネーム');
      await api().delete(`/api/v1/crew_custom_field_templates/${String(nick?.id)}`).set(BEARER).expect(204);
      expect(store.crews().some((c) => (c.custom_fields as Array<{ template: Row }>).some((f) => f.template.id === nick?.id))).to.equal(false);
      const bad = await api().post('/api/v1/crew_custom_field_templates').set(BEARER).send({ name: 'x', type: 'color' }).expect(400);
      expect(bad.body.errors[0]).to.include({ resource: 'crew_custom_field_template', field: 'type' });
      const noElements = await api().post('/api/v1/crew_custom_field_templates').set(BEARER).send({ name: 'x', type: 'enum' }).expect(400);
      expect(noElements.body.errors[0].field).to.equal('elements');
    });
  });
});

describe('simulator: seeded data', function () {
  const ctx = useSimulator({ tenants: { demo: {} } });

  it('has the documented shape: 250 employees, 3-level departments, users with one admin, a status mix', () => {
    const store = ctx.sim.tenant('demo');
    const crews = store.crews() as CrewJson[];
    expect(crews).to.have.length(250);
    expect(crews[0]?.emp_code).to.equal('0001');
    expect(new Set(crews.map((c) => c.emp_code)).size).to.equal(250);
    expect(crews.every((c) => /^[ァ-ヶー]+$/.test(String(c.last_name_yomi)) && /^[ァ-ヶー]+$/.test(String(c.first_name_yomi)))).to.equal(true);
    expect(crews.filter((c) => c.business_last_name !== null).length).to.be.greaterThan(0);
    expect(crews.every((c) => typeof c.email === 'string' && typeof c.tel_number === 'string')).to.equal(true);
    const address = crews[0]?.address as Row;
    expect(address.pref).to.be.a('string');
    expect(address.zip_code).to.match(/^\d{3}-\d{4}$/);
    const depth = Math.max(...store.departments().map((d) => String(d.full_name).split('/').length));
    expect(depth).to.be.at.least(3);
    expect(store.departments().every((d) => typeof d.code === 'string')).to.equal(true);
    const users = store.users();
    expect(users.filter((u) => u.admin === true)).to.have.length(1);
    expect(users.length).to.be.greaterThan(10);
    const statuses = new Set(crews.map((c) => c.emp_status));
    expect([...statuses].sort()).to.deep.equal(['absent', 'employed', 'retired']);
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const retired = crews.filter((c) => c.emp_status === 'retired');
    expect(retired.every((c) => typeof c.resigned_at === 'string' && c.resigned_at < today)).to.equal(true);
    expect(crews.some((c) => c.emp_status === 'employed' && String(c.entered_at) > today)).to.equal(true);
    expect(crews.filter((c) => (c.custom_fields as Row[]).length > 0).length).to.be.greaterThan(20);
  });

  /** Every key of SmartHR's Crew schema that a crew list returns (biz_establishment is embed-only). */
  const crewKeys = (): string[] => {
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/smarthr/crew.schema.json'), 'utf8')) as { properties: Row };
    return Object.keys(schema.properties).filter((key) => key !== 'biz_establishment');
  };
  const filled = (value: unknown): boolean => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

  it('fills every documented crew field in at least a tenth of the crews, and all of them in every complete crew', () => {
    const crews = ctx.sim.tenant('demo').crews() as CrewJson[];
    const keys = crewKeys();
    expect(keys).to.have.length(144);
    const sparse = keys.filter((key) => crews.filter((c) => filled(c[key])).length < crews.length / 10);
    expect(sparse, 'fields filled in fewer than 10% of crews').to.deep.equal([]);
    const complete = crews.filter((_, i) => isCompleteCrew(i));
    expect(complete).to.have.length(25);
    for (const crew of complete) expect(keys.filter((key) => !filled(crew[key])), String(crew.emp_code)).to.deep.equal([]);
    // The values vary, so a connector mapping two fields onto each other shows it.
    for (const key of ['contract_type', 'tax_cd', 'commutation_1_period', 'insurance_premium_calculation_type', 'resident_status_type']) {
      expect(new Set(crews.map((c) => c[key]).filter(filled)).size, key).to.be.greaterThan(1);
    }
  });

  it('leaves some department slots empty: null before a filled slot, never a trailing null', () => {
    const crews = ctx.sim.tenant('demo').crews() as CrewJson[];
    const slots = crews.map((c) => c.departments as Array<Row | null>);
    expect(slots.filter((s) => s[0] === null && s.length > 1).length).to.be.greaterThan(3);
    expect(slots.filter((s) => s.length === 3 && s[1] === null).length).to.be.greaterThan(0);
    expect(slots.filter((s) => s.length === 0).length).to.be.greaterThan(0);
    expect(slots.every((s) => s.length === 0 || s.at(-1) !== null)).to.equal(true);
    // The deprecated `department` names the first filled slot.
    const gap = crews.find((c) => (c.departments as Array<Row | null>)[0] === null);
    expect(gap?.department).to.equal(((gap?.departments as Array<Row | null>)[1] as Row).full_name);
  });

  it("types users' invitation_*_at as dates, as SmartHR's reference does", () => {
    const users = ctx.sim.tenant('demo').users();
    const values = users.flatMap((u) => [u.invitation_created_at, u.invitation_opened_at, u.invitation_accepted_at, u.invitation_answered_at]);
    expect(values.filter((v) => v !== null).length).to.be.greaterThan(users.length);
    expect(values.every((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(String(v)))).to.equal(true);
  });
});
