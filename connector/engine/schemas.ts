import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { japanDateOf } from './transforms/dates.ts';

/** Base of every schema $id in schemas/; refs between schemas use it, never the network. */
export const SCHEMA_ID_BASE = 'https://smarthr-connector.local/schemas/';

/** Our annotation keywords (card mapping, secrets): read by the engine and docs, ignored by validation itself. */
export const ANNOTATION_KEYWORDS = ['workflowsType', 'workflowsRequired', 'workflowsOnly', 'smarthr', 'smarthrIn', 'smarthrTransform', 'smarthrValues', 'smarthrLookup', 'choicesFrom', 'clearable', 'computed', 'secret'] as const;

export interface SchemaFile {
  /** Path relative to the schemas folder, e.g. smarthr/crew.schema.json. */
  file: string;
  schema: Record<string, unknown>;
}

export async function readSchemaFiles(schemasDir: string): Promise<SchemaFile[]> {
  const entries = await readdir(schemasDir, { recursive: true });
  const files = entries.filter((f) => f.endsWith('.schema.json')).sort();
  return Promise.all(
    files.map(async (file) => ({
      file: file.split(path.sep).join('/'),
      schema: JSON.parse(await readFile(path.join(schemasDir, file), 'utf8')) as Record<string, unknown>,
    })),
  );
}


export type AjvInstance = InstanceType<typeof Ajv2020>;

/**
 * One Ajv for everything: the card meta-schema, the SmartHR resource schemas and every card's
 * options/inputs/outputs. allErrors so a flow builder sees every bad field at once; verbose is
 * left off so validated values (tokens, PII) never travel inside error objects.
 */
export function createAjv(schemas: SchemaFile[]): AjvInstance {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: true, verbose: false });
  addFormats.default(ajv);
  // Date & Time inputs: YYYY/MM/DD as Okta's pages ask, ISO dates, the ISO date-times Workflows
  // sends, and empty text (an input left empty, which Clear Empty Values? decides about).
  ajv.addFormat('date-or-date-time', { type: 'string', validate: (value: string) => value === '' || japanDateOf(value) !== undefined });
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  for (const { schema } of schemas) ajv.addSchema(schema);
  return ajv;
}
