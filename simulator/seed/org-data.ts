/** The fixed part of a seeded tenant: organisation structure and master data. */

export interface DepartmentSeed {
  name: string;
  code: string;
  children?: DepartmentSeed[];
}

/** Three levels below the top (本部 > 部 > 課), so full_name and parent chains get exercised. */
export const DEPARTMENT_TREE: readonly DepartmentSeed[] = [
  {
    name: '経営企画本部', code: 'D100', children: [
      { name: '経営企画部', code: 'D110', children: [{ name: '経営企画課', code: 'D111' }, { name: 'IR課', code: 'D112' }] },
    ],
  },
  {
    name: '営業本部', code: 'D200', children: [
      { name: '東日本営業部', code: 'D210', children: [{ name: '第一営業課', code: 'D211' }, { name: '第二営業課', code: 'D212' }] },
      { name: '西日本営業部', code: 'D220', children: [{ name: '大阪営業課', code: 'D221' }, { name: '福岡営業課', code: 'D222' }] },
    ],
  },
  {
    name: '開発本部', code: 'D300', children: [
      { name: 'プロダクト開発部', code: 'D310', children: [{ name: 'フロントエンド課', code: 'D311' }, { name: 'バックエンド課', code: 'D312' }] },
      { name: '品質保証部', code: 'D320', children: [{ name: 'テスト課', code: 'D321' }] },
    ],
  },
  {
    name: '管理本部', code: 'D400', children: [
      { name: '人事部', code: 'D410', children: [{ name: '労務課', code: 'D411' }, { name: '採用課', code: 'D412' }] },
      { name: '経理部', code: 'D420', children: [{ name: '財務課', code: 'D421' }] },
    ],
  },
];

export const JOB_TITLES: ReadonlyArray<readonly [name: string, rank: number, code: string]> = [
  ['代表取締役', 1, 'JT01'],
  ['取締役', 2, 'JT02'],
  ['本部長', 10, 'JT10'],
  ['部長', 20, 'JT20'],
  ['課長', 30, 'JT30'],
  ['係長', 40, 'JT40'],
  ['主任', 50, 'JT50'],
];

/**
 * SmartHR's seven system-standard employment types; presets cannot be deleted or renamed. The
 * codes are the tenant's own (settable since 2024-09-30), so the field has values to map.
 */
export const PRESET_EMPLOYMENT_TYPES: ReadonlyArray<readonly [name: string, preset: string, code: string]> = [
  ['役員', 'board_member', 'ET01'],
  ['正社員', 'full_timer', 'ET02'],
  ['契約社員', 'contract_worker', 'ET03'],
  ['派遣社員', 'permatemp', 'ET04'],
  ['パート・アルバイト', 'part_timer', 'ET05'],
  ['業務委託', 'outsourcing_contractor', 'ET06'],
  ['その他', 'etc', 'ET07'],
];

export const GRADES: ReadonlyArray<readonly [string, number]> = [['G1', 1], ['G2', 2], ['G3', 3], ['G4', 4]];
export const JOB_CATEGORIES: readonly string[] = ['営業職', '技術職', '事務職'];
export const RECRUITMENT_TYPES: ReadonlyArray<readonly [string, string]> = [['新卒', 'new_graduate'], ['中途', 'mid_career']];
export const PAYMENT_PERIODS: ReadonlyArray<readonly [string, string]> = [['月給', 'monthly'], ['時給', 'hourly']];
