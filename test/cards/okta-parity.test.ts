import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { OKTA_CARD_NAMES } from '../../connector/smarthr/permissions.ts';
import { REPO_ROOT } from '../../scripts/codegen/paths.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import type { Json } from './support.ts';

/**
 * Okta parity, label by label: one row per official label of the parity report's section A.3
 * (../shared/reference/okta-parity.md), checked against the card definitions the service serves
 * (GET /cards/{id}). A row is a path of labels ("inputs > Filter By > Employee Type IDs"; list
 * items are stepped into by their list's label) and what Okta's page says of it:
 * - a Workflows type and, for options and inputs, whether it is required (TRUE/FALSE);
 * - `group`: an input or output group (Okta's heading rows);
 * - `value`: a value of the dropdown the path names;
 * - no type: Okta's page gives the label only (cut off, or no type column).
 */
type Row = [card: string, path: string, expect?: string, required?: boolean];

const REQUIRED = true;
const OPTIONAL = false;

const streamingRows = (card: string): Row[] => [
  [card, 'inputs > Streaming', 'group'],
  [card, 'inputs > Streaming > Flow', 'Flow', REQUIRED],
  [card, 'inputs > Streaming > Record Limit', 'Number', REQUIRED],
];
const listResultSet = (card: string): Row[] => [
  [card, 'options > Result Set', 'Dropdown', REQUIRED],
  [card, 'options > Result Set = First 100 Records', 'value'],
  [card, 'options > Result Set = Stream Records', 'value'],
];

