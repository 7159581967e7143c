import type { Field } from '../generated/schemas/card.ts';

/**
 * The top-level SmartHR fields an output tree reads. A crew carries about a hundred fields; asking
 * SmartHR for only these (its `fields` parameter) makes every page several times smaller to
 * send, parse and hold. `id` is always included: paging counts records by it.
 */
export function smarthrFieldsRead(tree: Field): string[] {
  const names = new Set<string>(['id']);
  const visit = (node: Field): void => {
    for (const field of Object.values(node.properties ?? {})) {
      if (field.computed) continue;
      if (field.smarthr) names.add(field.smarthr.split('.')[0] as string);
      // Children of a field with `smarthr` read inside that value, not from the record.
      else if (field.properties) visit(field);
    }
  };
  visit(tree);
  return [...names];
}
