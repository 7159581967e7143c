/**
 * Deterministic seed of one tenant: same seed, same data (ids, names, dates), so tests can
 * count on seeded values. Records are built directly rather than through the write path so
 * seeding stays O(n) for 100,000 employees (the write path checks emp_code uniqueness by
 * scanning); the seed guarantees uniqueness by construction instead.
 *
 * The one date-dependent value: a few employees join on the next 1 April after today, so
 * "future joiners" stay in the future whenever the simulator runs.
 *
 * The details beyond name, contact and status (crew-details.ts), the empty department slots,
 * and everything "complete" crews (every tenth, from the fourth) get on top come from a second
 * PRNG stream, so they never shift the values of the first.
 */
import { formatTimestamp, todayInJapan } from '../clock.ts';
import type { Json, JsonObject } from '../json.ts';
import { Prng } from '../prng.ts';
import { CREW_PLAIN_FIELDS } from '../store/crew-fields.ts';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS } from '../store/permissions.ts';
import type { CrewRecord, EnumElement, NamedRecord, TemplateRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import type { TenantStore } from '../store/tenant-store.ts';
import { addCrewDetails, seedDate } from './crew-details.ts';
import { ACCOUNT_TYPES, BANKS, FILES } from './detail-data.ts';
import { BUILDINGS, FEMALE_GIVEN, MALE_GIVEN, OCCUPATIONS, PLACES, SURNAMES, type NameEntry, type Place } from './name-data.ts';
import {
  DEPARTMENT_TREE,
  GRADES,
  JOB_CATEGORIES,
  JOB_TITLES,
  PAYMENT_PERIODS,
  PRESET_EMPLOYMENT_TYPES,
  RECRUITMENT_TYPES,
  type DepartmentSeed,
} from './org-data.ts';

export interface SeedOptions {
  employees: number;
  seed: number;
}

/** 2019-04-01T09:00:00+09:00: seeded records were created from here on, one minute apart. */
const SEED_EPOCH_MS = Date.UTC(2019, 3, 1, 0, 0, 0);
const MINUTE = 60_000;

/** Every plain crew field, null: seeded crews start from it so they all share one object shape. */
const BLANK_VALUES: JsonObject = Object.fromEntries(CREW_PLAIN_FIELDS.map(([field]) => [field, null]));

/** Every tenth crew from the fourth (emp_code 0004, 0014, ...) has every documented field filled. */
export function isCompleteCrew(index: number): boolean {
  return index % 10 === 3;
}

interface CrewSeedContext {
  types: EmploymentTypeIds;
  leaves: string[];
  titles: string[];
  periods: string[];
  grades: string[];
  jobCategories: string[];
  recruitmentTypes: string[];
  biz: string[];
  templates: TemplateRecord[];
  futureEntry: string;
}

interface EmploymentTypeIds {
  fullTimer: string;
  /** The tenant's own (non-preset) type. */
  custom: string;
  all: string[];
  /** Board members and full timers: no fixed-term contract. */
  regular: Set<string>;
}

class Seeder {
  private readonly rng: Prng;
  /** The second stream (see the file comment). */
  private readonly details: Prng;
  private tick = 0;

  constructor(
    private readonly data: TenantData,
    seed: number,
  ) {
    this.rng = new Prng(seed);
    this.details = new Prng(seed ^ 0x5bd1e995);
  }

  /** Seeded timestamps: strictly increasing, all in the past. */
  private stamp(): { createdAt: string; updatedAt: string } {
    const at = formatTimestamp(SEED_EPOCH_MS + this.tick++ * MINUTE);
    return { createdAt: at, updatedAt: at };
  }

  run(employees: number): void {
    const d = this.data;
    d.companyId = this.rng.uuid();
    d.companyName = `株式会社${d.name.toUpperCase()}`;
    d.companyCreatedAt = formatTimestamp(SEED_EPOCH_MS - MINUTE);
    this.roles();
    const types = this.employmentTypes();
    const leaves = this.departments(DEPARTMENT_TREE, null, []);
    const titles = JOB_TITLES.map(([name, rank, code]) => {
      const rec = { id: this.rng.uuid(), name, rank, code, ...this.stamp() };
      d.jobTitles.set(rec.id, rec);
      return rec.id;
    });
    const grades = GRADES.map(([name, rank]) => this.named(d.grades, { name, rank }));
    const jobCategories = JOB_CATEGORIES.map((name) => this.named(d.jobCategories, { name }));
    const recruitmentTypes = RECRUITMENT_TYPES.map(([name, presetType]) => this.named(d.recruitmentTypes, { name, presetType }));
    const periods = PAYMENT_PERIODS.map(([name, periodType]) => this.named(d.paymentPeriods, { name, periodType }));
    const biz = this.bizEstablishments();
    const templates = this.customFields();
    const crews: CrewRecord[] = [];
    const width = Math.max(4, String(employees).length);
    const futureEntry = nextFirstOfApril();
    const ctx: CrewSeedContext = { types, leaves, titles, periods, grades, jobCategories, recruitmentTypes, biz, templates, futureEntry };
    for (let i = 0; i < employees; i++) crews.push(this.crew(i, width, ctx));
    this.users(crews);
    for (const b of d.bizEstablishments.values()) {
      b.socInsOwnerId = crews[0]?.id ?? null;
      b.labInsOwnerId = crews[0]?.id ?? null;
    }
    d.tokens.set('demo-token', structuredClone(ALL_PERMISSIONS));
    d.tokens.set('demo-readonly', structuredClone(READ_ONLY_PERMISSIONS));
    d.changed();
  }

  private named(collection: Map<string, NamedRecord>, fields: { name: string; rank?: number; presetType?: string; periodType?: string }): string {
    const rec = { id: this.rng.uuid(), ...fields, ...this.stamp() };
    collection.set(rec.id, rec);
    return rec.id;
  }

  private roles(): void {
    const admin = { id: this.rng.uuid(), name: '管理者', description: 'すべての機能を利用できます', crewsScope: 'crews_scope_all' as const, presetType: 'admin' };
    const member = { id: this.rng.uuid(), name: '従業員', description: '自分の情報のみ閲覧・編集できます', crewsScope: 'crews_scope_own' as const, presetType: 'crew' };
    this.data.roles.set(admin.id, admin);
    this.data.roles.set(member.id, member);
  }

  private employmentTypes(): EmploymentTypeIds {
    const all: string[] = [];
    const regular = new Set<string>();
    let fullTimer = '';
    for (const [name, presetType, code] of PRESET_EMPLOYMENT_TYPES) {
      const rec = { id: this.rng.uuid(), name, presetType, code, ...this.stamp() };
      this.data.employmentTypes.set(rec.id, rec);
      all.push(rec.id);
      if (presetType === 'full_timer') fullTimer = rec.id;
      if (presetType === 'full_timer' || presetType === 'board_member') regular.add(rec.id);
    }
    const custom = { id: this.rng.uuid(), name: '嘱託社員', presetType: null, code: 'ET-SHOKUTAKU', ...this.stamp() };
    this.data.employmentTypes.set(custom.id, custom);
    all.push(custom.id);
    return { fullTimer, custom: custom.id, all, regular };
  }

  private departments(nodes: readonly DepartmentSeed[], parentId: string | null, leaves: string[]): string[] {
    nodes.forEach((node, index) => {
      const rec = { id: this.rng.uuid(), name: node.name, code: node.code, position: index + 1, parentId, companyId: this.data.companyId, ...this.stamp() };
      this.data.departments.set(rec.id, rec);
      if (node.children) this.departments(node.children, rec.id, leaves);
      else leaves.push(rec.id);
    });
    return leaves;
  }

  private bizEstablishments(): string[] {
    const offices = [
      { name: '本社', pref: '東京都', city: '港区', street: '六本木1-1-1', zip: '106-0032', tel: '03-1234-5678', emp: '1301-123456-7' },
      { name: '大阪支店', pref: '大阪府', city: '大阪市北区', street: '梅田2-2-2', zip: '530-0001', tel: '06-1234-5678', emp: '2701-654321-0' },
    ];
    return offices.map((office, i) => {
      const address = (): JsonObject => ({
        id: this.rng.uuid(), country_number: null, zip_code: office.zip, pref: office.pref, city: office.city,
        street: office.street, building: `${this.data.companyName}ビル`, literal_yomi: null,
      });
      const fields: JsonObject = {
        hel_ins_type: 'kyokai_kenpo',
        hel_ins_name: '全国健康保険協会',
        hel_ins_ref_code: null,
        name: office.name,
        soc_ins_name: `${this.data.companyName} ${office.name}`,
        soc_ins_address: address(),
        soc_ins_tel_number: office.tel,
        soc_ins_ref_code: `0${i + 1}-ア`,
        soc_ins_number: `${12345 + i}`,
        lab_ins_name: `${this.data.companyName} ${office.name}`,
        lab_ins_address: address(),
        lab_ins_tel_number: office.tel,
        lab_ins_number: `13${i}01234567000`,
        emp_ins_number: office.emp,
        sr: null,
        jurisdiction_tax: office.city,
        salary_payer_address: address(),
      };
      const rec = { id: this.rng.uuid(), fields, socInsOwnerId: null, labInsOwnerId: null, ...this.stamp() };
      this.data.bizEstablishments.set(rec.id, rec);
      return rec.id;
    });
  }

  private customFields(): TemplateRecord[] {
    const group = (name: string, position: number): string => {
      const rec = { id: this.rng.uuid(), name, position, accessType: 'read_and_update' as const, ...this.stamp() };
      this.data.templateGroups.set(rec.id, rec);
      return rec.id;
    };
    const hr = group('人事情報', 1);
    const other = group('その他', 2);
    const element = (name: string, physical: string | null, position: number): EnumElement => ({ id: this.rng.uuid(), name, physical_name: physical, position });
    const specs: Array<Omit<TemplateRecord, 'id' | 'createdAt' | 'updatedAt'>> = [
      { name: 'ニックネーム', type: 'string', elements: [], groupId: hr, hint: '社内での呼び名', scale: null, separatedByCommas: false, position: 1 },
      { name: '自己紹介', type: 'text', elements: [], groupId: hr, hint: null, scale: null, separatedByCommas: false, position: 2 },
      { name: '在宅勤務手当', type: 'decimal', elements: [], groupId: hr, hint: '月額（円）', scale: 0, separatedByCommas: true, position: 3 },
      { name: '資格取得日', type: 'date', elements: [], groupId: other, hint: null, scale: null, separatedByCommas: false, position: 4 },
      {
        name: '血液型', type: 'enum', groupId: other, hint: null, scale: null, separatedByCommas: false, position: 5,
        elements: [element('A型', 'blood_a', 1), element('B型', 'blood_b', 2), element('O型', null, 3), element('AB型', null, 4)],
      },
      { name: '誓約書', type: 'file', elements: [], groupId: other, hint: 'PDFで提出', scale: null, separatedByCommas: false, position: 6 },
    ];
    return specs.map((spec) => {
      const rec: TemplateRecord = { id: this.rng.uuid(), ...spec, ...this.stamp() };
      this.data.templates.set(rec.id, rec);
      return rec;
    });
  }

  private customValue(r: Prng, template: TemplateRecord): Json {
    switch (template.type) {
      case 'string': return r.pick(['けんちゃん', 'さとちゃん', 'ゆう', 'たっくん', 'みーさん']);
      case 'text': return r.pick(['よろしくお願いします。', '趣味は登山です。\n週末はよく山に行きます。', 'コーヒーが好きです。']);
      case 'decimal': return r.pick([3000, 5000, 10000]);
      case 'date': return seedDate(2000 + r.int(10, 24), r.int(1, 9), 10 + r.int(0, 9));
      case 'enum': return r.pick(template.elements).id;
      case 'file': return 'pledge.pdf';
    }
  }

  private crew(i: number, width: number, ctx: CrewSeedContext): CrewRecord {
    const r = this.rng;
    const surname = r.pick(SURNAMES);
    const male = r.chance(0.52);
    const given = r.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
    const place = r.pick(PLACES);
    const code = String(i + 1).padStart(width, '0');
    const birthYear = r.int(1962, 2003);
    const enteredYear = Math.max(birthYear + 22, r.int(2005, 2025));
    const roll = r.next();
    const status = i === 0 ? 'employed' : roll < 0.1 ? 'retired' : roll < 0.15 ? 'absent' : 'employed';
    const values: JsonObject = {
      ...BLANK_VALUES,
      emp_code: code,
      emp_status: status,
      last_name: surname[0],
      first_name: given[0],
      last_name_yomi: surname[1],
      first_name_yomi: given[1],
      birth_at: seedDate(birthYear, r.int(1, 12), r.int(1, 28)),
      gender: male ? 'male' : 'female',
      email: `${given[2]}.${surname[2]}.${code}@example.co.jp`,
      tel_number: `0${r.pick(['80', '90', '70'])}-${r.int(1000, 9999)}-${r.int(1000, 9999)}`,
      address: {
        id: r.uuid(), country_number: null, zip_code: `${place.zipPrefix}-${String(r.int(0, 9999)).padStart(4, '0')}`,
        pref: place.pref, city: place.city, street: `${r.pick(place.towns)}${r.int(1, 5)}-${r.int(1, 20)}-${r.int(1, 30)}`,
        building: r.pick(BUILDINGS) || null, literal_yomi: null,
      },
      entered_at: i > 0 && i % 97 === 5 ? ctx.futureEntry : seedDate(enteredYear, 4, 1),
      occupation: r.pick(OCCUPATIONS),
      nearest_station_and_line: place.station,
      contract_type: 'unlimited',
      monthly_base_salary: r.int(22, 60) * 10000,
      tax_cd: 'kou',
      having_spouse: r.chance(0.4),
    };
    if (status === 'retired') {
      values.resigned_at = seedDate(Math.min(2025, enteredYear + r.int(1, 8)), r.int(1, 12), r.int(1, 28));
      values.resigned_reason = r.pick(['自己都合', '契約期間満了', '定年退職']);
    }
    if (r.chance(0.08)) {
      const maiden = r.pick(SURNAMES);
      values.business_last_name = maiden[0];
      values.business_last_name_yomi = maiden[1];
      values.business_first_name = given[0];
      values.business_first_name_yomi = given[1];
    }
    if (r.chance(0.5)) {
      const contact = r.pick(SURNAMES);
      Object.assign(values, {
        emergency_relation_name: r.pick(['父', '母', '配偶者']),
        emergency_last_name: contact[0], emergency_last_name_yomi: contact[1],
        emergency_first_name: r.pick(FEMALE_GIVEN)[0],
        emergency_tel_number: `03-${r.int(1000, 9999)}-${r.int(1000, 9999)}`,
      });
    }
    const depts = [r.pick(ctx.leaves)];
    if (r.chance(0.05)) depts.push(r.pick(ctx.leaves));
    const customValues = new Map<string, Json>();
    if (i % 3 === 0) for (const t of ctx.templates) if (r.chance(0.7)) customValues.set(t.id, this.customValue(r, t));
    const partTimer = r.chance(0.15);
    // Drawn in this order so that the first stream stays as it always was.
    const id = r.uuid();
    const stamp = this.stamp();
    const employmentTypeId = i === 0 ? ctx.types.all[0] ?? null : partTimer ? r.pick(ctx.types.all) : ctx.types.fullTimer;
    const bizEstablishmentId = r.pick(ctx.biz);
    const positionIds = i === 0 ? [ctx.titles[0] ?? ''] : r.chance(0.3) ? [r.pick(ctx.titles.slice(2))] : [];
    const rec: CrewRecord = {
      id,
      ...stamp,
      values,
      employmentTypeId,
      bizEstablishmentId,
      departmentIds: depts,
      positionIds,
      gradeId: null,
      jobCategoryId: null,
      recruitmentTypeId: null,
      paymentPeriodId: partTimer ? (ctx.periods[1] ?? null) : (ctx.periods[0] ?? null),
      bankAccounts: [],
      profileImageName: null,
      customValues,
    };
    this.detail(i, rec, ctx, { birthYear, male, given, place });
    this.data.crews.set(rec.id, rec);
    return rec;
  }

  /** The second stream's part of a crew: details, organisation extras, empty department slots. */
  private detail(i: number, rec: CrewRecord, ctx: CrewSeedContext, person: { birthYear: number; male: boolean; given: NameEntry; place: Place }): void {
    const x = this.details;
    const complete = isCompleteCrew(i);
    const values = rec.values;
    const address = values.address as JsonObject;
    if (complete || x.chance(0.3)) address.literal_yomi = person.place.yomi;
    if (complete) {
      // Japan's ISO 3166 number: SmartHR leaves it empty for domestic addresses, a complete crew has it.
      address.country_number = '392';
      address.building ??= BUILDINGS[2] ?? null;
      if (values.business_last_name === null) {
        Object.assign(values, {
          business_last_name: values.last_name, business_last_name_yomi: values.last_name_yomi,
          business_first_name: person.given[0], business_first_name_yomi: person.given[1],
        });
      }
      // emp_type is only filled for preset employment types.
      if (rec.employmentTypeId === ctx.types.custom) rec.employmentTypeId = ctx.types.fullTimer;
      for (const t of ctx.templates) if (!rec.customValues.has(t.id)) rec.customValues.set(t.id, this.customValue(x, t));
      if (rec.positionIds.length === 0) rec.positionIds = [x.pick(ctx.titles.slice(2))];
    } else {
      const slots = x.next();
      const first = rec.departmentIds[0] ?? null;
      // Since SmartHR's 2023 department slots, an empty slot before a filled one is null.
      if (slots < 0.04) rec.departmentIds = [null, ...rec.departmentIds].slice(0, 3);
      else if (slots < 0.06 && rec.departmentIds.length === 1) rec.departmentIds = [first, null, x.pick(ctx.leaves)];
      else if (slots < 0.08) rec.departmentIds = [];
    }
    addCrewDetails(x, values, {
      index: i,
      complete,
      birthYear: person.birthYear,
      male: person.male,
      fixedTerm: rec.employmentTypeId !== null && !ctx.types.regular.has(rec.employmentTypeId),
    });
    if (complete || x.chance(0.6)) {
      rec.gradeId = x.pick(ctx.grades);
      rec.jobCategoryId = x.pick(ctx.jobCategories);
      rec.recruitmentTypeId = x.pick(ctx.recruitmentTypes);
    }
    if (complete || x.chance(0.5)) rec.profileImageName = x.pick(FILES.profile);
    if (complete || x.chance(0.6)) {
      const [bankCode, branchCode] = x.pick(BANKS);
      rec.bankAccounts = [{
        bank_code: bankCode, bank_branch_code: branchCode, account_type: x.pick(ACCOUNT_TYPES),
        account_number: String(x.int(1_000_000, 9_999_999)), account_holder_name: `${String(values.last_name_yomi)} ${String(values.first_name_yomi)}`,
        transfer_type: 'full', specified_transfer_amount: null, transfer_category: 'salary_and_bonus', bankbook_image: null, bank_account_setting_id: null,
      }];
    }
  }

  /** One admin (the first employee) and accounts for every fifth employee and every complete one. */
  private users(crews: CrewRecord[]): void {
    const roles = [...this.data.roles.values()];
    crews.forEach((crew, i) => {
      if (i % 5 !== 0 && !isCompleteCrew(i)) return;
      const admin = i === 0;
      // SmartHR's reference types the invitation_* values as dates.
      const invitedOn = crew.createdAt.slice(0, 10);
      const accepted = i % 10 === 0 || isCompleteCrew(i);
      const user = {
        id: (i % 5 === 0 ? this.rng : this.details).uuid(),
        email: String(crew.values.email),
        notificationEmail: null,
        admin,
        roleId: (admin ? roles[0] : roles[1])?.id ?? '',
        crewId: crew.id,
        agreementForElectronicDelivery: accepted,
        invitationCreatedAt: invitedOn,
        invitationOpenedAt: accepted ? invitedOn : null,
        invitationAcceptedAt: accepted ? invitedOn : null,
        invitationAnsweredAt: accepted ? invitedOn : null,
        hasPassword: accepted,
        ...this.stamp(),
      };
      this.data.users.set(user.id, user);
      crew.values.user_id = user.id;
    });
  }
}

function nextFirstOfApril(): string {
  const today = todayInJapan();
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-04-01`;
  return today < thisYear ? thisYear : `${year + 1}-04-01`;
}

export function seedTenant(store: TenantStore, options: SeedOptions): void {
  new Seeder(store.data, options.seed).run(options.employees);
}
