import { validCards } from './cards.ts';
import { generateDocs } from './docs.ts';
import type { RepoLayout } from './paths.ts';
import { generateProfileDocs } from './profile-docs.ts';
import { generateWorkflowsArtefacts } from './workflows-artefacts.ts';
import { generateWorkflowsFolder } from './workflows/helper-flows/folder.ts';

/**
 * Every file under docs/: what `npm run gen:docs` writes and the drift check compares. The cards
 * are read, resolved and validated once and handed to each generator.
 */
export async function generateDocFiles(layout: RepoLayout): Promise<Map<string, string>> {
  const cards = await validCards(layout);
  const definitions = cards.map(({ card }) => card);
  return new Map([
    ...(await generateDocs(layout, cards)),
    ...generateProfileDocs(layout),
    ...(await generateWorkflowsArtefacts(layout, definitions)),
    ...generateWorkflowsFolder(definitions),
  ]);
}
