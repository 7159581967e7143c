import type { CardDefinition } from '../../generated/schemas/card.ts';
import { createAjv, readSchemaFiles, SCHEMA_ID_BASE, type AjvInstance } from '../schemas.ts';
import type { CardIssue } from './issue.ts';
import { readCardFiles, type CardFile, type CardSources } from './load.ts';
import { declaredIn, resolveCard, type RefSite } from './resolve.ts';
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
const FIELD_LIBRARY_SCHEMA_ID = `${SCHEMA_ID_BASE}field-library.schema.json`;

export interface CatalogValidation {
  /** Every card that passed the meta-schema, with its $refs resolved. */
  cards: LoadedCard[];
  issues: CardIssue[];
  ajv: AjvInstance;
}

function describeMetaError(error: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  if (error.keyword === 'required') return `missing required property "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'additionalProperties') return `unknown property "${String(error.params.additionalProperty)}"`;
  return error.message ?? error.keyword;
}

/** JSON, then the meta-schema; the data of each file that passed both. */
function schemaValid(files: CardFile[], schemaId: string, ajv: AjvInstance, issues: CardIssue[]): CardFile[] {
  const validate = ajv.getSchema(schemaId);
  if (!validate) throw new Error(`the meta-schema ${schemaId} is not loaded`);
  return files.filter(({ file, data, parseError }) => {
    if (parseError !== undefined) {
      issues.push({ file, pointer: '', rule: 'json', message: `not valid JSON: ${parseError}` });
      return false;
    }
    if (validate(data)) return true;
    for (const error of validate.errors ?? []) issues.push({ file, pointer: error.instancePath, rule: 'meta-schema', message: describeMetaError(error) });
    return false;
  });
}

function withOrigin(issue: CardIssue, sites: readonly RefSite[]): CardIssue {
  const origin = declaredIn(sites, issue.pointer);
  return origin ? { ...issue, declaredIn: origin } : issue;
}

/**
 * The one card validation used by `npm run validate`, service start-up and the tests: the field
 * library and each card against their meta-schemas, then each card's $refs resolved, then the
 * rules a schema cannot say on the resolved card. A card that fails the meta-schema is not
 * checked further (the rules assume its shape). An issue inside a shared definition names the
 * card and pointer where it shows, and the library definition it was written in.
 */
export function validateCardFiles(sources: CardSources, ajv: AjvInstance): CatalogValidation {
  const issues: CardIssue[] = [];
  const library = new Map(schemaValid(sources.fields, FIELD_LIBRARY_SCHEMA_ID, ajv, issues).map((f) => [f.file, f.data]));
  const cards: LoadedCard[] = [];
  for (const { file, data } of schemaValid(sources.cards, CARD_SCHEMA_ID, ajv, issues)) {
    const resolution = resolveCard(file, data, library);
    if (resolution.issues.length > 0) {
      issues.push(...resolution.issues.map((issue) => withOrigin(issue, resolution.sites)));
      continue;
    }
    const loaded: LoadedCard = { file, card: resolution.resolved as CardDefinition };
    for (const rule of CARD_RULES) issues.push(...rule.check(loaded, ajv).map((issue) => withOrigin(issue, resolution.sites)));
    cards.push(loaded);
  }
  for (const rule of CATALOG_RULES) issues.push(...rule.check(cards));
  return { cards, issues, ajv };
}

/** Reads, resolves and validates every card: what the service serves, the docs show and other generators read. */
export async function validateCatalog(dirs: { cardsDir: string; schemasDir: string }): Promise<CatalogValidation> {
  const ajv = createAjv(await readSchemaFiles(dirs.schemasDir));
  return validateCardFiles(await readCardFiles(dirs.cardsDir), ajv);
}
