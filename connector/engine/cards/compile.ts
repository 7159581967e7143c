import type { ValidateFunction } from 'ajv';
import type { CardDefinition, Field, Group } from '../../generated/schemas/card.ts';
import type { AjvInstance } from '../schemas.ts';
import { closed } from './closed.ts';

/** A card ready to run: its definition plus validators compiled once at start-up. */
export interface CompiledCard {
  definition: CardDefinition;
  validateOptions: ValidateFunction;
  validateInputs: ValidateFunction;
  validateOutputs: ValidateFunction;
  /** SmartHR field name -> card label, to name fields SmartHR complains about. */
  labelOfSmarthrField: Map<string, string>;
}

function inputLabels(inputs: Group): Map<string, string> {
  const labels = new Map<string, string>();
  // A group with its own `smarthr` (an address) is the object its fields' `smarthr` are relative to.
  const visit = (tree: Field, prefix: string) => {
    for (const [label, field] of Object.entries(tree.properties ?? {})) {
      const name = field.smarthr ? `${prefix}${field.smarthr}` : undefined;
      if (name) {
        labels.set(name, label);
        // SmartHR may name only the object (address) when one of its parts is refused.
        const head = name.split('.')[0] ?? name;
        if (!labels.has(head)) labels.set(head, label);
      }
      visit(field, field.properties && name ? `${name}.` : prefix);
    }
  };
  visit(inputs, '');
  return labels;
}

export function compileCard(definition: CardDefinition, ajv: AjvInstance): CompiledCard {
  return {
    definition,
    validateOptions: ajv.compile(closed(definition.options)),
    validateInputs: ajv.compile(closed(definition.inputs)),
    validateOutputs: ajv.compile(closed(definition.outputs)),
    labelOfSmarthrField: inputLabels(definition.inputs),
  };
}
