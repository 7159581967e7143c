import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The folder of cards/ that holds the shared field library rather than cards. */
export const FIELD_LIBRARY_DIR = 'fields';

export interface CardFile {
  /** Path relative to the cards folder, e.g. employees/readEmployee.json: what messages name. */
  file: string;
  data: unknown;
  /** Set when the file is not JSON; data is then undefined. */
  parseError?: string;
}

/** The card files and the field library files under cards/, each in a stable order. */
export interface CardSources {
  cards: CardFile[];
  /** cards/fields/*.json: shared field definitions the cards $ref. */
  fields: CardFile[];
}

/**
 * Reads every JSON file under cards/ as written, $refs included. Cards are only ever used
 * resolved: anything that needs the cards as the service serves them calls validateCatalog
 * (or CardCatalog.load), which resolves every $ref into the field library.
 */
export async function readCardFiles(cardsDir: string): Promise<CardSources> {
  const entries = await readdir(cardsDir, { recursive: true });
  const files = await Promise.all(
    entries
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map(async (entry): Promise<CardFile> => {
        const file = entry.split(path.sep).join('/');
        const text = await readFile(path.join(cardsDir, entry), 'utf8');
        try {
          return { file, data: JSON.parse(text) as unknown };
        } catch (error) {
          return { file, data: undefined, parseError: (error as Error).message };
        }
      }),
  );
  const inLibrary = (f: CardFile) => f.file.startsWith(`${FIELD_LIBRARY_DIR}/`);
  return { cards: files.filter((f) => !inLibrary(f)), fields: files.filter(inLibrary) };
}
