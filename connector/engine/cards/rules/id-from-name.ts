import type { CardRule } from './rule.ts';

export function lowerCamelCase(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())).join('');
}

export const idFromName: CardRule = {
  name: 'id-from-name',
  check({ file, card }) {
    const expected = lowerCamelCase(card.name);
    return expected === card.id ? [] : [{ file, pointer: '/id', rule: this.name, message: `id must be the name in lowerCamelCase: "${expected}"` }];
  },
};
