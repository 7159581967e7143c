import path from 'node:path';
import type { CardRule } from './rule.ts';

export const idMatchesFile: CardRule = {
  name: 'id-matches-file',
  check({ file, card }) {
    const stem = path.posix.basename(file, '.json');
    return stem === card.id ? [] : [{ file, pointer: '/id', rule: this.name, message: `id "${card.id}" must equal the file name "${stem}"` }];
  },
};
