import { fieldAt } from '../fields.ts';
import { parseTemplateRef, stringsIn, templateExpressions } from '../template.ts';
import type { CardRule } from './rule.ts';

/** Every {{...}} in the request (and the Record Limit reference) names a declared input or option. */
export const templateRefs: CardRule = {
  name: 'template-ref',
  check({ file, card }) {
    const issues = [];
    for (const { text, pointer } of stringsIn(card.request, '/request')) {
      for (const expression of templateExpressions(text)) {
        const ref = parseTemplateRef(expression);
        if (!ref) {
          issues.push({ file, pointer, rule: this.name, message: `"{{${expression}}}" is not inputs.<Group>.<Label> or options.<Label>` });
          continue;
        }
        const root = ref.source === 'inputs' ? card.inputs : card.options;
        if (!fieldAt(root, ref.labels)) {
          issues.push({ file, pointer, rule: this.name, message: `"{{${expression}}}" refers to an undeclared ${ref.source === 'inputs' ? 'input' : 'option'}` });
        }
      }
    }
    const limit = card.pagination?.recordLimitInput;
    if (limit && !fieldAt(card.inputs, limit.split('.'))) {
      issues.push({ file, pointer: '/pagination/recordLimitInput', rule: this.name, message: `"${limit}" is not a declared input` });
    }
    return issues;
  },
};
