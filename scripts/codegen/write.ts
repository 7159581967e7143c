import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RepoLayout } from './paths.ts';

/** Writes generated files and removes stale ones under `prefix`, so a deleted card leaves no types behind. */
export async function writeGenerated(layout: RepoLayout, files: Map<string, string>, prefix: string): Promise<number> {
  const dir = path.join(layout.root, prefix);
  const existing = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  for (const entry of existing) {
    const rel = `${prefix}${entry.split(path.sep).join('/')}`;
    if (rel.endsWith('.ts') && !files.has(rel)) await rm(path.join(layout.root, rel));
  }
  for (const [rel, content] of files) {
    await mkdir(path.dirname(path.join(layout.root, rel)), { recursive: true });
    await writeFile(path.join(layout.root, rel), content);
  }
  return files.size;
}
