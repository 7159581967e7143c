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

async function validateWith(mutate: (card: CardDefinition) => void, extra: CardFile[] = []) {
  const files = await catalog();
  const target = files.find((f) => f.file === READ_EMPLOYEE);
  if (!target) throw new Error('readEmployee card not found');
  const card = structuredClone(target.data) as CardDefinition;
  mutate(card);
  const ajv = createAjv(await readSchemaFiles(layout.schemasDir));
  return validateCardFiles([...files.filter((f) => f !== target), { file: READ_EMPLOYEE, data: card }, ...extra], ajv).issues;
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
});
