import type { Field } from '../../../generated/schemas/card.ts';
import { escapePointerSegment } from '../../json-path.ts';
import type { CardIssue } from '../issue.ts';
import { itemsOf, pathOf, resourceSchema, type SchemaAt } from '../resource-schema.ts';
import type { CardRule } from './rule.ts';

/**
 * Every output field that says which SmartHR field it maps from names a field that exists in the
 * resource schema: a typo ("last_nmae") would otherwise silently output null forever.
 */
export const smarthrFields: CardRule = {
  name: 'smarthr-field',
  check({ file, card }, ajv) {
    const record = resourceSchema(ajv, card.resource);
    if (card.resource === 'any' || card.request.kind === 'raw') return [];
    if (!record) return [{ file, pointer: '/resource', rule: this.name, message: `no SmartHR resource schema is loaded for "${card.resource}"` }];
    const issues: CardIssue[] = [];
    const visit = (field: Field, at: SchemaAt, pointer: string) => {
      let here = at;
      if (field.smarthr && !field.computed) {
        const found = pathOf(ajv, at, field.smarthr);
        if (!found) {
          issues.push({ file, pointer, rule: this.name, message: `SmartHR field "${field.smarthr}" does not exist in ${card.resource} records` });
          return;
        }
        here = found;
      }
      if (field.properties) {
        for (const [label, child] of Object.entries(field.properties)) visit(child, here, `${pointer}/properties/${escapePointerSegment(label)}`);
      }
      if (field.items?.properties) {
        const items = field.smarthr ? itemsOf(ajv, here) : here;
        if (!items) issues.push({ file, pointer, rule: this.name, message: `SmartHR field "${field.smarthr}" is not a list` });
        else visit(field.items, items, `${pointer}/items`);
      }
    };
    for (const [label, group] of Object.entries(card.outputs.properties)) visit(group, record, `/outputs/properties/${escapePointerSegment(label)}`);
    return issues;
  },
};

