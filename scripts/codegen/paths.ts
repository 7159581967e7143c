import path from 'node:path';
import { REPO_ROOT } from '../../connector/repo-root.ts';

export { REPO_ROOT };

export interface RepoLayout {
  root: string;
  cardsDir: string;
  schemasDir: string;
  generatedDir: string;
  docsFile: string;
}

export function repoLayout(root: string = REPO_ROOT): RepoLayout {
  return {
    root,
    cardsDir: path.join(root, 'cards'),
    schemasDir: path.join(root, 'schemas'),
    generatedDir: path.join(root, 'connector', 'generated'),
    docsFile: path.join(root, 'docs', 'cards.md'),
  };
}
