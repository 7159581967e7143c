import { DEFAULT_RECORD_LIMIT } from '../../record-limit.ts';
import { fieldAt } from '../fields.ts';
import type { CardIssue } from '../issue.ts';
import type { CardRule } from './rule.ts';

/** The Result Set option, the result group and the records field agree with the pagination block. */
export const paginationConsistent: CardRule = {
  name: 'pagination',
  check({ file, card }) {
    const p = card.pagination;
    const issues: CardIssue[] = [];
    const issue = (pointer: string, message: string) => issues.push({ file, pointer, rule: this.name, message });
    if (!p) {
      if (card.options.properties['Result Set']) issue('/options/properties/Result Set', 'a card with a Result Set option needs a pagination block');
      return issues;
    }
    const option = card.options.properties[p.resultSetOption];
    const values = (option?.enum ?? []) as unknown[];
    const declared = Object.keys(p.resultSets);
    if (!option) issue('/pagination/resultSetOption', `option "${p.resultSetOption}" is not declared`);
    else if (values.length !== declared.length || !declared.every((v) => values.includes(v)))
      issue('/pagination/resultSets', `result sets must be exactly the values of option "${p.resultSetOption}": ${values.join(', ')}`);
    const records = fieldAt(card.outputs, [p.resultGroup, p.recordsOutput]);
    if (records?.workflowsType !== 'List of Objects') issue('/pagination/recordsOutput', `"${p.resultGroup} > ${p.recordsOutput}" must be a List of Objects output`);
    if (p.firstRecordOutput && !fieldAt(card.outputs, [p.resultGroup, p.firstRecordOutput]))
      issue('/pagination/firstRecordOutput', `"${p.resultGroup} > ${p.firstRecordOutput}" is not a declared output`);
    if (Object.values(p.resultSets).includes('first') && !p.firstRecordOutput)
      issue('/pagination/firstRecordOutput', 'a "first" result set needs a firstRecordOutput');
    const streams = Object.values(p.resultSets).includes('stream');
    if (streams && !p.recordLimitInput) issue('/pagination', 'a streaming card needs a recordLimitInput');
    if (streams && p.recordLimitInput) {
      // The Streaming group as on Okta's cards: Flow and Record Limit, both required in Workflows.
      const groupLabels = p.recordLimitInput.split('.').slice(0, -1);
      const group = fieldAt(card.inputs, groupLabels);
      const limit = fieldAt(card.inputs, p.recordLimitInput.split('.'));
      const flow = fieldAt(card.inputs, [...groupLabels, 'Flow']);
      if (flow?.workflowsType !== 'Flow' || flow.workflowsRequired !== true)
        issue('/pagination/recordLimitInput', `a streaming card declares "${[...groupLabels, 'Flow'].join(' > ')}", a Flow required in Workflows (workflowsRequired)`);
      if (limit && (limit.workflowsRequired !== true || limit.default === undefined))
        issue('/pagination/recordLimitInput', `"${p.recordLimitInput.split('.').join(' > ')}" is required in Workflows (workflowsRequired) and has a default for HTTP callers that leave it out`);
      // Input validation is what bounds a stream: the engine takes the validated Record Limit as it is.
      if (limit && (typeof limit.maximum !== 'number' || limit.maximum > DEFAULT_RECORD_LIMIT))
        issue('/pagination/recordLimitInput', `"${p.recordLimitInput.split('.').join(' > ')}" needs a maximum of at most ${DEFAULT_RECORD_LIMIT}, so that a stream is always bounded`);
      if (group && groupLabels.length > 0 && (typeof group.default !== 'object' || group.default === null))
        issue('/pagination/recordLimitInput', `group "${groupLabels.join(' > ')}" needs "default": {} so that its Record Limit default applies when the group is left out`);
    }
    if (streams && fieldAt(card.outputs, [p.resultGroup, 'Records Streamed'])?.computed !== 'recordsStreamed')
      issue('/pagination', `a streaming card declares "${p.resultGroup} > Records Streamed" computed as recordsStreamed`);
    return issues;
  },
};
