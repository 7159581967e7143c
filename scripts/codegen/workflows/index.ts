import type { CardDefinition } from '../../../connector/generated/schemas/card.ts';
import { streamingResultSets } from '../../../connector/openapi/card-schemas.ts';
import { OKTA_CARD_NAMES } from '../../../connector/smarthr/permissions.ts';
import { cardsByResource } from '../../../connector/openapi/resources.ts';
import { apiConnectorPage } from './api-connector-page.ts';
import { resourcePage } from './card-page.ts';
import { connectorBuilderPage, headingLink } from './connector-builder-page.ts';
import { cardLink, tokenPermissions } from './facts.ts';
import { GENERATED_BANNER, code } from './markdown.ts';

export const GUIDE_DIR = 'docs/workflows/';

const SHARED_PARTS = [
  ['auth', 'authentication'],
  ['httpHelper', 'httpHelper'],
  ['authping', '_authping'],
  ['capia', 'Custom API Action'],
  ['action', 'action flows'],
  ['streaming', 'streaming'],
] as const;

function indexPage(cards: readonly CardDefinition[], version: string): string {
  const sorted = [...cards].sort((a, b) => (a.name < b.name ? -1 : 1));
  return [
    GENERATED_BANNER,
    '# The SmartHR connector in Okta Workflows',
    '',
    `Connector version ${version}, ${cards.length} cards. How to get the cards of this service into Okta Workflows, generated from the cards so it never drifts from them.`,
    '',
    '## Which route fits whom',
    '',
    '| route | for | what the admin does |',
    '|---|---|---|',
    `| Okta's built-in SmartHR connector | the ${OKTA_CARD_NAMES.length} cards it has: ${OKTA_CARD_NAMES.join(', ')} | nothing from this repository |`,
    `| [Connector Builder](connector-builder.md) | an org that wants real cards for everything else: draggable, with a SmartHR connection dialog, streaming to a helper flow | builds a private connector once: the authentication, three shared flows, one action flow per card (about ${cards.length} flows); usable in that org only |`,
    '| [API Connector](api-connector.md) | trying the service, or a few calls, without building anything | creates one Basic connection; each flow calls the service with a Raw Request and parses the body |',
    '',
    'The machine-readable description of the service is the OpenAPI 3.0 document [docs/openapi.json](../openapi.json), also served at `GET /openapi.json`; Integration Builder can import it (API spec tab) to generate the authentication and the httpHelper, _authping and Custom API Action flows.',
    '',
    '## Before you start',
    '',
    '- The service runs at a **public HTTPS URL**. Workflows runs in Okta\'s cloud and cannot reach services on premises or on a private network.',
    '- The operator sets `CONNECTOR_API_KEY`, so only callers with the key get through, and tells the admin the key.',
    '- A SmartHR access token (共通設定 > 外部システム連携 > アクセストークン) with these permissions for all cards (each card section says which one it needs):',
    '',
    ...tokenPermissions().map((p) => `  - ${p}`),
    '',
    '## Cards',
    '',
    'One page per SmartHR resource; each card\'s section lists the options, inputs and outputs to add (label, Workflows type, required, dropdown values, default), the call to make, which answer fields fill which outputs, and the Raw Request for the API Connector route.',
    '',
    '| Card | Call | Streams |',
    '|---|---|---|',
    ...sorted.map((card) => `| ${cardLink(card)} | ${code(`POST /cards/${card.id}`)} | ${streamingResultSets(card).length > 0 ? `yes, ${code(`POST /cards/${card.id}/pages`)}` : 'no'} |`),
    '',
    `The [Connector Builder guide](connector-builder.md) has the shared parts: ${SHARED_PARTS.map(([key, text]) => `[${text}](connector-builder.md${headingLink(key)})`).join(', ')}.`,
    '',
    '## What was checked, and what only a live Workflows org can check',
    '',
    'Checked by `npm test` in this repository: `docs/openapi.json` and these pages match the cards (regenerated and compared on every run); the OpenAPI document is valid OpenAPI 3.0 for an independent validator; and a contract test driven by the document sends every card\'s example to the service, running against the SmartHR simulator, streams and walks two cursor pages of each streaming card, and validates each answer (and each error answer) against the document\'s schema for its status.',
    '',
    'Not checked here, because no Okta Workflows org is reachable from the repository\'s machines: the click paths and dialog names (taken from Okta\'s documentation), what Integration Builder generates from the document, the Custom authentication dialog, the httpHelper and `_authping` behaviour inside Workflows, the Flow-typed input and the streaming loop, the Basic connection of the API Connector, and timing inside Okta\'s 30-second card limit. Try them in a test org with a Sandbox tenant before relying on them.',
    '',
  ].join('\n');
}

/** docs/workflows/: the index, the Connector Builder and API Connector routes, one page per resource. Path -> content. */
export function generateWorkflowsGuide(cards: readonly CardDefinition[], version: string): Map<string, string> {
  const files = new Map<string, string>([
    [`${GUIDE_DIR}README.md`, indexPage(cards, version)],
    [`${GUIDE_DIR}connector-builder.md`, connectorBuilderPage(cards)],
    [`${GUIDE_DIR}api-connector.md`, apiConnectorPage(cards)],
  ]);
  for (const { title, cards: group } of cardsByResource(cards)) {
    const page = resourcePage(title, group);
    files.set(`${GUIDE_DIR}${page.file}`, page.text);
  }
  return files;
}
