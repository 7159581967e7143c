import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDocFiles } from './doc-files.ts';
import type { RepoLayout } from './paths.ts';
import { generateTypes } from './types.ts';
import { staleFiles } from './write.ts';
import { GUIDE_DIR } from './workflows/index.ts';

/**
 * Regenerates types and docs in memory and lists every file that differs from what is committed,
 * is missing, or should no longer exist. Empty means no drift.
 */
export async function findDrift(layout: RepoLayout): Promise<string[]> {
  const expected = new Map([...(await generateTypes(layout)), ...(await generateDocFiles(layout))]);
  const drift: string[] = [];
  for (const [rel, content] of expected) {
    const actual = await readFile(path.join(layout.root, rel), 'utf8').catch(() => undefined);
    if (actual === undefined) drift.push(`${rel} is missing`);
    else if (actual !== content) drift.push(`${rel} is out of date`);
  }
  const generatedPrefix = `${path.relative(layout.root, layout.generatedDir).split(path.sep).join('/')}/`;
  for (const [prefix, ext] of [[generatedPrefix, '.ts'], [GUIDE_DIR, '.md']] as const) {
    for (const rel of await staleFiles(layout, expected, prefix, ext)) drift.push(`${rel} has no source any more`);
  }
  return drift;
}
