import type { Field, Group } from '../../generated/schemas/card.ts';
import { escapePointerSegment } from '../json-path.ts';

export interface FieldVisit {
  field: Field;
  /** Labels from the root of options/inputs/outputs, e.g. ["Basic Information", "Last Name"]. */
  labels: string[];
  /** JSON pointer of the field inside the resolved card (validation adds where a library part was declared). */
  pointer: string;
  /** Set for fields inside the items of a List of Objects. */
  inList: boolean;
}

/** Visits every field of a resolved options/inputs/outputs tree, depth first, including the properties of List-of-Objects items. */
export function* walkFields(root: Group, basePointer: string, labels: string[] = [], inList = false): Generator<FieldVisit> {
  for (const [label, field] of Object.entries(root.properties)) {
    const pointer = `${basePointer}/properties/${escapePointerSegment(label)}`;
    const path = [...labels, label];
    yield { field, labels: path, pointer, inList };
    if (field.properties) yield* walkFields(field as Group, pointer, path, inList);
    if (field.items?.properties) yield* walkFields(field.items as Group, `${pointer}/items`, path, true);
  }
}

/** Finds a field by its label path (["Employee", "Employee ID"]). */
export function fieldAt(root: Group, labels: readonly string[]): Field | undefined {
  let node: Field | undefined = root as Field;
  for (const label of labels) node = node?.properties?.[label];
  return node;
}
