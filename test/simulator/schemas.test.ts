import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { BEARER, tenantApi, useSimulator } from './helpers.ts';

const SCHEMA_DIR = join(import.meta.dirname, '../../schemas/smarthr');
const BASE = 'https://smarthr-connector.local/schemas/smarthr/';

function loadAjv(): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats.default(ajv);
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object);
  }
  return ajv;
}

describe('simulator responses match schemas/smarthr', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 60 } } });
  const ajv = loadAjv();
  const validator = (name: string): ValidateFunction => {
    const validate = ajv.getSchema(`${BASE}${name}.schema.json`);
    if (!validate) throw new Error(`schema ${name} not loaded`);
    return validate;
  };

  function expectValid(name: string, value: unknown): void {
    const validate = validator(name);
    const ok = validate(value);
    expect(ok, `${name}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
  }

  it('every schema has $id, title and description and compiles', () => {
    for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.schema.json'))) {
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as Record<string, unknown>;
      expect(schema.$id, file).to.equal(`${BASE}${file}`);
      expect(schema.title, file).to.match(/^SmartHR/);
      expect(schema.description, file).to.be.a('string');
    }
  });

  it('catches drift: an unknown key or a wrong type fails', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=1').set(BEARER).expect(200);
    const crew = (res.body as Record<string, unknown>[])[0];
    expect(validator('crew')({ ...crew, surprise: 1 })).to.equal(false);
    expect(validator('crew')({ ...crew, emp_code: 12 })).to.equal(false);
    const { last_name: _dropped, ...withoutLastName } = crew ?? {};
    expect(validator('crew')(withoutLastName)).to.equal(false);
  });

  const cases: Array<[schema: string, path: string]> = [
    ['crew', '/api/v1/crews?per_page=100'],
    ['user', '/api/v1/users?per_page=100'],
    ['user', '/api/v1/users?per_page=5&embed=crew'],
    ['user', '/api/v1/users?per_page=5&embed=biz_establishment'],
    ['user', '/api/v1/users?per_page=5&embed=biz_establishment_company'],
    ['user', '/api/v1/users?per_page=5&embed=department_company'],
    ['department', '/api/v1/departments?per_page=100'],
    ['job-title', '/api/v1/job_titles'],
    ['employment-type', '/api/v1/employment_types'],
    ['biz-establishment', '/api/v1/biz_establishments'],
    ['biz-establishment', '/api/v1/biz_establishments?embed=soc_ins_owner'],
    ['biz-establishment', '/api/v1/biz_establishments?embed=company'],
    ['custom-field-template', '/api/v1/crew_custom_field_templates'],
    ['custom-field-template', '/api/v1/crew_custom_field_templates?embed=group'],
    ['custom-field-template-group', '/api/v1/crew_custom_field_template_groups'],
    ['custom-field-template-group', '/api/v1/crew_custom_field_template_groups?embed=templates'],
  ];

  for (const [schema, path] of cases) {
    it(`list ${path} and get of its first item validate against ${schema}`, async () => {
      const res = await tenantApi(ctx.sim).get(path).set(BEARER).expect(200);
      const rows = res.body as Array<Record<string, unknown>>;
      expect(rows.length).to.be.greaterThan(0);
      for (const row of rows) expectValid(schema, row);
      if (path.startsWith('/api/v1/biz_establishments')) return; // SmartHR has no GET by id here
      const [listPath, query] = path.split('?');
      const id = String(rows[0]?.id);
      const one = await tenantApi(ctx.sim).get(`${listPath}/${id}?${query ?? ''}`).set(BEARER).expect(200);
      expectValid(schema, one.body);
    });
  }

  it('a crew carrying every kind of value (custom fields of each type, attachments, bank account) validates', async () => {
    const store = ctx.sim.tenant('demo');
    const templates = store.templates();
    const byType = (type: string): string => String(templates.find((t) => t.type === type)?.id);
    const dept = store.departments()[3];
    const created = await tenantApi(ctx.sim)
      .post('/api/v1/crews')
      .set(BEARER)
      .send({
        last_name: '検証', first_name: '全項目', emp_code: 'SCHEMA-1', gender: 'female', birth_at: '1990-01-02',
        department_ids: [String(dept?.id)], positions: ['スキーマ検証係'], grade: 'G9', job_category: '検証職', recruitment_type: '中途',
        resume1: { file_name: 'resume.pdf', content: 'aGVsbG8=' }, profile_image: { file_name: 'me.png', content: 'aGVsbG8=' },
        bank_accounts: [{ bank_code: '0001', bank_branch_code: '001', account_type: 'saving', account_number: '1234567', account_holder_name: 'ケンショウ', transfer_type: 'full', transfer_category: 'salary' }],
        address: { zip_code: '106-0032', pref: '東京都', city: '港区', street: '六本木1-1-1' },
        custom_fields: [
          { template_id: byType('string'), value: 'ニック' },
          { template_id: byType('text'), value: '長い\n文章' },
          { template_id: byType('decimal'), value: '1234.5' },
          { template_id: byType('date'), value: '2024-01-31' },
          { template_id: byType('enum'), value: 'blood_b' },
          { template_id: byType('file'), value: 'aGVsbG8=', file_name: 'pledge.pdf' },
        ],
      })
      .expect(201);
    expectValid('crew', created.body);
    const body = created.body as { custom_fields: unknown[]; positions: Array<{ name: string }> };
    expect(body.custom_fields).to.have.length(6);
    expect(body.positions[0]?.name).to.equal('スキーマ検証係');
  });
});
