import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CardDefinition, Field } from '../../connector/generated/schemas/card.ts';
import { readCardFiles, type CardFile, type CardSources } from '../../connector/engine/cards/load.ts';
import { validateCardFiles } from '../../connector/engine/cards/validate.ts';
import { createAjv, readSchemaFiles } from '../../connector/engine/schemas.ts';
import { REPO_ROOT, repoLayout } from '../../scripts/codegen/paths.ts';
import { copyOfRepo } from '../helpers/repo.ts';

const layout = repoLayout();
const READ_EMPLOYEE = 'employees/readEmployee.json';
const EMPLOYEE_FIELDS = 'fields/employee.json';

type Library = Record<string, { $defs: Record<string, Field> }>;

async function catalog(): Promise<CardSources> {
  return readCardFiles(layout.cardsDir);
}

/** Validates the repository's cards after `mutate` changed a copy of one card (Read Employee unless named) and of the field library. */
async function validateWith(mutate: (card: CardDefinition, library: Library) => void, extra: CardFile[] = [], file = READ_EMPLOYEE) {
  const { cards, fields } = await catalog();
  const target = cards.find((f) => f.file === file);
  if (!target) throw new Error(`${file} not found`);
  const card = structuredClone(target.data) as CardDefinition;
  const library = Object.fromEntries(fields.map((f) => [f.file, structuredClone(f.data)])) as Library;
  mutate(card, library);
  const ajv = createAjv(await readSchemaFiles(layout.schemasDir));
  const sources = {
    cards: [...cards.filter((f) => f !== target), { file, data: card }, ...extra],
    fields: Object.entries(library).map(([name, data]) => ({ file: name, data })),
  };
  return validateCardFiles(sources, ajv).issues;
}

