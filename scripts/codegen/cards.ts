import { formatIssue } from '../../connector/engine/cards/issue.ts';
import type { LoadedCard } from '../../connector/engine/cards/rules/rule.ts';
import { validateCatalog } from '../../connector/engine/cards/validate.ts';
import type { RepoLayout } from './paths.ts';

/**
 * Every card as the catalog resolves and serves it, read and validated once for all generators;
 * a bad card stops generation with the problems `npm run validate` prints.
 */
export async function validCards(layout: Pick<RepoLayout, 'cardsDir' | 'schemasDir'>): Promise<LoadedCard[]> {
  const { cards, issues } = await validateCatalog(layout);
  if (issues.length > 0) throw new Error(`${issues.length} problem(s) in the card files (npm run validate):\n  ${issues.map(formatIssue).join('\n  ')}`);
  return cards;
}
