import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, so scripts work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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
