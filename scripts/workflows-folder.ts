import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoLayout } from './codegen/paths.ts';
import { checkFolder } from './codegen/workflows/helper-flows/check.ts';
import { buildFolder, loadCards, serialiseFolder } from './codegen/workflows/helper-flows/folder.ts';

/**
 * `npm run workflows:folder [-- --out <dir>]`: the Workflows folder of helper flows, checked, as
 * SmartHR.folder and SmartHR.flopack (the same file) in dist/workflows/ or <dir>.
 */
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const layout = repoLayout();
const cards = await loadCards(layout);
const text = serialiseFolder(buildFolder(cards));
const problems = checkFolder(text, { cards, forbidden: [layout.root, homedir()] });
if (problems.length > 0) {
  console.error(`workflows:folder: the generated folder fails its structural check:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const dir = path.resolve(values.out ?? path.join(layout.root, 'dist', 'workflows'));
await mkdir(dir, { recursive: true });
for (const name of ['SmartHR.folder', 'SmartHR.flopack']) {
  await writeFile(path.join(dir, name), text);
  console.log(`workflows:folder: wrote ${path.join(dir, name)} (${cards.length} card flows)`);
}
