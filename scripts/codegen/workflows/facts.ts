import type { CardDefinition } from '../../../connector/generated/schemas/card.ts';
import { streamingResultSets } from '../../../connector/openapi/card-schemas.ts';
import { PERMISSION_TABLE, type Permission } from '../../../connector/smarthr/permissions.ts';
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

/** The permissions a token needs for every card (PERMISSION_TABLE's rows), by endpoint: "`/api/v1/crews`: Read, Write". */
export function tokenPermissions(): string[] {
  const byEndpoint = new Map<string, Permission[]>();
  for (const { endpoint, permissions } of PERMISSION_TABLE) byEndpoint.set(endpoint, [...(byEndpoint.get(endpoint) ?? []), ...permissions]);
  return [...byEndpoint.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([endpoint, levels]) => `${code(endpoint)}: ${levels.join(', ')}`);
}
