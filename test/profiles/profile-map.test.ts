import { expect } from 'chai';
import { PROFILE_ATTRIBUTES, todayInJapan, toProfile } from '../../connector/engine/profiles/profile-map.ts';

type Json = Record<string, unknown>;
const TODAY = '2026-11-23';

function crew(overrides: Json = {}): Json {
  return {
    id: 'c-1', emp_code: '0042', emp_status: 'employed', last_name: '山田', first_name: '花子',
    business_last_name: null, business_first_name: null, email: 'hanako@example.co.jp', tel_number: '090-0000-0000',
    address: { country_number: null, zip_code: '150-0001', pref: '東京都', city: '渋谷区', street: '神宮前1-2-3', building: 'ヒルズ101' },
    departments: [{ id: 'd-1', name: '開発部', full_name: '本社/開発部' }], positions: [{ id: 'j-1', name: 'エンジニア' }],
    employment_type: { id: 'e-1', name: '正社員' }, entered_at: '2020-04-01', resigned_at: null, updated_at: '2026-11-20T10:00:00.000+09:00',
    ...overrides,
  };
}

describe('employee profile mapping', () => {
  it('maps every attribute of a complete employee', () => {
    expect(toProfile(crew(), TODAY)).to.deep.equal({
      smarthrId: 'c-1', employeeNumber: '0042', firstName: '花子', lastName: '山田', displayName: '山田 花子',
      email: 'hanako@example.co.jp', login: 'hanako@example.co.jp', mobilePhone: '090-0000-0000',
      streetAddress: '神宮前1-2-3 ヒルズ101', city: '渋谷区', state: '東京都', zipCode: '150-0001', countryCode: 'JP',
      department: '開発部', title: 'エンジニア', userType: '正社員', groups: ['本社/開発部'], status: 'ACTIVE', onLeave: false,
      startDate: '2020-04-01', endDate: null, updatedAt: '2026-11-20T10:00:00.000+09:00',
    });
  });

  it('uses the business name as displayName when one is set, keeping legal first and last names', () => {
    const p = toProfile(crew({ business_last_name: '佐藤', business_first_name: '花' }), TODAY);
    expect(p).to.include({ displayName: '佐藤 花', firstName: '花子', lastName: '山田' });
  });

  it('leaves out missing address parts, and gives nulls without an address', () => {
    const partial = toProfile(crew({ address: { country_number: '840', zip_code: null, pref: null, city: 'Seattle', street: '1st Ave', building: null } }), TODAY);
    expect(partial).to.include({ streetAddress: '1st Ave', city: 'Seattle', state: null, zipCode: null, countryCode: 'US' });
    const none = toProfile(crew({ address: null }), TODAY);
    expect(none).to.include({ streetAddress: null, city: null, state: null, zipCode: null, countryCode: null });
  });

  it('takes the first of several departments and lists them all as groups, skipping empty slots', () => {
    const p = toProfile(crew({ departments: [null, { id: 'd-2', name: '営業部', full_name: '本社/営業部' }, { id: 'd-3', name: '広報', full_name: '本社/管理部/広報' }] }), TODAY);
    expect(p.department).to.equal('営業部');
    expect(p.groups).to.deep.equal(['本社/営業部', '本社/管理部/広報']);
  });

  const statuses: Array<[string, Json, string, boolean]> = [
    ['employed', {}, 'ACTIVE', false],
    ['absent (on leave)', { emp_status: 'absent' }, 'ACTIVE', true],
    ['retired', { emp_status: 'retired', resigned_at: '2025-03-31' }, 'INACTIVE', false],
    ['employed with a resignation date already passed', { resigned_at: '2026-11-22' }, 'INACTIVE', false],
    ['employed with a resignation date still to come', { resigned_at: '2026-12-31' }, 'ACTIVE', false],
    ['employed with a join date in the future', { entered_at: '2026-12-01' }, 'PENDING', false],
    ['joining today', { entered_at: TODAY }, 'ACTIVE', false],
  ];
  for (const [what, overrides, status, onLeave] of statuses) {
    it(`maps ${what} to ${status}${onLeave ? ' on leave' : ''}`, () => {
      expect(toProfile(crew(overrides), TODAY)).to.include({ status, onLeave });
    });
  }

  it('decides "today" in Japan time', () => {
    expect(todayInJapan(new Date('2026-11-23T14:59:59Z'))).to.equal('2026-11-23');
    expect(todayInJapan(new Date('2026-11-23T15:00:00Z'))).to.equal('2026-11-24');
  });

  it('declares every attribute Okta profiles need, once', () => {
    const names = PROFILE_ATTRIBUTES.map((a) => a.attribute);
    expect(new Set(names).size).to.equal(names.length);
    for (const required of ['employeeNumber', 'firstName', 'lastName', 'displayName', 'email', 'login', 'mobilePhone', 'streetAddress', 'city', 'state', 'zipCode', 'countryCode', 'department', 'title', 'userType', 'groups', 'status', 'startDate', 'endDate', 'smarthrId', 'updatedAt']) {
      expect(names).to.include(required);
    }
  });
});
