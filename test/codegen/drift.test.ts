import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findDrift } from '../../scripts/codegen/drift.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';
import { copyOfRepo } from '../helpers/repo.ts';

describe('generated files', () => {
  it('match their sources in the repository', async () => {
    expect(await findDrift(repoLayout())).to.deep.equal([]);
  });

  it('are reported as drifted when a schema changes without regenerating', async () => {
    const copy = await copyOfRepo();
    const schemaFile = path.join(copy.schemasDir, 'card.schema.json');
    const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as { description: string };
    schema.description = 'Edited without running gen:types.';
    await writeFile(schemaFile, JSON.stringify(schema));
    // The card definition schema is part of the OpenAPI document (GET /cards/{id}).
    expect(await findDrift(copy)).to.deep.equal(['connector/generated/schemas/card.ts is out of date', 'docs/openapi.json is out of date']);
  });

  it('are reported as drifted when a card changes without regenerating the docs, the OpenAPI document and the Workflows guide', async () => {
    const copy = await copyOfRepo();
    const cardFile = path.join(copy.cardsDir, 'employees/readEmployee.json');
    const card = JSON.parse(await readFile(cardFile, 'utf8')) as { description: string };
    card.description = 'A different description of the Read Employee card.';
    await writeFile(cardFile, JSON.stringify(card));
    expect(await findDrift(copy)).to.deep.equal(['docs/cards.md is out of date', 'docs/openapi.json is out of date', 'docs/workflows/cards/employees.md is out of date', 'docs/workflows/SmartHR.folder is out of date']);
  });

  it('report a Workflows guide page whose resource no longer has cards', async () => {
    const copy = await copyOfRepo();
    await writeFile(path.join(copy.root, 'docs/workflows/cards/payroll.md'), '# Payroll\n');
    expect(await findDrift(copy)).to.deep.equal(['docs/workflows/cards/payroll.md has no source any more']);
  });
});
