import { readFileSync } from 'node:fs';
import type { FieldBody, Json, JsonObject, Parents } from './format.ts';

/** A field as a card template holds it: everything but the id, which each generated card gets anew. */
export type TemplateField = FieldBody;

export interface TemplatePort {
  extensible?: boolean;
  rules?: Json;
  groupRules?: Json;
  /** The card's own fields (those a builder does not add), in their order. */
  fields: TemplateField[];
}

/** One real card, kept as the shape to copy: its model with the ports reduced to their own fields. */
export interface CardTemplate {
  /** The template folder in okta/workflows-templates and the export's `created` time. */
  from: string;
  created: string;
  name: string;
  model: JsonObject & { inputs: TemplatePort; outputs: TemplatePort };
  /** A field a builder added (metadata.custom), in the most common form seen on this card. */
  customInput?: TemplateField;
  customOutput?: TemplateField;
}

export interface CatalogueCard {
  channel: string;
  version: string;
  kernel: boolean;
  /** How many cards with this address the exports hold, and the template folders they are in. */
  count: number;
  templates: string[];
  /** Every distinct `parents` value seen with this address. */
  parents: Parents[];
  template?: CardTemplate;
}

export interface IdFacts {
  alphabet: string;
  minLength: number;
  maxLength: number;
}

export interface Catalogue {
  source: { repository: string; commit: string; exports: number; path: string };
  envelope: {
    versions: Record<string, { exports: number; withChecksum: number }>;
    flags: Record<string, boolean>[];
    topLevelKeys: string[][];
    dataKeys: string[][];
    floKeys: string[][];
    /** Keys of a flow's `data` seen in helper flows, by envelope version. */
    floDataKeys: Record<string, string[][]>;
    displayKeys: string[][];
    trees: JsonObject[];
    groupKeys: string[][];
    configKeys: string[][];
  };
  ids: { card: IdFacts; field: IdFacts; ordering: IdFacts };
  cards: Record<string, CatalogueCard>;
}

export const CATALOGUE_FILE = new URL('./catalogue.json', import.meta.url);

let loaded: Catalogue | undefined;

export function catalogue(): Catalogue {
  loaded ??= JSON.parse(readFileSync(CATALOGUE_FILE, 'utf8')) as Catalogue;
  return loaded;
}

/** The newest envelope version seen: what the generator writes. */
export function newestVersion(facts: Catalogue): string {
  const versions = Object.keys(facts.envelope.versions).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const newest = versions.at(-1);
  if (!newest) throw new Error('catalogue.json lists no envelope version');
  return newest;
}
