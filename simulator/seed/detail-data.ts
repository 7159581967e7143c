/** Word lists for the seeded employees' HR, insurance, payroll and residence details. */

export const RELATIONS_TO_HEAD = ['本人', '夫', '妻', '父', '母'] as const;
export const EMERGENCY_GIVEN_YOMI = ['ハナコ', 'ケイコ', 'ユミ', 'タロウ', 'マコト', 'アケミ'] as const;

/** Earlier employers, as SmartHR stores them: free text. */
export const WORKPLACES: ReadonlyArray<readonly [name: string, address: string]> = [
  ['株式会社サンプル商事', '東京都千代田区丸の内1-1-1'],
  ['有限会社みなと製作所', '神奈川県横浜市中区山下町2-3'],
  ['株式会社北斗システム', '北海道札幌市中央区北一条西4-2'],
  ['合同会社なにわ物流', '大阪府大阪市浪速区難波中1-10-4'],
  ['株式会社博多フーズ', '福岡県福岡市博多区博多駅前3-2-1'],
];

/** ISO 3166-1 numeric codes (SmartHR's code list for nationality_code is not published: UNCONFIRMED). */
export const NATIONALITY_CODES = ['156', '704', '608', '410', '840', '356'] as const;

/** SmartHR's resident status codes (as the SmartHR.NET client lists them). */
export const RESIDENT_STATUS_TYPES = [
  'resident_status_type_0025',
  'resident_status_type_0021',
  'resident_status_type_0022',
  'resident_status_type_0012',
  'resident_status_type_0018',
  'resident_status_type_2003',
] as const;

export const FOREIGN_NAMES: ReadonlyArray<readonly [last: string, first: string, middle: string | null]> = [
  ['NGUYEN', 'VAN AN', null],
  ['WANG', 'WEI', null],
  ['SANTOS', 'MARIA', 'CRUZ'],
  ['KIM', 'MINJUN', null],
  ['SMITH', 'JOHN', 'ROBERT'],
  ['SHARMA', 'PRIYA', null],
];

export const HANDICAPPED_NOTE_TYPES = ['身体障害者手帳', '精神障害者保健福祉手帳', '療育手帳'] as const;
export const SCHOOLS = ['東京夜間大学', '大阪ビジネス専門学校', '放送大学'] as const;
export const WIDOW_MEMOS = ['扶養親族あり', '令和5年に申告済み', '子1名と同居'] as const;

export const EMP_INS_UNKNOWN_REASONS = ['no_work_experience', 'never_joined', 'unknown'] as const;
export const PENSION_UNKNOWN_REASONS = ['non_pensionable', 'unknown'] as const;
export const WIDOW_REASONS = ['divorce', 'bereavement', 'missing', 'unmarried'] as const;
export const CONTRACT_RENEWAL_TYPES = ['renewal', 'none', 'auto_renewal'] as const;
export const COMMUTATION_PERIODS = ['commutation_period_1_month', 'commutation_period_3_month', 'commutation_period_6_month'] as const;
export const TAX_CDS = ['kou', 'otsu', 'hei', 'reward', 'non_resident', 'no_taxation_required'] as const;

export const BANKS: ReadonlyArray<readonly [code: string, branch: string]> = [
  ['0001', '001'],
  ['0005', '135'],
  ['0009', '220'],
  ['0033', '002'],
];
export const ACCOUNT_TYPES = ['saving', 'checking', 'deposit'] as const;

/** Attachment file names: what was uploaded, with an extension SmartHR accepts. */
export const FILES = {
  identityCard: ['license_front.jpg', 'mynumber_card.png'],
  identityCardBack: ['license_back.jpg'],
  address: ['juminhyo.pdf'],
  resume: ['rirekisho.pdf', 'shokumu_keirekisho.docx'],
  empIns: ['koyo_hoken_hihokensha_sho.pdf'],
  pension: ['nenkin_techo.jpg'],
  residentCard: ['zairyu_card_front.jpg', 'zairyu_card_back.jpg'],
  handicapped: ['shogaisha_techo.pdf'],
  studentCard: ['gakusei_sho.png'],
  profile: ['profile.jpg', 'avatar.png'],
} as const;
