import { CardCatalog } from '../../connector/engine/catalog.ts';
import { openApiDocumentFor, serialiseOpenApi } from '../../connector/openapi/load.ts';
import type { RepoLayout } from './paths.ts';
import { generateWorkflowsGuide, GUIDE_DIR } from './workflows/index.ts';

export { GUIDE_DIR };

export const OPENAPI_FILE = 'docs/openapi.json';

/**
 * What Okta Workflows imports or follows: docs/openapi.json (the same document GET /openapi.json
 * serves) and the docs/workflows/ guide. Both come from the cards as the catalog resolves them,
 * never from the raw files.
 */
export async function generateWorkflowsArtefacts(layout: RepoLayout): Promise<Map<string, string>> {
  const cards = (await CardCatalog.load({ cardsDir: layout.cardsDir, schemasDir: layout.schemasDir })).list();
  const document = await openApiDocumentFor(cards, { schemasDir: layout.schemasDir, root: layout.root });
  const { version } = document.info as { version: string };
  return new Map([[OPENAPI_FILE, serialiseOpenApi(document)], ...generateWorkflowsGuide(cards, version)]);
}
