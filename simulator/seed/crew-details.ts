/**
 * The seeded employees' details beyond name, contact and status: documents, household, contract,
 * employment and social insurance, premiums, pay, commute, residence status, tax. Every field of
 * SmartHR's Crew schema gets a value of its documented type and enum in a good share of crews,
 * so a connector that maps one of them wrongly shows it in tests; "complete" crews (a tenth of
 * them) have every field filled at once, even combinations that are rare in life.
 *
 * Values come from their own PRNG stream, so adding a detail never shifts the names, dates and
 * ids the rest of the seed hands out. Strings come from fixed lists and a pool of dates where
 * possible, which keeps a 100,000-employee seed fast and small.
 */
import type { JsonObject } from '../json.ts';
import type { Prng } from '../prng.ts';
import {
  COMMUTATION_PERIODS,
  CONTRACT_RENEWAL_TYPES,
  EMERGENCY_GIVEN_YOMI,
  EMP_INS_UNKNOWN_REASONS,
  FILES,
  FOREIGN_NAMES,
  HANDICAPPED_NOTE_TYPES,
  NATIONALITY_CODES,
  PENSION_UNKNOWN_REASONS,
  RELATIONS_TO_HEAD,
  RESIDENT_STATUS_TYPES,
  SCHOOLS,
  TAX_CDS,
  WIDOW_MEMOS,
  WIDOW_REASONS,
  WORKPLACES,
} from './detail-data.ts';

const FIRST_YEAR = 1950;
const LAST_YEAR = 2035;
let datePool: string[] | null = null;

/** yyyy-MM-dd from a shared pool (days 1..28 of 1950..2035), so seeded dates cost no memory each. */
export function seedDate(year: number, month: number, day: number): string {
  if (datePool === null) {
    datePool = [];
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 28; d++) datePool.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
      }
    }
  }
  const y = Math.min(LAST_YEAR, Math.max(FIRST_YEAR, year));
  return datePool[((y - FIRST_YEAR) * 12 + (month - 1)) * 28 + (Math.min(day, 28) - 1)] ?? '';
}

/** A planned resignation date for "complete" crews still employed (SmartHR keeps future ones). */
const SCHEDULED_RESIGNATION = '2030-03-31';
/** The reference year for ages and premium revisions. */
const SEED_YEAR = 2025;

export interface CrewFacts {
  /** 0-based seed position; numbers that must be unique derive from it. */
  index: number;
  complete: boolean;
  birthYear: number;
  male: boolean;
  /** Contract, part-time or other non-regular employment: a fixed-term contract. */
  fixedTerm: boolean;
}

/** Always for complete crews, else with the given probability. */
function some(x: Prng, complete: boolean, probability: number): boolean {
  return complete || x.chance(probability);
}

/** A date in one of the years fromYear..toYear. */
function dateIn(x: Prng, fromYear: number, toYear: number): string {
  return seedDate(x.int(fromYear, toYear), x.int(1, 12), x.int(1, 28));
}

/**
 * Adds the details to `values`, which already holds names, address, dates, salary, ... and null
 * for every other field (a fixed set of keys: one object shape for every seeded crew, which
 * keeps seeding fast).
 */
