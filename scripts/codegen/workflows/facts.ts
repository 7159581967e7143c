import type { CardDefinition } from '../../../connector/generated/schemas/card.ts';
import { streamingResultSets } from '../../../connector/openapi/card-schemas.ts';
import { resourceTitle } from '../../../connector/engine/cards/resource-titles.ts';
import { anchor, code, slug } from './markdown.ts';

/** Facts about the cards that several guide pages state: links, the streaming cards, the token permissions. */

/** A link to the card's section on its resource page (the page cardsByResource titles it under). */
export function cardLink(card: CardDefinition, from: 'root' | 'cards' = 'root'): string {
  const page = `${from === 'root' ? 'cards/' : ''}${slug(resourceTitle(card.resource))}.md`;
  return `[${card.name}](${page}#${anchor(card.name)})`;
}

/** The SmartHR token permission a card needs: "`/api/v1/crews`: Read". */
export function permissionText(card: CardDefinition): string {
  return card.permission.endpoint === 'any' ? 'whatever the called SmartHR endpoint needs' : `${code(card.permission.endpoint)}: ${card.permission.level}`;
}

export const streamingCards = (cards: readonly CardDefinition[]) => cards.filter((c) => streamingResultSets(c).length > 0);

/** The permissions a token needs for every card, by endpoint: "`/api/v1/crews`: Read, Write". */
export function tokenPermissions(cards: readonly CardDefinition[]): string[] {
  const byEndpoint = new Map<string, Set<string>>();
  for (const { permission } of cards) {
    if (permission.endpoint === 'any') continue;
    const levels = byEndpoint.get(permission.endpoint) ?? new Set<string>();
    for (const level of permission.level.split(', ')) levels.add(level);
    byEndpoint.set(permission.endpoint, levels);
  }
  return [...byEndpoint.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([endpoint, levels]) => `${code(endpoint)}: ${['Read', 'Write'].filter((l) => levels.has(l)).join(', ')}`);
}
