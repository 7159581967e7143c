import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RepoLayout } from './paths.ts';

/** Files under `prefix` ending in `ext` that `files` does not hold: what a deleted card or resource left behind. */
export async function staleFiles(layout: RepoLayout, files: Map<string, string>, prefix: string, ext: string): Promise<string[]> {
  const existing = await readdir(path.join(layout.root, prefix), { recursive: true }).catch(() => [] as string[]);
  return existing.map((entry) => `${prefix}${entry.split(path.sep).join('/')}`).filter((rel) => rel.endsWith(ext) && !files.has(rel));
}

/** Writes generated files and removes stale ones under `prefix`, so a deleted card leaves nothing behind. */
export async function writeGenerated(layout: RepoLayout, files: Map<string, string>, prefix: string, ext = '.ts'): Promise<number> {
  for (const rel of await staleFiles(layout, files, prefix, ext)) await rm(path.join(layout.root, rel));
  for (const [rel, content] of files) {
    await mkdir(path.dirname(path.join(layout.root, rel)), { recursive: true });
    await writeFile(path.join(layout.root, rel), content);
  }
  return files.size;
}
