import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, repoLayout, type RepoLayout } from '../../scripts/codegen/paths.ts';

/** A throw-away copy of the parts of the repo that cards, schemas and generated files live in. */
export async function copyOfRepo(): Promise<RepoLayout> {
  const root = await mkdtemp(path.join(tmpdir(), 'smarthr-connector-'));
  for (const part of ['cards', 'schemas', 'connector/generated', 'docs', 'package.json']) {
    await cp(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true });
  }
  return repoLayout(root);
}
