import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CardDefinition } from '../../connector/generated/schemas/card.ts';
import { readCardFiles, type CardFile } from '../../connector/engine/cards/load.ts';
import { validateCardFiles } from '../../connector/engine/cards/validate.ts';
import { createAjv, readSchemaFiles } from '../../connector/engine/schemas.ts';
import { REPO_ROOT, repoLayout } from '../../scripts/codegen/paths.ts';
import { copyOfRepo } from '../helpers/repo.ts';

const layout = repoLayout();
const READ_EMPLOYEE = 'employees/readEmployee.json';

async function catalog(): Promise<CardFile[]> {
  return readCardFiles(layout.cardsDir);
}

async function validateWith(mutate: (card: CardDefinition) => void, extra: CardFile[] = [], file = READ_EMPLOYEE) {
  const files = await catalog();
  const target = files.find((f) => f.file === file);
  if (!target) throw new Error(`${file} not found`);
  const card = structuredClone(target.data) as CardDefinition;
  mutate(card);
  const ajv = createAjv(await readSchemaFiles(layout.schemasDir));
  return validateCardFiles([...files.filter((f) => f !== target), { file, data: card }, ...extra], ajv).issues;
}

describe('card validation', () => {
  it('accepts every card in the repository', async () => {
    const ajv = createAjv(await readSchemaFiles(layout.schemasDir));
    const { cards, issues } = validateCardFiles(await catalog(), ajv);
    expect(issues.map((i) => `${i.file}#${i.pointer} [${i.rule}] ${i.message}`)).to.deep.equal([]);
    expect(cards.map((c) => c.card.id)).to.include('readEmployee');
  });

  it('names the file, pointer and rule when a card has no name', async () => {
    const issues = await validateWith((card) => {
      delete (card as Partial<CardDefinition>).name;
    });
    expect(issues).to.deep.include({ file: READ_EMPLOYEE, pointer: '', rule: 'meta-schema', message: 'missing required property "name"' });
  });

  it('names a leaf that has no Workflows type', async () => {
    const issues = await validateWith((card) => {
      delete card.outputs.properties['Basic Information']!.properties!['Last Name']!.workflowsType;
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/outputs/properties/Basic Information/properties/Last Name',
      rule: 'workflows-type',
      message: 'field "Basic Information > Last Name" has no workflowsType',
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
    const files = await catalog();
    const copy = structuredClone(files.find((f) => f.file === READ_EMPLOYEE)!.data) as CardDefinition;
    const issues = await validateWith(() => {}, [{ file: 'employees/zzCopy.json', data: copy }]);
    expect(issues).to.deep.include({ file: 'employees/zzCopy.json', pointer: '/id', rule: 'unique-id', message: `id "readEmployee" is already used by ${READ_EMPLOYEE}` });
  });

  it('names an output mapped from a SmartHR field that does not exist', async () => {
    const issues = await validateWith((card) => {
      card.outputs.properties['Basic Information']!.properties!['Last Name']!.smarthr = 'last_nmae';
    });
    expect(issues).to.deep.include({
      file: READ_EMPLOYEE,
      pointer: '/outputs/properties/Basic Information/properties/Last Name',
      rule: 'smarthr-field',
      message: 'SmartHR field "last_nmae" does not exist in crews records',
    });
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
    const streaming = (card: CardDefinition) => card.inputs.properties.Streaming!;
    const validateListDepartments = (mutate: (card: CardDefinition) => void) => validateWith(mutate, [], LIST_DEPARTMENTS);
    const rules = (issues: { rule: string; message: string }[]) => issues.map((i) => `[${i.rule}] ${i.message}`);

    it('names a streaming card whose Streaming group lacks Flow, or whose Record Limit is not required in Workflows or has no default', async () => {
      const issues = await validateListDepartments((card) => {
        delete streaming(card).properties!.Flow;
        delete streaming(card).properties!['Record Limit']!.workflowsRequired;
        delete streaming(card).default;
      });
      expect(rules(issues.filter((i) => i.file === LIST_DEPARTMENTS))).to.have.members([
        '[pagination] a streaming card declares "Streaming > Flow", a Flow required in Workflows (workflowsRequired)',
        '[pagination] "Streaming > Record Limit" is required in Workflows (workflowsRequired) and has a default for HTTP callers that leave it out',
        '[pagination] group "Streaming" needs "default": {} so that its Record Limit default applies when the group is left out',
      ]);
    });

    it('names a Flow the service would have to handle: not workflowsOnly, not text, required, mapped, used by the request; and the keywords on an output', async () => {
      const issues = await validateListDepartments((card) => {
        const flow = streaming(card).properties!.Flow!;
        delete flow.workflowsOnly;
        flow.type = 'number';
        streaming(card).properties!['Record Limit']!.workflowsOnly = true;
        streaming(card).properties!['Record Limit']!.smarthr = 'limit';
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
      const flowRequired = await validateListDepartments((card) => {
        streaming(card).properties!.Flow!.workflowsRequired = true;
        streaming(card).required = ['Flow'];
      });
      expect(flowRequired).to.deep.include({
        file: LIST_DEPARTMENTS,
        pointer: `${STREAMING}/Flow`,
        rule: 'workflows-fields',
        message: 'the service never requires a workflowsOnly field: take "Flow" out of "required" and mark it workflowsRequired',
      });
    });
  });
});
