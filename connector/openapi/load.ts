import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CardDefinition } from '../generated/schemas/card.ts';
import { readSchemaFiles } from '../engine/schemas.ts';
import { buildOpenApiDocument, type OpenApiDocument } from './document.ts';

/** The document for these (resolved) cards, with the schemas and version of the repository at `root`. */
export async function openApiDocumentFor(cards: readonly CardDefinition[], dirs: { schemasDir: string; root: string }): Promise<OpenApiDocument> {
  const pkg = JSON.parse(await readFile(path.join(dirs.root, 'package.json'), 'utf8')) as { version: string };
  return buildOpenApiDocument({ cards, schemas: await readSchemaFiles(dirs.schemasDir), version: pkg.version });
}

/** docs/openapi.json and GET /openapi.json: one serialisation, so the two compare equal. */
export function serialiseOpenApi(document: OpenApiDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
