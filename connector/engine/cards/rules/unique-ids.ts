import type { CatalogRule } from './rule.ts';

export const uniqueIds: CatalogRule = {
  name: 'unique-id',
  check(cards) {
    const firstFile = new Map<string, string>();
    return cards.flatMap(({ file, card }) => {
      const seen = firstFile.get(card.id);
      if (seen === undefined) {
        firstFile.set(card.id, file);
        return [];
      }
      return [{ file, pointer: '/id', rule: this.name, message: `id "${card.id}" is already used by ${seen}` }];
    });
  },
};
