import type { CardDefinition } from '../../connector/generated/schemas/card.ts';
import { openApiDocumentFor, serialiseOpenApi } from '../../connector/openapi/load.ts';
import type { RepoLayout } from './paths.ts';
import { generateWorkflowsGuide } from './workflows/index.ts';

const OPENAPI_FILE = 'docs/openapi.json';

/**
 * What Okta Workflows imports or follows: docs/openapi.json (the same document GET /openapi.json
 * serves) and the docs/workflows/ guide. Both come from the cards as the catalog resolves them,
 * never from the raw files.
 */
export async function generateWorkflowsArtefacts(layout: RepoLayout, cards: readonly CardDefinition[]): Promise<Map<string, string>> {
  const document = await openApiDocumentFor(cards, { schemasDir: layout.schemasDir, root: layout.root });
  const { version } = document.info as { version: string };
  return new Map([[OPENAPI_FILE, serialiseOpenApi(document)], ...generateWorkflowsGuide(cards, version)]);
}
