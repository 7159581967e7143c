import { closed } from '../closed.ts';
import type { CardRule } from './rule.ts';

const PARTS = ['options', 'inputs', 'outputs'] as const;

/** Each example must be a valid invocation and a valid answer of the card itself (unknown labels included). */
export const examplesValidate: CardRule = {
  name: 'example-valid',
  check({ file, card }, ajv) {
    const issues = [];
    for (const part of PARTS) {
      const validate = ajv.compile(closed(card[part]));
      for (const [index, example] of card.examples.entries()) {
        // structuredClone: useDefaults would otherwise write defaults into the card's own examples.
        if (validate(structuredClone(example[part]))) continue;
        for (const error of validate.errors ?? []) {
          issues.push({
            file,
            pointer: `/examples/${index}/${part}${error.instancePath}`,
            rule: this.name,
            message: `example "${example.title}" does not match the card's ${part}: ${error.message ?? error.keyword}`,
          });
        }
      }
    }
    return issues;
  },
};
