import { parseArgs } from 'node:util';
import path from 'node:path';
import { formatIssue } from '../connector/engine/cards/issue.ts';
import { validateCatalog } from '../connector/engine/cards/validate.ts';
import { repoLayout } from './codegen/paths.ts';

// --cards/--schemas let the tests point the same command at a deliberately broken copy.
const { values } = parseArgs({ options: { cards: { type: 'string' }, schemas: { type: 'string' } } });
const layout = repoLayout();
const cardsDir = path.resolve(values.cards ?? layout.cardsDir);
const schemasDir = path.resolve(values.schemas ?? layout.schemasDir);

const { cards, issues } = await validateCatalog({ cardsDir, schemasDir });
if (issues.length > 0) {
  console.error(`validate: ${issues.length} problem(s):`);
  for (const issue of issues) console.error(`  ${path.relative(process.cwd(), cardsDir) || '.'}/${formatIssue(issue)}`);
  process.exit(1);
}
console.log(`validate: ${cards.length} cards are valid against schemas/card.schema.json and every catalog rule`);
