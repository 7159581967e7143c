import type { CardDefinition } from '../generated/schemas/card.ts';

/** How people name a card's SmartHR resource: the document's tags and the guide's pages. */
const RESOURCE_TITLES: Record<string, string> = {
  crews: 'Employees',
  users: 'Users',
  departments: 'Departments',
  job_titles: 'Job Titles',
  employment_types: 'Employment Types',
  biz_establishments: 'Business Establishments',
  crew_custom_field_templates: 'Custom Fields',
  crew_custom_field_template_groups: 'Custom Field Groups',
  any: 'Custom API Action',
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function resourceTitle(card: CardDefinition): string {
  return RESOURCE_TITLES[card.resource] ?? card.resource;
}

/** The resources of the cards, in the order of the titles, each with its cards by name. */
export function cardsByResource(cards: readonly CardDefinition[]): Array<{ title: string; cards: CardDefinition[] }> {
  const groups = new Map<string, CardDefinition[]>();
  for (const card of [...cards].sort((a, b) => byText(a.name, b.name))) {
    const title = resourceTitle(card);
    groups.set(title, [...(groups.get(title) ?? []), card]);
  }
  return [...groups.entries()].sort(([a], [b]) => byText(a, b)).map(([title, list]) => ({ title, cards: list }));
}
