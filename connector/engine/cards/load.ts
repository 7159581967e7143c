import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface CardFile {
  /** Path relative to the cards folder, e.g. employees/readEmployee.json: what messages name. */
  file: string;
  data: unknown;
  /** Set when the file is not JSON; data is then undefined. */
  parseError?: string;
}

/** Reads every card file under cards/, in a stable order. */
export async function readCardFiles(cardsDir: string): Promise<CardFile[]> {
  const entries = await readdir(cardsDir, { recursive: true });
  const files = entries.filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (entry): Promise<CardFile> => {
      const file = entry.split(path.sep).join('/');
      const text = await readFile(path.join(cardsDir, entry), 'utf8');
      try {
        return { file, data: JSON.parse(text) as unknown };
      } catch (error) {
        return { file, data: undefined, parseError: (error as Error).message };
      }
    }),
  );
}
