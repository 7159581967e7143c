/** One problem found in a card file: where (file + JSON pointer), which rule, and what is wrong. */
export interface CardIssue {
  file: string;
  pointer: string;
  rule: string;
  message: string;
}

export function formatIssue(issue: CardIssue): string {
  return `${issue.file}#${issue.pointer} [${issue.rule}] ${issue.message}`;
}
