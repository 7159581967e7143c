import { walkFields } from '../fields.ts';
import type { CardIssue } from '../issue.ts';
import { parseTemplateRef, stringsIn, templateExpressions } from '../template.ts';
import type { CardRule } from './rule.ts';

/**
 * `workflowsRequired` and `workflowsOnly` say what Workflows shows and consumes, apart from what
 * the service needs: only options and inputs carry them, and a field the service ignores is
 * never required of HTTP callers, never mapped to SmartHR and never used by the request.
 */
export const workflowsFields: CardRule = {
  name: 'workflows-fields',
  check({ file, card }) {
    const issues: CardIssue[] = [];
    const issue = (pointer: string, message: string) => issues.push({ file, pointer, rule: this.name, message });
    for (const { field, pointer } of walkFields(card.outputs, '/outputs')) {
      if (field.workflowsRequired !== undefined || field.workflowsOnly !== undefined) issue(pointer, 'workflowsRequired and workflowsOnly belong on options and inputs, not outputs');
    }
    const usedByRequest = new Set<string>();
    for (const { text } of stringsIn(card.request, '/request')) {
      for (const expression of templateExpressions(text)) {
        const ref = parseTemplateRef(expression);
        if (ref) usedByRequest.add(`${ref.source}.${ref.labels.join('.')}`);
      }
    }
    if (card.pagination?.recordLimitInput) usedByRequest.add(`inputs.${card.pagination.recordLimitInput}`);

    for (const [source, root] of [['options', card.options], ['inputs', card.inputs]] as const) {
      const parentRequired = new Map<string, string[]>([['', root.required ?? []]]);
      for (const { field, labels, pointer, inList } of walkFields(root, `/${source}`)) {
        const key = labels.join('.');
        parentRequired.set(key, field.required ?? []);
        if (field.workflowsType === 'Flow' && field.workflowsOnly !== true) issue(pointer, 'a Flow field is consumed by Workflows, not the service: mark it workflowsOnly');
        if (field.workflowsOnly !== true) continue;
        const label = labels.at(-1) as string;
        if (inList) issue(pointer, 'a workflowsOnly field belongs in a group, not in the items of a list');
        if (field.smarthr !== undefined || field.smarthrIn !== undefined || field.smarthrTransform !== undefined || field.smarthrValues !== undefined) {
          issue(pointer, 'a workflowsOnly field is ignored by the service, so it maps to nothing in SmartHR');
        }
        if ((parentRequired.get(labels.slice(0, -1).join('.')) ?? []).includes(label)) {
          issue(pointer, `the service never requires a workflowsOnly field: take "${label}" out of "required" and mark it workflowsRequired`);
        }
        if (usedByRequest.has(`${source}.${key}`)) issue(pointer, 'a workflowsOnly field is ignored by the service, so the request cannot use it');
      }
    }
    return issues;
  },
};
