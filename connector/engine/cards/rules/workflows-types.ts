import type { Field, WorkflowsType } from '../../../generated/schemas/card.ts';
import { walkFields } from '../fields.ts';
import type { CardRule } from './rule.ts';

type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

function jsonTypes(field: Field): JsonType[] {
  const t = field.type;
  return (t === undefined ? [] : Array.isArray(t) ? t : [t]).filter((x) => x !== 'null');
}

const DATE_FORMATS = new Set(['date', 'date-time', 'date-or-date-time']);

/** What JSON Schema shape each Workflows type must have; returns a complaint or undefined. */
function mismatch(workflowsType: WorkflowsType, field: Field): string | undefined {
  const types = jsonTypes(field);
  const only = (...allowed: JsonType[]) => (types.length > 0 && types.every((t) => allowed.includes(t)) ? undefined : `needs JSON type ${allowed.join(' or ')}`);
  switch (workflowsType) {
    case 'Text':
      return only('string', 'number');
    case 'Number':
      return only('number', 'integer');
    case 'True/False':
      return only('boolean');
    case 'Date & Time':
      return only('string') ?? (DATE_FORMATS.has(field.format ?? '') ? undefined : 'needs format date, date-time or date-or-date-time');
    case 'Object':
      // Workflows objects also carry raw JSON such as a SmartHR list (Custom API Action's Body).
      return only('object', 'array');
    case 'Flow':
      // A helper flow's id; the service ignores it (workflowsOnly), Workflows calls the flow.
      return only('string');
    case 'Dropdown':
      return field.enum || field.choicesFrom ? undefined : 'needs an enum of the dropdown values, or choicesFrom';
    case 'List of Objects':
      return only('array') ?? (field.items?.properties ? undefined : 'needs items with properties');
    default: {
      const itemType = workflowsType.replace(/^List of /, '') as WorkflowsType;
      return only('array') ?? (field.items ? mismatch(itemType, field.items) : 'needs items');
    }
  }
}

/**
 * Every field a flow builder sees carries a Workflows type that agrees with its JSON Schema.
 * Groups (the first level of inputs and outputs) are containers and carry none.
 */
export const workflowsTypes: CardRule = {
  name: 'workflows-type',
  check({ file, card }) {
    const issues = [];
    const trees = [
      { root: card.options, base: '/options', groupDepth: 0 },
      { root: card.inputs, base: '/inputs', groupDepth: 1 },
      { root: card.outputs, base: '/outputs', groupDepth: 1 },
    ];
    for (const { root, base, groupDepth } of trees) {
      for (const { field, labels, pointer, inList } of walkFields(root, base)) {
        if (!inList && labels.length <= groupDepth) {
          if (!field.properties) issues.push({ file, pointer, rule: this.name, message: 'a group must be an object with properties' });
          continue;
        }
        if (!field.workflowsType) {
          issues.push({ file, pointer, rule: this.name, message: `field "${labels.join(' > ')}" has no workflowsType` });
          continue;
        }
        const problem = mismatch(field.workflowsType, field);
        if (problem) issues.push({ file, pointer, rule: this.name, message: `${field.workflowsType} ${problem}` });
      }
    }
    return issues;
  },
};