export function addCrewDetails(x: Prng, values: JsonObject, facts: CrewFacts): void {
  const { complete } = facts;
  const entered = String(values.entered_at);
  const resigned = typeof values.resigned_at === 'string' ? values.resigned_at : null;
  const age = SEED_YEAR - facts.birthYear;

  if (complete && resigned === null) {
    values.resigned_at = SCHEDULED_RESIGNATION;
    values.resigned_reason = '自己都合';
  }
  const leftOn = typeof values.resigned_at === 'string' ? values.resigned_at : null;

  if (some(x, complete, 0.6)) values.identity_card_image1 = x.pick(FILES.identityCard);
  if (some(x, complete, 0.3)) values.identity_card_image2 = x.pick(FILES.identityCardBack);
  if (some(x, complete, 0.3)) values.address_image = x.pick(FILES.address);
  if (some(x, complete, 0.4)) values.resume1 = x.pick(FILES.resume);
  if (some(x, complete, 0.15)) values.resume2 = x.pick(FILES.resume);

  const ownName = `${String(values.last_name)} ${String(values.first_name)}`;
  if (some(x, complete, 0.6)) {
    values.address_head_of_family = ownName;
    values.address_relation_name = x.pick(RELATIONS_TO_HEAD);
  }
  if (some(x, complete, 0.4) && typeof values.address === 'object' && values.address !== null) {
    values.resident_card_address = { ...(values.address as JsonObject), id: x.uuid() };
    values.resident_card_address_head_of_family = ownName;
    values.resident_card_address_relation_name = x.pick(RELATIONS_TO_HEAD);
  }
  if (complete && values.emergency_last_name === null) {
    Object.assign(values, {
      emergency_relation_name: '配偶者', emergency_last_name: values.last_name, emergency_last_name_yomi: values.last_name_yomi,
      emergency_first_name: '花子', emergency_tel_number: '03-1234-5678',
    });
  }
  if (values.emergency_last_name !== null) {
    values.emergency_first_name_yomi = x.pick(EMERGENCY_GIVEN_YOMI);
    if (some(x, complete, 0.7) && typeof values.address === 'object' && values.address !== null) {
      values.emergency_address = { ...(values.address as JsonObject), id: x.uuid() };
    }
  }

  if (facts.fixedTerm || complete) {
    values.contract_type = 'fixed_term';
    values.contract_start_on = entered;
    values.contract_end_on = seedDate(Math.min(LAST_YEAR, Number(entered.slice(0, 4)) + x.int(1, 3)), 3, 28);
    values.contract_renewal_type = x.pick(CONTRACT_RENEWAL_TYPES);
  }

  if (some(x, complete, 0.8)) {
    if (complete || x.chance(0.9)) {
      values.emp_ins_insured_person_number = `${x.int(1000, 9999)}-${x.int(100000, 999999)}-${x.int(0, 9)}`;
      if (some(x, complete, 0.3)) values.emp_ins_insured_person_number_image = x.pick(FILES.empIns);
    }
    if (complete || values.emp_ins_insured_person_number === null) {
      values.emp_ins_insured_person_number_unknown_reason_type = x.pick(EMP_INS_UNKNOWN_REASONS);
    }
    values.emp_ins_qualified_at = entered;
    if (leftOn !== null) values.emp_ins_disqualified_at = leftOn;
    if (complete || (age > 25 && x.chance(0.5))) {
      values.previous_workplace = x.pick(WORKPLACES)[0];
      values.previous_employment_start_on = dateIn(x, facts.birthYear + 22, facts.birthYear + 24);
      values.previous_employment_end_on = dateIn(x, facts.birthYear + 25, facts.birthYear + 25);
    }
  }

  if (some(x, complete, 0.8)) {
    values.soc_ins_insured_person_number = facts.index + 1;
    values.hel_ins_insured_person_number = facts.index + 1;
    if (complete || x.chance(0.95)) {
      values.basic_pension_number = `${x.int(1000, 9999)}-${x.int(100000, 999999)}`;
      if (some(x, complete, 0.3)) values.basic_pension_number_image = x.pick(FILES.pension);
    }
    if (complete || values.basic_pension_number === null) {
      values.basic_pension_number_unknown_reason_type = x.pick(PENSION_UNKNOWN_REASONS);
    }
    values.first_enrolling_in_emp_pns_ins_flag = age <= 23 && x.chance(0.5);
    if (some(x, complete, 0.4)) {
      const [first, firstAddress] = x.pick(WORKPLACES);
      values.first_workplace = first;
      values.first_workplace_address_text = firstAddress;
      values.first_employment_start_on = dateIn(x, facts.birthYear + 22, facts.birthYear + 22);
      values.first_employment_end_on = dateIn(x, facts.birthYear + 23, facts.birthYear + 23);
      const [last, lastAddress] = x.pick(WORKPLACES);
      values.last_workplace = last;
      values.last_workplace_address_text = lastAddress;
      values.last_employment_start_on = dateIn(x, facts.birthYear + 24, facts.birthYear + 24);
      values.last_employment_end_on = dateIn(x, facts.birthYear + 25, facts.birthYear + 25);
    }
    for (const prefix of ['soc_ins', 'health_insurance', 'employees_pension_insurance']) {
      values[`${prefix}_qualified_at`] = entered;
      if (leftOn !== null) values[`${prefix}_disqualified_at`] = leftOn;
    }
  }

  const salary = typeof values.monthly_base_salary === 'number' ? values.monthly_base_salary : 300_000;
  const standard = Math.round(salary / 10_000) * 10_000;
  if (some(x, complete, 0.8)) {
    values.insurance_premium_calculation_type = complete || x.chance(0.9) ? 'rate' : 'fixed';
    values.health_insurance_premium_company = Math.round(standard * 0.0499);
    values.health_insurance_premium_individual = Math.round(standard * 0.0499);
    if (age >= 40 || complete) {
      values.care_insurance_premium_company = Math.round(standard * 0.008);
      values.care_insurance_premium_individual = Math.round(standard * 0.008);
    }
    values.child_care_support_fund_company = Math.round(standard * 0.0012);
    values.child_care_support_fund_individual = Math.round(standard * 0.0012);
    values.employees_pension_insurance_premium_company = Math.round(standard * 0.0915);
    values.employees_pension_insurance_premium_individual = Math.round(standard * 0.0915);
    values.child_care_contribution = Math.round(standard * 0.0036);
    values.monthly_income_currency = salary;
    values.monthly_income_goods = some(x, complete, 0.1) ? 10_000 : 0;
    values.monthly_standard_income_updated_at = seedDate(SEED_YEAR - x.int(0, 2), 9, 1);
    values.monthly_standard_income_hel = standard;
    values.monthly_standard_income_pns = standard;
  }
  if ((values.having_spouse === true && x.chance(0.7)) || complete) values.spouse_yearly_income = x.int(0, 60) * 25_000;

  if (some(x, complete, 0.7)) {
    values.commutation_1_single_fare = x.int(15, 60) * 10;
    values.commutation_1_period = x.pick(COMMUTATION_PERIODS);
    values.commutation_1_expenses = Number(values.commutation_1_single_fare) * 36;
    if (some(x, complete, 0.15)) {
      values.commutation_2_single_fare = x.int(15, 40) * 10;
      values.commutation_2_period = x.pick(COMMUTATION_PERIODS);
      values.commutation_2_expenses = Number(values.commutation_2_single_fare) * 36;
    }
  }

  if (some(x, complete, 0.06)) {
    const [last, first, middle] = x.pick(FOREIGN_NAMES);
    values.foreign_resident_last_name = last;
    values.foreign_resident_first_name = first;
    if (middle !== null || complete) values.foreign_resident_middle_name = middle ?? 'LEE';
    values.foreign_resident_card_number = `AB${x.int(10_000_000, 99_999_999)}CD`;
    values.foreign_resident_card_image1 = FILES.residentCard[0];
    values.foreign_resident_card_image2 = FILES.residentCard[1];
    values.nationality_code = x.pick(NATIONALITY_CODES);
    values.resident_status_type = x.pick(RESIDENT_STATUS_TYPES);
    if (some(x, complete, 0.2)) values.resident_status_other_reason = '在留資格変更許可申請中';
    values.resident_end_at = dateIn(x, SEED_YEAR + 1, SEED_YEAR + 4);
    values.having_ex_activity_permission = x.chance(0.3) ? 'permitted' : 'none';
    values.other_be_workable_type = complete || x.chance(0.2) ? 'other_be_workable' : 'others';
  }

  values.tax_cd = complete || x.chance(0.9) ? 'kou' : x.pick(TAX_CDS);
  if (some(x, complete, 0.04)) {
    values.handicapped_type = x.chance(0.7) ? 'ordinary_handicapped' : 'special_handicapped';
    values.handicapped_note_type = x.pick(HANDICAPPED_NOTE_TYPES);
    values.handicapped_note_delivery_at = dateIn(x, facts.birthYear + 10, SEED_YEAR - 1);
    values.handicapped_image = FILES.handicapped[0];
  }
  values.working_student_flag = complete || (age <= 30 && x.chance(0.1));
  if (values.working_student_flag === true) {
    values.school_name = x.pick(SCHOOLS);
    values.student_card_image = FILES.studentCard[0];
    values.enrolled_at = seedDate(Math.min(SEED_YEAR - 1, facts.birthYear + 18), 4, 1);
    values.working_student_income = x.int(50, 130) * 10_000;
  }
  values.employment_income_flag = true;
  values.business_income_flag = complete || x.chance(0.05);
  values.devidend_income_flag = complete || x.chance(0.1);
  values.estate_income_flag = complete || x.chance(0.03);
  if (some(x, complete, facts.male ? 0.01 : 0.05)) {
    values.widow_type = x.chance(0.5) ? 'widow' : 'single_parent';
    values.widow_reason_type = x.pick(WIDOW_REASONS);
    values.widow_memo = x.pick(WIDOW_MEMOS);
  }
}
