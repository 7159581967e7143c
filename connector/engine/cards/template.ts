import { escapePointerSegment } from '../json-path.ts';

/**
 * The card template grammar: {{inputs.<Group>.<Label>}} and {{options.<Label>}}.
 * Nothing else is interpreted, so a card can never run code.
 */
export const TEMPLATE_PATTERN = /\{\{\s*([^{}]+?)\s*\}\}/g;

export interface TemplateRef {
  source: 'inputs' | 'options';
  labels: string[];
  raw: string;
}

export function parseTemplateRef(expression: string): TemplateRef | undefined {
  const [source, ...labels] = expression.split('.');
  if ((source !== 'inputs' && source !== 'options') || labels.length === 0) return undefined;
  if (source === 'options' && labels.length !== 1) return undefined;
  if (source === 'inputs' && labels.length !== 2) return undefined;
  return { source, labels, raw: expression };
}

/** Every {{...}} expression in a string. */
export function templateExpressions(text: string): string[] {
  return [...text.matchAll(TEMPLATE_PATTERN)].map((m) => m[1] ?? '');
}

/** Every string anywhere inside a JSON value, with its JSON pointer. */
export function* stringsIn(value: unknown, pointer: string): Generator<{ text: string; pointer: string }> {
  if (typeof value === 'string') yield { text: value, pointer };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, `${pointer}/${i}`);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) yield* stringsIn(v, `${pointer}/${escapePointerSegment(k)}`);
}
