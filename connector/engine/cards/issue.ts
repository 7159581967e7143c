/** One problem found in a card file: where (file + JSON pointer), which rule, and what is wrong. */
export interface CardIssue {
  file: string;
  pointer: string;
  rule: string;
  message: string;
  /** When the faulty part comes from the field library: the definition it was written in. */
  declaredIn?: string;
}

export function formatIssue(issue: CardIssue): string {
  const origin = issue.declaredIn ? ` (declared in cards/${issue.declaredIn})` : '';
  return `${issue.file}#${issue.pointer} [${issue.rule}] ${issue.message}${origin}`;
}
