import type { CardDefinition } from '../../../connector/generated/schemas/card.ts';
import { PAGE_SIZE } from '../../../connector/openapi/card-schemas.ts';
import { cardLink, streamingCards } from './facts.ts';
import { GENERATED_BANNER } from './markdown.ts';

/** docs/workflows/api-connector.md: calling the service from ordinary flows, without Connector Builder. */
export function apiConnectorPage(cards: readonly CardDefinition[]): string {
  return [
    GENERATED_BANNER,
    '# Call the connector with the API Connector (no Connector Builder)',
    '',
    'For orgs that do not build a connector: every flow calls the service with Okta\'s **API Connector** cards. Nothing is installed; each card becomes a Raw Request plus a JSON Parse, best wrapped in a helper flow per card that other flows call. The service must run at a public HTTPS URL (`https://<service host>` below).',
    '',
    '## 1. The connection',
    '',
    'Connections > **New Connection** > **API Connector**, Auth Type **Basic**:',
    '',
    '| Field | Value |',
    '|---|---|',
    '| Username | the connector key (`CONNECTOR_API_KEY`) the operator set; any text, e.g. `smarthr`, when they set none |',
    '| Password | the SmartHR access token |',
    '',
    'Workflows then sends `Authorization: Basic ...` on every call, and the service reads the connector key and the SmartHR token from it: both secrets stay in the connection, out of the flows and their execution history. Account Type and Tenant ID are not secret: they travel as headers on each card (below). Name the connection so it says which tenant it reaches, e.g. `SmartHR connector - Basic - acme - Production`.',
    '',
    '## 2. Test the connection',
    '',
    'A **Raw Request** with Method `POST`, URL `https://<service host>/connection/test` and Headers `{"X-SmartHR-Account-Type": "sandbox", "X-SmartHR-Tenant-Id": "<tenant>"}`. Status Code 200 with `"status": "ok"` in the parsed Body means the token has every permission the cards use; `"incomplete"` lists in `missing` the endpoints where it lacks a needed permission (each row of `permissions` says whether Read or Write). 401: SmartHR refused the token; 403: it may read nothing; 400: Account Type or Tenant ID is malformed.',
    '',
    '## 3. A card call',
    '',
    '1. **Object - Construct** the body `{"options": {...}, "inputs": {...}}` with the keys exactly as the card labels (each card section shows an example), then **JSON - Stringify** it.',
    '2. **HTTP - Raw Request** with the Basic connection: Method `POST`, URL `https://<service host>/cards/<card id>`, Headers `{"Content-Type": "application/json", "X-SmartHR-Account-Type": "sandbox" or "production", "X-SmartHR-Tenant-Id": "<tenant>"}`, Body the text from step 1.',
    '3. **JSON - Parse** the Response Body (Raw Request returns it as text).',
    '4. Status Code 200: read the outputs with **Object - Get** at the paths in the card\'s Outputs table. Otherwise the body is `{"error": {"status", "code", "message", "details"}}`; `message` names the card label of each refused field.',
    '5. Wrap steps 1 to 4 in a **Helper Flow** per card (its inputs the card\'s inputs, its Return the card\'s outputs) so flow builders use **Call Flow** instead of repeating them.',
    '',
    '## 4. Streaming cards',
    '',
    `${streamingCards(cards).map((c) => cardLink(c)).join(', ')} can stream. A Raw Request answers once within about 30 seconds, so read the stream in pages: \`POST /cards/<card id>/pages\` with the body \`{"options", "inputs", "cursor": null, "pageSize": ${PAGE_SIZE.default}}\` answers \`{"Records": [...], "Records Streamed": n, "Next Cursor": "..." or null}\`. A helper flow handles one page: the Raw Request, **List - For Each** over \`Records\` calling your per-record flow, then, while \`Next Cursor\` is not null, **Call Flow** on itself with that cursor (send the same options and inputs). The service applies the Record Limit across pages (\`Next Cursor\` is null once it is reached); the last page's \`Records Streamed\` is the total. Try the loop in your org with a small Record Limit first.`,
    '',
    '## 5. Cards',
    '',
    'Each card\'s section on the [card pages](README.md#cards) ends with its Raw Request (URL and example body).',
    '',
  ].join('\n');
}