const ROWS: Row[] = [
  ['listBusinessEstablishments', '', 'card'],
  ...listResultSet('listBusinessEstablishments'),
  ...streamingRows('listBusinessEstablishments'),
  ['listBusinessEstablishments', 'outputs > Result', 'group'],
  ['listBusinessEstablishments', 'outputs > Result > Business Establishments', 'List of Objects'],
  ...['Business Establishment ID', 'Health Insurance Type', 'Health Insurance Association Name', 'Health Insurance Office Arrangement Symbol', 'Admin Name', 'Social Insurance Registration Name', 'Social Security Representative ID']
    .map((label): Row => ['listBusinessEstablishments', `outputs > Result > Business Establishments > ${label}`, 'Text']),

  ['listCustomFieldGroups', '', 'card'],
  ...listResultSet('listCustomFieldGroups'),
  ['listCustomFieldGroups', 'inputs > Custom Fields', 'group'],
  ['listCustomFieldGroups', 'inputs > Custom Fields > Include Custom Fields?', 'Dropdown', REQUIRED],
  ['listCustomFieldGroups', 'inputs > Custom Fields > Include Custom Fields? = Yes', 'value'],
  ['listCustomFieldGroups', 'inputs > Custom Fields > Include Custom Fields? = No', 'value'],
  ...streamingRows('listCustomFieldGroups'),
  ['listCustomFieldGroups', 'outputs > Result', 'group'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups', 'Object'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups > Custom Field Group ID', 'Text'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups > Name', 'Text'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups > Position', 'Number'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups > Access Type', 'Text'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups > Created At', 'Date & Time'],
  ['listCustomFieldGroups', 'outputs > Result > Custom Field Groups > Updated At', 'Date & Time'],

  ['listCustomFields', '', 'card'],
  ...listResultSet('listCustomFields'),
  ...streamingRows('listCustomFields'),
  ['listCustomFields', 'outputs > Result', 'group'],
  ['listCustomFields', 'outputs > Result > Custom Fields', 'Object'],
  ['listCustomFields', 'outputs > Result > Custom Fields > Custom Field ID', 'Text'],
  ['listCustomFields', 'outputs > Result > Custom Fields > Name', 'Text'],
  ['listCustomFields', 'outputs > Result > Custom Fields > Type'],

  ['listDepartments', '', 'card'],
  ...listResultSet('listDepartments'),
  ['listDepartments', 'inputs > Department', 'group'],
  ['listDepartments', 'inputs > Department > Code', 'Text', OPTIONAL],
  ...streamingRows('listDepartments'),
  ['listDepartments', 'outputs > Result', 'group'],
  ['listDepartments', 'outputs > Result > Departments', 'List of Objects'],
  ['listDepartments', 'outputs > Result > Departments > Department ID', 'Text'],
  ['listDepartments', 'outputs > Result > Departments > Name', 'Text'],
  ['listDepartments', 'outputs > Result > Departments > Position', 'Number'],
  ['listDepartments', 'outputs > Result > Departments > Code', 'Text'],
  ['listDepartments', 'outputs > Result > Departments > Parent', 'Object'],
  ['listDepartments', 'outputs > Result > Departments > Parent > Department ID', 'Text'],
  ['listDepartments', 'outputs > Result > Departments > Parent > Name', 'Text'],
  ['listDepartments', 'outputs > Result > Departments > Parent > Position', 'Number'],
  ['listDepartments', 'outputs > Result > Departments > Parent > Code', 'Text'],
  ['listDepartments', 'outputs > Result > Departments > Parent > Parent', 'Object'],

  ['listEmploymentTypes', '', 'card'],
  ...listResultSet('listEmploymentTypes'),
  ...streamingRows('listEmploymentTypes'),
  ['listEmploymentTypes', 'outputs > Result', 'group'],
  ['listEmploymentTypes', 'outputs > Result > Employment Types', 'List of Objects'],
  ['listEmploymentTypes', 'outputs > Result > Employment Types > Employment Type ID', 'Text'],
  ['listEmploymentTypes', 'outputs > Result > Employment Types > Name', 'Text'],
  ['listEmploymentTypes', 'outputs > Result > Employment Types > Preset Type'],

  ['listJobTitles', '', 'card'],
  ...listResultSet('listJobTitles'),
  ...streamingRows('listJobTitles'),
  ['listJobTitles', 'outputs > Result', 'group'],
  ['listJobTitles', 'outputs > Result > Job Titles', 'List of Objects'],
  ['listJobTitles', 'outputs > Result > Job Titles > Job Title ID', 'Text'],
  ['listJobTitles', 'outputs > Result > Job Titles > Job Title Name', 'Text'],
  ['listJobTitles', 'outputs > Result > Job Titles > Job Rank', 'Text'],
  ['listJobTitles', 'outputs > Result > Job Titles > Created At', 'Date & Time'],
  ['listJobTitles', 'outputs > Result > Job Titles > Updated At', 'Date & Time'],
  ['listJobTitles', 'outputs > Result > Records Streamed', 'Number'],

  ['searchEmployees', '', 'card'],
  ['searchEmployees', 'options > Result Set', 'Dropdown', REQUIRED],
  ['searchEmployees', 'options > Result Set = First Matching Record', 'value'],
  ['searchEmployees', 'options > Result Set = First 100 Matching Records', 'value'],
  ['searchEmployees', 'options > Result Set = Stream Matching Records', 'value'],
  ['searchEmployees', 'inputs > Filter By', 'group'],
  ['searchEmployees', 'inputs > Filter By > Employee Number', 'Text', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Employee Type IDs', 'List of Text', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Employment Status', 'Dropdown', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Employment Status = Employed', 'value'],
  ['searchEmployees', 'inputs > Filter By > Employment Status = On Leave', 'value'],
  ['searchEmployees', 'inputs > Filter By > Employment Status = Retired', 'value'],
  ['searchEmployees', 'inputs > Filter By > Gender', 'Dropdown', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Gender = Male', 'value'],
  ['searchEmployees', 'inputs > Filter By > Gender = Female', 'value'],
  ['searchEmployees', 'inputs > Filter By > Sort Order', 'Text', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Joined After', 'Date & Time', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Joined Before', 'Date & Time', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Resigned After', 'Date & Time', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Resigned Before', 'Date & Time', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > User ID', 'Text', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Query', 'Text', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Employee IDs', 'List of Text', OPTIONAL],
  ['searchEmployees', 'inputs > Filter By > Fields', 'List of Text', OPTIONAL],
  ...streamingRows('searchEmployees'),
  ['searchEmployees', 'outputs > Result', 'group'],
  ['searchEmployees', 'outputs > Result > Records Streamed', 'Number'],
  // The keys of a streamed record that Okta's own SmartHR template reads with Get Multiple.
  ...['Employee ID', 'Email', 'First Name', 'Last Name'].map((label): Row => ['searchEmployees', `outputs > Result > Employees > ${label}`, 'Text']),

  ['readEmployee', '', 'card'],
  ['readEmployee', 'inputs > Employee', 'group'],
  ['readEmployee', 'inputs > Employee > Employee ID', 'Text', REQUIRED],
  ['readEmployee', 'outputs > Basic Information', 'group'],
  ...['Employee ID', 'User ID', 'Last Name', 'First Name', 'Last Name Yomi', 'First Name Yomi', 'Business Last Name', 'Business First Name', 'Business Last Name Yomi', 'Business First Name Yomi']
    .map((label): Row => ['readEmployee', `outputs > Basic Information > ${label}`, 'Text']),
  ['readEmployee', 'outputs > Basic Information > Birth Date', 'Date & Time'],
  ['readEmployee', 'outputs > Basic Information > Gender', 'Text'],
  ['readEmployee', 'outputs > Basic Information > Email', 'Text'],
  ['readEmployee', 'outputs > Basic Information > Profile Images', 'List of Objects'],
  ['readEmployee', 'outputs > Basic Information > Identity Card Image 1', 'Object'],
  ['readEmployee', 'outputs > Basic Information > Identity Card Image 2', 'Object'],
  ['readEmployee', 'outputs > Basic Information > Created At', 'Date & Time'],
  ['readEmployee', 'outputs > Basic Information > Updated At', 'Date & Time'],
  ['readEmployee', 'outputs > Employment Status', 'group'],
  ['readEmployee', 'outputs > Employment Status > Employment Status', 'Text'],
  ['readEmployee', 'outputs > Employment Status > Start Date', 'Date & Time'],
  ['readEmployee', 'outputs > Employment Status > Resigned Date', 'Date & Time'],
  ['readEmployee', 'outputs > Employment Status > Resignation Reason', 'Text'],
  ['readEmployee', 'outputs > Employment Information', 'group'],
  ['readEmployee', 'outputs > Employment Information > Employee Number', 'Text'],
  ['readEmployee', 'outputs > Employment Information > Business Establishment ID', 'Text'],
  ['readEmployee', 'outputs > Employment Information > Employment Type', 'Object'],
  ['readEmployee', 'outputs > Employment Information > Employment Type > ID', 'Text'],
  ['readEmployee', 'outputs > Employment Information > Employment Type > Name', 'Text'],
  ['readEmployee', 'outputs > Employment Information > Employment Type > Preset Type'],
  ['readEmployee', 'outputs > Employment Information > Employment Type > Code', 'Text'],
  ['readEmployee', 'outputs > Employment Information > Position', 'Text'],
  ['readEmployee', 'outputs > Employment Information > Occupation', 'Text'],
  // Okta's page is cut after "Paymen" (給与支給形態): SmartHR's payment_period, named as the page names its other outputs.
  ['readEmployee', 'outputs > Employment Information > Payment Period'],

  ['updateEmployee', '', 'card'],
  ['updateEmployee', 'options > Clear Empty Values?', 'Dropdown', REQUIRED],
  ['updateEmployee', 'options > Clear Empty Values? = No', 'value'],
  ['updateEmployee', 'options > Clear Empty Values? = Yes', 'value'],
  ['updateEmployee', 'inputs > Employee', 'group'],
  ['updateEmployee', 'inputs > Employee > Employee ID', 'Text', REQUIRED],
  ['updateEmployee', 'inputs > Basic Information', 'group'],
  ...['User ID', 'Last Name', 'First Name', 'Last Name Yomi', 'First Name Yomi', 'Business Last Name', 'Business First Name', 'Business Last Name Yomi', 'Business First Name Yomi']
    .map((label): Row => ['updateEmployee', `inputs > Basic Information > ${label}`, 'Text', OPTIONAL]),
  ['updateEmployee', 'inputs > Basic Information > Birth Date', 'Date & Time', OPTIONAL],
  ['updateEmployee', 'inputs > Basic Information > Gender', 'Dropdown', OPTIONAL],
  ['updateEmployee', 'inputs > Basic Information > Gender = Male', 'value'],
  ['updateEmployee', 'inputs > Basic Information > Gender = Female', 'value'],
  ['updateEmployee', 'inputs > Basic Information > Email', 'Text', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Status', 'group'],
  ['updateEmployee', 'inputs > Employment Status > Employment Status', 'Dropdown', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Status > Employment Status = Employed', 'value'],
  ['updateEmployee', 'inputs > Employment Status > Employment Status = On Leave', 'value'],
  ['updateEmployee', 'inputs > Employment Status > Employment Status = Retired', 'value'],
  ['updateEmployee', 'inputs > Employment Status > Start Date', 'Date & Time', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Status > Resigned Date', 'Date & Time', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Status > Resignation Reason', 'Text', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Information', 'group'],
  ['updateEmployee', 'inputs > Employment Information > Employee Number', 'Text', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Information > Business Establishment ID', 'Dropdown', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Information > Employment Type', 'Dropdown', OPTIONAL],
  ['updateEmployee', 'inputs > Employment Information > Employment Type = Board Member', 'value'],
  ['updateEmployee', 'inputs > Employment Information > Employment Type = Full Time', 'value'],
  // Named by Okta's list of fields that cannot be cleared; the page is cut off before their rows.
  ['updateEmployee', 'inputs > Address', 'group'],
  ['updateEmployee', 'inputs > Resident Card Address', 'group'],
  ['updateEmployee', 'inputs > Emergency Contact Address', 'group'],
  ['updateEmployee', 'inputs > Bank Account > Bank Account Setting ID', undefined, OPTIONAL],
  ...['First Time Employees Pension Plan Enrollment', 'Working Student Flag', 'Employment Income Flag', 'Business Income Flag', 'Dividend Income Flag', 'Real Estate Income Flag']
    .map((label): Row => ['updateEmployee', `inputs > Insurance and Tax > ${label}`, undefined, OPTIONAL]),
];

/**
 * Rows that cannot exist as Okta's page writes them:
 * - List Custom Field Groups and List Custom Fields type their result "Object", but it holds one
 *   object per group or field: the List of Objects the other List cards' pages name
 *   ("オブジェクト(リスト)"), whose items are the records a stream hands one by one to a helper
 *   flow and whose fields Okta lists under it. A card format where the records of a list are an
 *   Object has no items to stream (the pagination rule requires a List of Objects), so these
 *   two stay List of Objects.
 */
const CANNOT_EXIST: Record<string, string> = {
  'listCustomFieldGroups: outputs > Result > Custom Field Groups': 'is List of Objects, not Object',
  'listCustomFields: outputs > Result > Custom Fields': 'is List of Objects, not Object',
};

type Node = Json;

/** The node a label path names, stepping into the items of a List of Objects. */
function nodeAt(card: Node, labels: string[]): { node?: Node; parent?: Node } {
  let parent: Node | undefined;
  let node: Node | undefined = card;
  for (const [i, label] of labels.entries()) {
    if (i === 0) {
      parent = undefined;
      node = node?.[label] as Node | undefined;
      continue;
    }
    const holder: Node | undefined = node?.workflowsType === 'List of Objects' ? (node.items as Node | undefined) : node;
    parent = holder;
    node = (holder?.properties as Record<string, Node> | undefined)?.[label];
  }
  return { node, parent };
}

/** Required on the card in Workflows: required by the service (JSON Schema `required`) or marked workflowsRequired. */
function isRequired(parent: Node | undefined, node: Node, label: string): boolean {
  return ((parent?.required ?? []) as string[]).includes(label) || node.workflowsRequired === true;
}

function problem(card: Node | undefined, [, rowPath, expected, required]: Row): string | undefined {
  if (!card) return 'card missing';
  if (expected === 'card') return undefined;
  const [fieldPath = '', value] = rowPath.split(' = ');
  const labels = fieldPath.split(' > ');
  const { node, parent } = nodeAt(card, labels);
  if (!node) return 'missing';
  const label = labels.at(-1) ?? '';
  if (expected === 'value') return (node.enum as unknown[] | undefined)?.includes(value) ? undefined : `has no value "${value}"`;
  if (expected === 'group') return labels.length === 2 && node.properties && !node.workflowsType ? undefined : 'is not a group';
  if (expected !== undefined && node.workflowsType !== expected) return `is ${String(node.workflowsType)}, not ${expected}`;
  if (required !== undefined && isRequired(parent, node, label) !== required) return `required is ${String(!required)}, Okta says ${String(required)}`;
  return undefined;
}

describe('Okta parity: every official label of the parity report (A.3) on the served cards', () => {
  let h: Harness;
  const served = new Map<string, Node>();
  before(async () => {
    h = await startHarness();
    for (const id of new Set(ROWS.map(([card]) => card))) {
      const res = await request(h.app).get(`/cards/${id}`);
      if (res.status === 200) served.set(id, res.body as Node);
    }
  });
  after(() => h?.close());

  it('names the nine cards of Okta\'s overview page, the list the docs and the permission table go by', async () => {
    const names = ((await request(h.app).get('/cards').expect(200)).body.cards as Json[]).map((c) => c.name);
    expect(OKTA_CARD_NAMES).to.have.members(['List Business Establishments', 'List Custom Field Groups', 'List Custom Fields', 'List Departments', 'List Employment Types', 'List Job Titles', 'Read Employee', 'Search Employees', 'Update Employee']);
    expect(names).to.include.members([...OKTA_CARD_NAMES]);
  });

  it('has every card label with Okta\'s type and required-ness: no mismatch, nothing missing beyond the rows shown not to exist', () => {
    const found: Record<string, string> = {};
    for (const row of ROWS) {
      const issue = problem(served.get(row[0]), row);
      if (issue) found[`${row[0]}: ${row[1]}`] = issue;
    }
    expect(ROWS.length).to.be.at.least(200);
    expect(found).to.deep.equal(CANNOT_EXIST);
  });

  it('has Okta\'s connection fields and token location (Authorization page)', async () => {
    const connection = JSON.parse(await readFile(path.join(REPO_ROOT, 'schemas/connection.schema.json'), 'utf8')) as Json;
    expect(Object.keys(connection.properties)).to.deep.equal(['Account Type', 'Tenant ID', 'Access Token']);
    expect(connection.properties['Account Type'].enum).to.deep.equal(['Sandbox', 'Production']);
    expect(connection.required).to.deep.equal(['Account Type', 'Tenant ID', 'Access Token']);
    expect(connection.properties['Access Token'].description).to.include('Personal Settings > External System Linkage > API Linkage > Access token')
      .and.include('個人設定 > 外部システム連携 > API連携 > アクセストークン');
  });

  it('reports Okta\'s seven permission rows first, as its Authorization page has them', async () => {
    const res = await request(h.app).post('/connection/test').set(h.connection()).expect(200);
    const rows = (res.body.permissions as Json[]).map((p) => `${p.endpoint}: ${p.needed}${p.extraFor ? ' (extra)' : ''}`);
    expect(rows.slice(0, 7)).to.deep.equal([
      '/api/v1/users: Read',
      '/api/v1/crews: Read, Write',
      '/api/v1/biz_establishments: Read',
      '/api/v1/employment_types: Read',
      '/api/v1/departments: Read',
      '/api/v1/job_titles: Read',
      '/api/v1/crew_custom_field_template: Read',
    ]);
    expect(rows.slice(7).every((row) => row.endsWith('(extra)'))).to.equal(true);
  });
});
