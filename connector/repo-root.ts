import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whatever the working directory: cards/ and schemas/ live there. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
