import type { CardDefinition } from '../../generated/schemas/card.ts';
import { createAjv, readSchemaFiles, SCHEMA_ID_BASE, type AjvInstance } from '../schemas.ts';
import type { CardIssue } from './issue.ts';
import { readCardFiles, type CardFile } from './load.ts';
import { examplesValidate } from './rules/examples-validate.ts';
import { idFromName } from './rules/id-from-name.ts';
import { idMatchesFile } from './rules/id-matches-file.ts';
import { paginationConsistent } from './rules/pagination.ts';
import type { CardRule, CatalogRule, LoadedCard } from './rules/rule.ts';
import { smarthrFields } from './rules/smarthr-fields.ts';
import { templateRefs } from './rules/template-refs.ts';
import { uniqueIds } from './rules/unique-ids.ts';
import { workflowsFields } from './rules/workflows-fields.ts';
import { workflowsTypes } from './rules/workflows-types.ts';

const CARD_RULES: CardRule[] = [idMatchesFile, idFromName, workflowsTypes, templateRefs, paginationConsistent, workflowsFields, examplesValidate, smarthrFields];
const CATALOG_RULES: CatalogRule[] = [uniqueIds];

const CARD_SCHEMA_ID = `${SCHEMA_ID_BASE}card.schema.json`;

export interface CatalogValidation {
  cards: LoadedCard[];
  issues: CardIssue[];
  ajv: AjvInstance;
}

/**
 * The one card validation used by `npm run validate`, service start-up and the tests:
 * the meta-schema first, then the rules a schema cannot say. A card that fails the
 * meta-schema is not checked further (the rules assume its shape).
 */
export function validateCardFiles(files: CardFile[], ajv: AjvInstance): CatalogValidation {
  const metaSchema = ajv.getSchema(CARD_SCHEMA_ID);
  if (!metaSchema) throw new Error(`the card meta-schema ${CARD_SCHEMA_ID} is not loaded`);
  const issues: CardIssue[] = [];
  const cards: LoadedCard[] = [];
  for (const { file, data, parseError } of files) {
    if (parseError !== undefined) {
      issues.push({ file, pointer: '', rule: 'json', message: `not valid JSON: ${parseError}` });
      continue;
    }
    if (!metaSchema(data)) {
      for (const error of metaSchema.errors ?? []) {
        issues.push({ file, pointer: error.instancePath, rule: 'meta-schema', message: describeMetaError(error) });
      }
      continue;
    }
    cards.push({ file, card: data as CardDefinition });
  }
  for (const loaded of cards) for (const rule of CARD_RULES) issues.push(...rule.check(loaded, ajv));
  for (const rule of CATALOG_RULES) issues.push(...rule.check(cards));
  return { cards, issues, ajv };
}

function describeMetaError(error: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  if (error.keyword === 'required') return `missing required property "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'additionalProperties') return `unknown property "${String(error.params.additionalProperty)}"`;
  return error.message ?? error.keyword;
}

export async function validateCatalog(dirs: { cardsDir: string; schemasDir: string }): Promise<CatalogValidation> {
  const ajv = createAjv(await readSchemaFiles(dirs.schemasDir));
  return validateCardFiles(await readCardFiles(dirs.cardsDir), ajv);
}
