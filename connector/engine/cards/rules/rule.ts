import type { CardDefinition } from '../../../generated/schemas/card.ts';
import type { AjvInstance } from '../../schemas.ts';
import type { CardIssue } from '../issue.ts';

export interface LoadedCard {
  file: string;
  card: CardDefinition;
}

/** A rule about one card that JSON Schema cannot express. */
export interface CardRule {
  name: string;
  check(card: LoadedCard, ajv: AjvInstance): CardIssue[];
}

/** A rule across the whole catalog. */
export interface CatalogRule {
  name: string;
  check(cards: LoadedCard[]): CardIssue[];
}
