import { expect } from 'chai';
import { asCrews, BEARER, tenantApi, useSimulator, type CrewJson } from './helpers.ts';

describe('simulator: crew writes', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 40 } } });
  const api = () => tenantApi(ctx.sim);

  async function createCrew(body: Record<string, unknown>): Promise<CrewJson> {
    const res = await api().post('/api/v1/crews').set(BEARER).send(body).expect(201);
    return res.body as CrewJson;
  }

  it('POST creates a crew: 201, Location of the new crew, explicit nulls, timestamps in +09:00', async () => {
    const res = await api().post('/api/v1/crews').set(BEARER).send({ last_name: '新規', first_name: '太郎', emp_code: 'N-1' }).expect(201);
    const crew = res.body as CrewJson;
    expect(res.headers.location).to.equal(`${ctx.sim.url}/demo/api/v1/crews/${crew.id}`);
    expect(crew).to.include({ last_name: '新規', first_name: '太郎', emp_code: 'N-1', emp_status: 'employed', gender: null, birth_at: null });
    expect(crew).to.have.property('resume1', null);
    expect(crew.created_at).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+09:00$/);
    expect(crew.updated_at).to.equal(crew.created_at);
    const fetched = await api().get(res.headers.location?.replace(`${ctx.sim.url}/demo`, '') ?? '').set(BEARER).expect(200);
    expect(fetched.body).to.deep.equal(crew);
  });

  it('translates employment_type_id, department_ids and positions (creating missing job titles)', async () => {
    const store = ctx.sim.tenant('demo');
    const type = store.employmentTypes().find((t) => t.preset_type === 'contract_worker');
    const dept = store.departments().find((d) => d.code === 'D211');
    const titlesBefore = store.jobTitles().length;
    const crew = await createCrew({ employment_type_id: type?.id, department_ids: [dept?.id], positions: ['課長', '新設ポジション'] });
    expect(crew.employment_type).to.deep.equal({ id: type?.id, name: '契約社員', preset_type: 'contract_worker', code: 'ET03' });
    expect(crew.emp_type).to.equal('contract_worker');
    const departments = crew.departments as Array<Record<string, unknown>>;
    expect(departments[0]).to.include({ id: dept?.id, name: '第一営業課', full_name: '営業本部/東日本営業部/第一営業課' });
    expect(crew.department).to.equal('営業本部/東日本営業部/第一営業課');
    const positions = crew.positions as Array<Record<string, unknown>>;
    expect(positions.map((p) => p.name)).to.deep.equal(['課長', '新設ポジション']);
    expect(positions[0]).to.have.all.keys('id', 'name', 'rank', 'code', 'created_at');
    expect(store.jobTitles().length).to.equal(titlesBefore + 1);
  });

  it('unknown ids in department_ids / employment_type_id are 400 code 1 naming the field, nothing written', async () => {
    const before = ctx.sim.tenant('demo').crews().length;
    for (const [field, value] of [['department_ids', ['nope']], ['employment_type_id', 'nope']] as const) {
      const res = await api().post('/api/v1/crews').set(BEARER).send({ last_name: 'x', [field]: value, positions: ['作られない役職'] }).expect(400);
      expect(res.body.code).to.equal(1);
      expect(res.body.errors[0]).to.include({ resource: 'crew', field });
    }
    expect(ctx.sim.tenant('demo').crews().length).to.equal(before);
    expect(ctx.sim.tenant('demo').jobTitles().some((t) => t.name === '作られない役職')).to.equal(false);
  });

  it('a duplicate emp_code is 400 code 1 naming emp_code (create and update)', async () => {
    const res = await api().post('/api/v1/crews').set(BEARER).send({ emp_code: '0001' }).expect(400);
    expect(res.body.errors[0]).to.include({ resource: 'crew', field: 'emp_code' });
    const other = ctx.sim.tenant('demo').crews()[2];
    const patch = await api().patch(`/api/v1/crews/${String(other?.id)}`).set(BEARER).send({ emp_code: '0001' }).expect(400);
    expect(patch.body.errors[0].field).to.equal('emp_code');
  });

  it('PATCH that tries to blank last_name (or another protected field) is refused and changes nothing', async () => {
    const id = String(ctx.sim.tenant('demo').crews()[3]?.id);
    // The stored record, not a rendering: attachment URLs in a rendering expire and differ per read.
    const before = structuredClone(ctx.sim.tenant('demo').crewRecord(id));
    for (const [field, value] of [['last_name', null], ['last_name', ''], ['first_name_yomi', ''], ['gender', null], ['birth_at', null], ['address', null]] as const) {
      const res = await api().patch(`/api/v1/crews/${id}`).set(BEARER).send({ [field]: value, occupation: '変わらない' }).expect(400);
      expect(res.body).to.deep.include({ code: 1, type: 'bad_request' });
      expect(res.body.errors).to.deep.equal([{ message: res.body.errors[0].message, resource: 'crew', field }]);
    }
    expect(ctx.sim.tenant('demo').crewRecord(id)).to.deep.equal(before);
  });

  it('fields that were never set may be sent blank', async () => {
    const crew = await createCrew({ first_name: '名のみ' });
    const res = await api().patch(`/api/v1/crews/${crew.id}`).set(BEARER).send({ last_name: null, gender: '' }).expect(200);
    expect(res.body.last_name).to.equal(null);
  });

  it('PATCH and PUT update partially and bump updated_at; created_at never moves', async () => {
    const crew = ctx.sim.tenant('demo').crews()[4];
    const id = String(crew?.id);
    const a = await api().patch(`/api/v1/crews/${id}`).set(BEARER).send({ occupation: 'PATCHした', created_at: '2000-01-01T00:00:00.000+09:00' }).expect(200);
    const b = await api().put(`/api/v1/crews/${id}`).set(BEARER).send({ tel_number: '090-0000-0000' }).expect(200);
    expect(b.body).to.include({ occupation: 'PATCHした', tel_number: '090-0000-0000', last_name: crew?.last_name });
    expect(a.body.created_at).to.equal(crew?.created_at);
    expect(b.body.created_at).to.equal(crew?.created_at);
    expect(a.body.updated_at > String(crew?.updated_at)).to.equal(true);
    expect(b.body.updated_at > a.body.updated_at).to.equal(true);
  });

  it('updated_at is strictly increasing even for writes in the same millisecond', () => {
    const store = ctx.sim.tenant('demo');
    const ids = store.crews().slice(0, 20).map((c) => c.id as string);
    const stamps = ids.map((id) => String(store.updateCrew(id, { occupation: `burst` }).updated_at));
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!, `${stamps[i]} > ${stamps[i - 1]}`).to.equal(true);
  });

  it('sort=-updated_at lists the most recently written crew first', async () => {
    const store = ctx.sim.tenant('demo');
    const target = store.crews()[7];
    await api().patch(`/api/v1/crews/${String(target?.id)}`).set(BEARER).send({ occupation: 'latest' }).expect(200);
    const res = await api().get('/api/v1/crews?sort=-updated_at&per_page=100').set(BEARER).expect(200);
    const rows = asCrews(res.body);
    expect(rows[0]?.id).to.equal(target?.id);
    const stamps = rows.map((r) => String(r.updated_at));
    expect(stamps).to.deep.equal([...stamps].sort().reverse());
  });

  it('sort by several keys: emp_status then -emp_code', async () => {
    const res = await api().get('/api/v1/crews?sort=emp_status,-emp_code&per_page=100').set(BEARER).expect(200);
    const rows = asCrews(res.body).map((r) => [String(r.emp_status), String(r.emp_code)] as const);
    const expected = [...rows].sort((x, y) => (x[0] === y[0] ? (x[1] < y[1] ? 1 : -1) : x[0] < y[0] ? -1 : 1));
    expect(rows).to.deep.equal(expected);
    const bad = await api().get('/api/v1/crews?sort=salary').set(BEARER).expect(400);
    expect(bad.body.errors[0].field).to.equal('sort');
  });

  it('custom fields: upsert by template_id, enum by physical_name or element id', async () => {
    const store = ctx.sim.tenant('demo');
    const templates = store.templates();
    const nick = templates.find((t) => t.type === 'string');
    const blood = templates.find((t) => t.type === 'enum');
    const elements = blood?.elements as Array<{ id: string; physical_name: string | null }>;
    const noPhysical = elements.find((e) => e.physical_name === null);
    const crew = await createCrew({ last_name: 'カスタム', custom_fields: [{ template_id: nick?.id, value: '最初' }, { template_id: blood?.id, value: 'blood_a' }] });
    const valueOf = (c: CrewJson, templateId: unknown): unknown =>
      (c.custom_fields as Array<{ value: unknown; template: { id: string } }>).find((f) => f.template.id === templateId)?.value;
    expect(valueOf(crew, nick?.id)).to.equal('最初');
    expect(valueOf(crew, blood?.id)).to.equal('blood_a');

    const res = await api().patch(`/api/v1/crews/${crew.id}`).set(BEARER).send({ custom_fields: [{ template_id: nick?.id, value: '更新' }, { template_id: blood?.id, value: noPhysical?.id }] }).expect(200);
    const updated = res.body as CrewJson;
    expect(valueOf(updated, nick?.id)).to.equal('更新');
    expect(valueOf(updated, blood?.id)).to.equal(noPhysical?.id);
    expect((updated.custom_fields as unknown[]).length).to.equal(2);
    const template = (updated.custom_fields as Array<{ template: Record<string, unknown> }>)[0]?.template;
    expect(template).to.include.all.keys('id', 'name', 'type', 'elements', 'group_id', 'hint', 'scale', 'separated_by_commas', 'position', 'updated_at', 'created_at');

    const bad = await api().patch(`/api/v1/crews/${crew.id}`).set(BEARER).send({ custom_fields: [{ template_id: blood?.id, value: 'blood_x' }] }).expect(400);
    expect(bad.body.errors[0].field).to.equal('custom_fields');
    const cleared = await api().patch(`/api/v1/crews/${crew.id}`).set(BEARER).send({ custom_fields: [{ template_id: nick?.id, value: null }] }).expect(200);
    expect(valueOf(cleared.body as CrewJson, nick?.id)).to.equal(undefined);
  });

  it('GET with fields returns only those keys plus id', async () => {
    const crew = ctx.sim.tenant('demo').crews()[0];
    const res = await api().get(`/api/v1/crews/${String(crew?.id)}?fields=emp_code,last_name,nonsense`).set(BEARER).expect(200);
    expect(res.body).to.deep.equal({ id: crew?.id, emp_code: crew?.emp_code, last_name: crew?.last_name });
    const list = await api().get('/api/v1/crews?fields=emp_code&per_page=2').set(BEARER).expect(200);
    expect(list.body).to.deep.equal(ctx.sim.tenant('demo').crews().slice(0, 2).map((c) => ({ id: c.id, emp_code: c.emp_code })));
  });

  it('DELETE answers 204 and the crew is gone', async () => {
    const crew = await createCrew({ last_name: '削除' });
    const res = await api().delete(`/api/v1/crews/${crew.id}`).set(BEARER).expect(204);
    expect(res.text).to.equal('');
    await api().get(`/api/v1/crews/${crew.id}`).set(BEARER).expect(404);
  });

  it('invite: 204 with an admin inviter creates the user; a non-admin inviter is 400', async () => {
    const store = ctx.sim.tenant('demo');
    const admin = store.users().find((u) => u.admin === true);
    const member = store.users().find((u) => u.admin === false);
    const crew = await createCrew({ last_name: '招待', email: 'invitee@example.co.jp' });
    const refused = await api().put(`/api/v1/crews/${crew.id}/invite`).set(BEARER).send({ inviter_user_id: member?.id }).expect(400);
    expect(refused.body.errors[0].field).to.equal('inviter_user_id');
    await api().put(`/api/v1/crews/${crew.id}/invite`).set(BEARER).send({}).expect(400);
    await api().put(`/api/v1/crews/${crew.id}/invite`).set(BEARER).send({ inviter_user_id: admin?.id }).expect(204);
    const invited = store.crew(crew.id);
    expect(invited.user_id).to.be.a('string');
    const user = store.user(String(invited.user_id));
    expect(user).to.include({ email: 'invitee@example.co.jp', crew_id: crew.id, admin: false });
    expect(user.invitation_created_at).to.be.a('string');
  });

  it('direct store writes keep the API rules', () => {
    const store = ctx.sim.tenant('demo');
    const inserted = store.insertCrew({ last_name: '直接', emp_code: 'DIRECT-1' });
    expect(inserted.updated_at).to.be.a('string');
    expect(() => store.insertCrew({ emp_code: 'DIRECT-1' })).to.throw(/社員番号/);
    expect(() => store.updateCrew(String(inserted.id), { last_name: '' })).to.throw();
    store.deleteCrew(String(inserted.id));
    expect(() => store.crew(String(inserted.id))).to.throw();
  });
});
