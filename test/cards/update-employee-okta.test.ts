import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, type Json } from './support.ts';

/** Update Employee as Okta's card has it: Clear Empty Values?, Employment Type by preset, the inputs Okta's page adds. */
describe('Update Employee (Okta parity)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h?.close());
  const store = () => h.sim.tenant('demo');
  const crewAt = (index: number) => (store().crews() as Json[]).filter((c) => c.emp_status === 'employed')[index]!;
  const stored = (id: string) => store().crew(id) as Json;
  const update = (id: string, inputs: Json, clear?: 'Yes' | 'No') =>
    callCard(h, 'updateEmployee', { options: clear ? { 'Clear Empty Values?': clear } : {}, inputs: { Employee: { 'Employee ID': id }, ...inputs } });

  describe('Clear Empty Values?', () => {
    it('No keeps what an empty input would clear; Yes clears it in SmartHR', async () => {
      const crew = crewAt(0);
      await update(crew.id, { 'Basic Information': { 'Phone Number': '03-1111-2222' }, 'Employment Status': { 'Resignation Reason': '家業を継ぐため' } }, 'No').expect(200);
      const empty = { 'Basic Information': { 'Phone Number': '' }, 'Employment Status': { 'Resignation Reason': null } };

      await update(crew.id, empty, 'No').expect(200);
      expect(stored(crew.id)).to.include({ tel_number: '03-1111-2222', resigned_reason: '家業を継ぐため' });

      const res = await update(crew.id, empty, 'Yes').expect(200);
      expect(stored(crew.id)).to.include({ tel_number: null, resigned_reason: null });
      expect(res.body['Employment Status']['Resignation Reason']).to.equal(null);
    });

    it('is No when the flow leaves it out (Okta\'s default keeps values)', async () => {
      const crew = crewAt(1);
      await update(crew.id, { 'Basic Information': { Email: 'keep@example.co.jp' } }).expect(200);
      await update(crew.id, { 'Basic Information': { Email: '' } }).expect(200);
      expect(stored(crew.id).email).to.equal('keep@example.co.jp');
    });

    it('Yes clears a list input given empty, such as Department IDs', async () => {
      const crew = (store().crews() as Json[]).find((c) => (c.departments as unknown[]).some((d) => d !== null))!;
      await update(crew.id, { 'Employment Information': { 'Department IDs': [] } }, 'No').expect(200);
      expect((stored(crew.id).departments as unknown[]).filter((d) => d !== null)).not.to.have.length(0);
      await update(crew.id, { 'Employment Information': { 'Department IDs': [] } }, 'Yes').expect(200);
      expect(stored(crew.id).departments).to.deep.equal([]);
    });

    it('Yes leaves every field Okta lists as not clearable as it was', async () => {
      const crew = crewAt(2);
      const before = stored(crew.id);
      await update(crew.id, {
        'Basic Information': { 'Last Name': '', 'First Name': null, 'Last Name Yomi': '', 'First Name Yomi': '', Gender: null },
        'Employment Status': { 'Employment Status': null },
        'Employment Information': { 'Business Establishment ID': '' },
        Address: { 'Zip Code': '', Prefecture: '', City: '', Street: '', Building: '' },
        'Resident Card Address': { City: null },
        'Emergency Contact Address': { City: '' },
        'Bank Account': { 'Bank Account Setting ID': '' },
        'Insurance and Tax': { 'Working Student Flag': null, 'Real Estate Income Flag': null },
      }, 'Yes').expect(200);
      const after = stored(crew.id);
      for (const key of ['last_name', 'first_name', 'last_name_yomi', 'first_name_yomi', 'gender', 'emp_status', 'biz_establishment_id', 'address', 'resident_card_address', 'emergency_address', 'bank_accounts', 'working_student_flag', 'estate_income_flag']) {
        expect(after[key], key).to.deep.equal(before[key]);
      }
    });
  });

  describe('Employment Type', () => {
    it('resolves every value of Okta\'s dropdown to the tenant\'s employment type with that preset', async () => {
      const card = (await request(h.app).get('/cards/updateEmployee').expect(200)).body as Json;
      const field = card.inputs.properties['Employment Information'].properties['Employment Type'] as Json;
      const names = (field.enum as Array<string | null>).filter((v): v is string => v !== null);
      expect(names.slice(0, 2)).to.deep.equal(['Board Member', 'Full Time']);
      const types = store().employmentTypes() as Json[];
      const crew = crewAt(3);
      for (const name of names) {
        await update(crew.id, { 'Employment Information': { 'Employment Type': name } }).expect(200);
        const expected = types.find((t) => t.preset_type === field.smarthrValues[name])!;
        expect(stored(crew.id).employment_type.id, name).to.equal(expected.id);
      }
      expect(names).to.have.length(types.filter((t) => t.preset_type !== null).length);
    });

    it('answers 400 naming Employment Type and listing the tenant\'s types when no type, or several, have the preset', async () => {
      const crew = crewAt(4);
      // The stored record, not a rendering: attachment URLs in a rendering differ per read.
      const before = structuredClone(store().crewRecord(crew.id));
      const types = store().employmentTypes() as Json[];
      const fullTime = types.find((t) => t.preset_type === 'full_timer')!;
      const custom = types.find((t) => t.preset_type === null)!;
      try {
        store().setEmploymentTypePreset(fullTime.id, null);
        const none = await update(crew.id, { 'Employment Information': { 'Employment Type': 'Full Time' } }).expect(400);
        expect(none.body.error.message).to.include('Employment Type "Full Time" matches none');
        expect(none.body.error.details[0].field).to.equal('Employment Type');
        for (const t of types) expect(none.body.error.details[0].message).to.include(t.name);

        store().setEmploymentTypePreset(fullTime.id, 'full_timer');
        store().setEmploymentTypePreset(custom.id, 'full_timer');
        const several = await update(crew.id, { 'Employment Information': { 'Employment Type': 'Full Time' } }).expect(400);
        expect(several.body.error.message).to.include('Employment Type "Full Time" matches 2');
      } finally {
        store().setEmploymentTypePreset(fullTime.id, 'full_timer');
        store().setEmploymentTypePreset(custom.id, null);
      }
      expect(store().crewRecord(crew.id)).to.deep.equal(before);
    });

    it('refuses a value that is not on the dropdown, listing Okta\'s values, and writes nothing', async () => {
      const crew = crewAt(6);
      const before = structuredClone(store().crewRecord(crew.id));
      const res = await update(crew.id, { 'Employment Information': { 'Employment Type': 'Intern' } }).expect(400);
      const detail = res.body.error.details[0] as Json;
      expect(detail.field).to.equal('Employment Type');
      expect(detail.message).to.equal('Employment Type must be equal to one of the allowed values: Board Member, Full Time, Contract Worker, Permatemp, Part Time, Outsourcing Contractor, Other (or empty).');
      expect(store().crewRecord(crew.id)).to.deep.equal(before);
    });

    it('Employment Type ID, our extra input, still takes a type that is no preset', async () => {
      const crew = crewAt(5);
      const custom = (store().employmentTypes() as Json[]).find((t) => t.preset_type === null)!;
      await update(crew.id, { 'Employment Information': { 'Employment Type ID': custom.id } }).expect(200);
      expect(stored(crew.id).employment_type.id).to.equal(custom.id);
    });
  });

  it('sends User ID, Business Establishment ID, the three addresses, the bank account and the flags of Okta\'s page', async () => {
    const crew = crewAt(6);
    const user = (store().users() as Json[]).find((u) => !(store().crews() as Json[]).some((c) => c.user_id === u.id)) ?? (store().users() as Json[])[0]!;
    const biz = (store().bizEstablishments() as Json[]).find((b) => b.id !== crew.biz_establishment_id)!;
    const address = { 'Zip Code': '150-0001', Prefecture: '東京都', City: '渋谷区', Street: '神宮前1-1-1', Building: '3F' };
    await update(crew.id, {
      'Basic Information': { 'User ID': user.id, 'Birth Date': '1990/01/02' },
      'Employment Information': { 'Business Establishment ID': biz.id },
      'Resident Card Address': address,
      'Emergency Contact Address': { ...address, City: '港区' },
      'Bank Account': { 'Bank Account Setting ID': 'bas-1', 'Bank Code': '0001', 'Bank Branch Code': '001', 'Account Type': 'Saving', 'Account Number': '1234567', 'Account Holder Name': 'ヤマダ タロウ' },
      'Insurance and Tax': { 'First Time Employees Pension Plan Enrollment': true, 'Working Student Flag': false, 'Employment Income Flag': true, 'Business Income Flag': false, 'Dividend Income Flag': true, 'Real Estate Income Flag': false },
    }, 'No').expect(200);
    const after = stored(crew.id);
    expect(after).to.include({ user_id: user.id, birth_at: '1990-01-02', biz_establishment_id: biz.id });
    expect(after.resident_card_address).to.include({ zip_code: '150-0001', pref: '東京都', city: '渋谷区', street: '神宮前1-1-1', building: '3F' });
    expect(after.emergency_address).to.include({ city: '港区' });
    expect(after.bank_accounts).to.have.length(1);
    expect(after.bank_accounts[0]).to.include({ bank_account_setting_id: 'bas-1', bank_code: '0001', bank_branch_code: '001', account_type: 'saving', account_number: '1234567', account_holder_name: 'ヤマダ タロウ' });
    expect(after).to.include({ first_enrolling_in_emp_pns_ins_flag: true, working_student_flag: false, employment_income_flag: true, business_income_flag: false, devidend_income_flag: true, estate_income_flag: false });
  });

  it('offers Business Establishment ID as a dropdown of up to 100 of the tenant\'s establishments', async () => {
    const card = (await request(h.app).get('/cards/updateEmployee').expect(200)).body as Json;
    const field = card.inputs.properties['Employment Information'].properties['Business Establishment ID'] as Json;
    expect(field).to.include({ workflowsType: 'Dropdown' });
    expect(field.choicesFrom).to.deep.equal({ path: '/v1/biz_establishments', value: 'id', label: 'name', limit: 100 });
  });
});
