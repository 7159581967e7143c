import type { Field, Group } from '../../../connector/generated/schemas/card.ts';

/** What the Connector Builder dialogs ask for a field: Data Type, Field Type (Text Field or Dropdown), and whether it is a list. */
interface BuilderType {
  dataType: string;
  fieldType: 'Text Field' | 'Dropdown';
  list: boolean;
}

/** A card's Workflows type in the words of the Options / Inputs / Outputs dialogs. */
export function builderType(field: Field): BuilderType {
  const type = field.workflowsType ?? 'Object';
  if (type === 'Dropdown') return { dataType: 'Text', fieldType: 'Dropdown', list: false };
  if (type === 'List of Objects') return { dataType: 'Object', fieldType: 'Text Field', list: true };
  if (type.startsWith('List of ')) return { dataType: type.slice('List of '.length), fieldType: 'Text Field', list: true };
  return { dataType: type, fieldType: 'Text Field', list: false };
}

/** "Text", "List of Text", "List of Objects": the type as Okta's card documentation writes it. */
export function typeText(field: Field): string {
  return field.workflowsType === 'Dropdown' ? 'Text' : (field.workflowsType ?? 'Object');
}

export interface FieldRow {
  group?: string;
  label: string;
  field: Field;
  /** Required on the card in Workflows: marked workflowsRequired, or required in a required group. */
  required: boolean;
  /** Object Get path of the value in the answer (outputs) or body (inputs): Group.Label. */
  path: string;
}

/** Options are one flat group ("Options" in Connector Builder). */
export function optionRows(options: Group): FieldRow[] {
  return Object.entries(options.properties).map(([label, field]) => ({
    label,
    field,
    required: field.workflowsRequired === true || (options.required ?? []).includes(label),
    path: label,
  }));
}

/**
 * Inputs and outputs: the top level holds the groups a card shows, each with its fields. A field
 * at the top level that is not an object is a field without a group.
 */
export function groupedRows(root: Group): FieldRow[] {
  return Object.entries(root.properties).flatMap(([groupLabel, group]): FieldRow[] => {
    const groupRequired = (root.required ?? []).includes(groupLabel);
    if (!group.properties || group.workflowsType) return [{ label: groupLabel, field: group, required: group.workflowsRequired === true || groupRequired, path: groupLabel }];
    return Object.entries(group.properties).map(([label, field]) => {
      return {
        group: groupLabel,
        label,
        field,
        required: field.workflowsRequired === true || (groupRequired && (group.required ?? []).includes(label)),
        path: `${groupLabel}.${label}`,
      };
    });
  });
}

/** The keys inside an Object or List of Objects field, one level deep: "Name (Text), Elements (List of Objects)". */
export function contents(field: Field): string {
  const shape = field.items ?? field;
  return Object.entries(shape.properties ?? {})
    .map(([label, child]) => `${label} (${typeText(child)})`)
    .join(', ');
}

/** Dropdown choices as a flow builder picks them (null means "leave empty", not a choice). */
export function choices(field: Field): string[] {
  return (field.enum ?? []).filter((value) => value !== null).map(String);
}
