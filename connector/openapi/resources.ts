import { resourceTitle } from '../engine/cards/resource-titles.ts';
import type { CardDefinition } from '../generated/schemas/card.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The resources of the cards, in the order of the titles, each with its cards by name. */
export function cardsByResource(cards: readonly CardDefinition[]): Array<{ title: string; cards: CardDefinition[] }> {
  const groups = new Map<string, CardDefinition[]>();
  for (const card of [...cards].sort((a, b) => byText(a.name, b.name))) {
    const title = resourceTitle(card.resource);
    groups.set(title, [...(groups.get(title) ?? []), card]);
  }
  return [...groups.entries()].sort(([a], [b]) => byText(a, b)).map(([title, list]) => ({ title, cards: list }));
}
