import type { CardDefinition } from '../generated/schemas/card.ts';
import { compileCard, type CompiledCard } from './cards/compile.ts';
import { formatIssue } from './cards/issue.ts';
import { validateCatalog } from './cards/validate.ts';

export interface CatalogDirs {
  cardsDir: string;
  schemasDir: string;
}

export class InvalidCatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`refusing to start: ${problems.length} problem(s) in the card files:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidCatalogError';
  }
}

/** Every card, validated and compiled once at start-up; the service refuses to start on a bad card. */
export class CardCatalog {
  private constructor(private readonly byId: Map<string, CompiledCard>) {}

  static async load(dirs: CatalogDirs): Promise<CardCatalog> {
    const { cards, issues, ajv } = await validateCatalog(dirs);
    if (issues.length > 0) throw new InvalidCatalogError(issues.map(formatIssue));
    return new CardCatalog(new Map(cards.map(({ card }) => [card.id, compileCard(card, ajv)])));
  }

  get(id: string): CompiledCard | undefined {
    return this.byId.get(id);
  }

  list(): CardDefinition[] {
    return [...this.byId.values()].map((c) => c.definition);
  }
}