describe('card validation', () => {
  it('accepts every card in the repository, resolved: no $ref is left', async () => {
    const ajv = createAjv(await readSchemaFiles(layout.schemasDir));
    const { cards, issues } = validateCardFiles(await catalog(), ajv);
    expect(issues.map((i) => `${i.file}#${i.pointer} [${i.rule}] ${i.message}`)).to.deep.equal([]);
    expect(cards.map((c) => c.card.id)).to.include('readEmployee');
    const raw = (await catalog()).cards.find((f) => f.file === READ_EMPLOYEE)!.data;
    expect(JSON.stringify(raw)).to.include('"$ref"');
    for (const { card } of cards) expect(JSON.stringify(card), card.id).not.to.include('"$ref"');
  });

  it('names the file, pointer and rule when a card has no name', async () => {
    const issues = await validateWith((card) => {
      delete (card as Partial<CardDefinition>).name;
    });
    expect(issues).to.deep.include({ file: READ_EMPLOYEE, pointer: '', rule: 'meta-schema', message: 'missing required property "name"' });
  });

  it('names a leaf that has no Workflows type, and the library definition it comes from', async () => {
    const issues = await validateWith((_card, library) => {
      delete library[EMPLOYEE_FIELDS]!.$defs.lastName!.workflowsType;
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/outputs/properties/Basic Information/properties/Last Name',
      rule: 'workflows-type',
      message: 'field "Basic Information > Last Name" has no workflowsType',
      declaredIn: 'fields/employee.json#/$defs/lastName',
    });
  });

  it('names a request template that refers to an undeclared input', async () => {
    const issues = await validateWith((card) => {
      card.request.path = '/v1/crews/{{inputs.Employee.Employee Number}}';
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/request/path',
      rule: 'template-ref',
      message: '"{{inputs.Employee.Employee Number}}" refers to an undeclared input',
    });
  });

  it('names an example whose outputs do not match the output schema', async () => {
    const issues = await validateWith((card) => {
      const outputs = card.examples[0]!.outputs as Record<string, Record<string, unknown>>;
      outputs['Basic Information']!['Last Name'] = 42;
    });
    const issue = issues.find((i) => i.rule === 'example-valid');
    expect(issue).to.include({ file: READ_EMPLOYEE, pointer: '/examples/0/outputs/Basic Information/Last Name' });
    expect(issue?.message).to.match(/does not match the card's outputs: must be string,null/);
  });

  it('names a duplicate id', async () => {
    const copy = structuredClone((await catalog()).cards.find((f) => f.file === READ_EMPLOYEE)!.data) as CardDefinition;
    const issues = await validateWith(() => {}, [{ file: 'employees/zzCopy.json', data: copy }]);
    expect(issues).to.deep.include({ file: 'employees/zzCopy.json', pointer: '/id', rule: 'unique-id', message: `id "readEmployee" is already used by ${READ_EMPLOYEE}` });
  });

  it('names an output mapped from a SmartHR field that does not exist', async () => {
    const issues = await validateWith((_card, library) => {
      library[EMPLOYEE_FIELDS]!.$defs.lastName!.smarthr = 'last_nmae';
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/outputs/properties/Basic Information/properties/Last Name',
      rule: 'smarthr-field',
      message: 'SmartHR field "last_nmae" does not exist in crews records',
      declaredIn: 'fields/employee.json#/$defs/lastName',
    });
  });

  it('names a $ref to a definition the library does not have', async () => {
    const issues = await validateWith((card) => {
      card.outputs.properties.Contact = { $ref: '../fields/employee.json#/$defs/noSuchGroup' };
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/outputs/properties/Contact/$ref',
      rule: 'field-ref',
      message: '"../fields/employee.json#/$defs/noSuchGroup": no definition fields/employee.json#/$defs/noSuchGroup',
    });
  });

  it('refuses a $ref that leaves the field library or goes round in a circle', async () => {
    const issues = await validateWith((card, library) => {
      card.outputs.properties.Contact = { $ref: '../employees/findEmployee.json#/$defs/x' } as Field;
      library[EMPLOYEE_FIELDS]!.$defs.contact = { $ref: '#/$defs/contact' };
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/outputs/properties/Contact/$ref',
      rule: 'meta-schema',
      message: 'must match pattern "^((\\.\\./fields/)?[a-z0-9-]+\\.json)?#/\\$defs/[a-z][A-Za-z0-9]*$"',
    });
    const circle = issues.find((i) => i.rule === 'field-ref' && i.file === 'employees/findEmployee.json');
    expect(circle?.message).to.equal('"#/$defs/contact" refers to itself through fields/employee.json#/$defs/contact -> fields/employee.json#/$defs/contact');
  });

  it('names the library file and pointer of a definition that is not a card field', async () => {
    const issues = await validateWith((_card, library) => {
      (library[EMPLOYEE_FIELDS]!.$defs.lastName as Record<string, unknown>).colour = 'red';
    });
    expect(issues).to.deep.include({ file: EMPLOYEE_FIELDS, pointer: '/$defs/lastName', rule: 'meta-schema', message: 'unknown property "colour"' });
  });

  it('npm run validate exits 1 and prints file, pointer and rule for a broken card', async () => {
    const copy = await copyOfRepo();
    const file = path.join(copy.cardsDir, READ_EMPLOYEE);
    const card = JSON.parse(await (await import('node:fs/promises')).readFile(file, 'utf8')) as CardDefinition;
    card.request.path = '/v1/crews/{{inputs.Employee.Nope}}';
    await writeFile(file, JSON.stringify(card));
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/validate-cards.ts', '--cards', copy.cardsDir, '--schemas', copy.schemasDir], { cwd: REPO_ROOT });
    const failure = await run.then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).to.equal(1);
    expect(failure?.stderr).to.include('employees/readEmployee.json#/request/path [template-ref] "{{inputs.Employee.Nope}}" refers to an undeclared input');
  });

  describe('what Workflows requires and consumes (workflowsRequired, workflowsOnly)', () => {
    const LIST_DEPARTMENTS = 'departments/listDepartments.json';
    const STREAMING = '/inputs/properties/Streaming/properties';
    // Every streaming card shows the one Streaming group of the field library.
    const streaming = (library: Library) => library['fields/common.json']!.$defs.streaming!;
    const validateListDepartments = (mutate: (card: CardDefinition, library: Library) => void) => validateWith(mutate, [], LIST_DEPARTMENTS);
    const rules = (issues: { rule: string; message: string }[]) => issues.map((i) => `[${i.rule}] ${i.message}`);

    it('names a streaming card whose Streaming group lacks Flow, or whose Record Limit is not required in Workflows or has no default', async () => {
      const issues = await validateListDepartments((_card, library) => {
        delete streaming(library).properties!.Flow;
        delete streaming(library).properties!['Record Limit']!.workflowsRequired;
        delete streaming(library).default;
      });
      expect(rules(issues.filter((i) => i.file === LIST_DEPARTMENTS))).to.have.members([
        '[pagination] a streaming card declares "Streaming > Flow", a Flow required in Workflows (workflowsRequired)',
        '[pagination] "Streaming > Record Limit" is required in Workflows (workflowsRequired) and has a default for HTTP callers that leave it out',
        '[pagination] group "Streaming" needs "default": {} so that its Record Limit default applies when the group is left out',
      ]);
    });

    it('names a streaming card whose Record Limit has no maximum, or one above the default', async () => {
      const message = '[pagination] "Streaming > Record Limit" needs a maximum of at most 500000, so that a stream is always bounded';
      const above = await validateListDepartments((_card, library) => {
        streaming(library).properties!['Record Limit']!.maximum = 500_001;
      });
      expect(rules(above.filter((i) => i.file === LIST_DEPARTMENTS))).to.deep.equal([message]);
      const missing = await validateListDepartments((_card, library) => {
        delete streaming(library).properties!['Record Limit']!.maximum;
      });
      expect(rules(missing.filter((i) => i.file === LIST_DEPARTMENTS))).to.deep.equal([message]);
    });

    it('names a Flow the service would have to handle: not workflowsOnly, not text, required, mapped, used by the request; and the keywords on an output', async () => {
      const issues = await validateListDepartments((card, library) => {
        const flow = streaming(library).properties!.Flow!;
        delete flow.workflowsOnly;
        flow.type = 'number';
        streaming(library).properties!['Record Limit']!.workflowsOnly = true;
        streaming(library).properties!['Record Limit']!.smarthr = 'limit';
        card.request.path = '/v1/departments/{{inputs.Streaming.Record Limit}}';
        card.outputs.properties.Result!.properties!['Records Streamed']!.workflowsRequired = true;
      });
      expect(rules(issues.filter((i) => i.file === LIST_DEPARTMENTS && i.rule.startsWith('workflows')))).to.have.members([
        '[workflows-fields] a Flow field is consumed by Workflows, not the service: mark it workflowsOnly',
        '[workflows-type] Flow needs JSON type string',
        '[workflows-fields] a workflowsOnly field is ignored by the service, so it maps to nothing in SmartHR',
        '[workflows-fields] a workflowsOnly field is ignored by the service, so the request cannot use it',
        '[workflows-fields] workflowsRequired and workflowsOnly belong on options and inputs, not outputs',
      ]);
      const flowRequired = await validateListDepartments((_card, library) => {
        streaming(library).properties!.Flow!.workflowsRequired = true;
        streaming(library).required = ['Flow'];
      });
      expect(flowRequired).to.deep.include({
        file: LIST_DEPARTMENTS,
        pointer: `${STREAMING}/Flow`,
        rule: 'workflows-fields',
        message: 'the service never requires a workflowsOnly field: take "Flow" out of "required" and mark it workflowsRequired',
        declaredIn: 'fields/common.json#/$defs/streaming/properties/Flow',
      });
    });
  });
});
