/**
 * The sync's state file: the watermark for the next incremental run (Next Changed Since), when
 * the last full run happened, and the externalIds live in Okta through this sync (what a full run
 * compares SmartHR with to find who disappeared). It is written once per run, after Okta reported
 * every session COMPLETED, and atomically (temporary file, fsync, rename), so an interrupted run
 * leaves the previous state whole and the next run sends everything this one had not committed.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

type Json = Record<string, unknown>;

export interface SyncScope {
  oktaOrg: string;
  identitySource: string;
  tenant: string;
  accountType: string;
  /** The filter inputs: a full run deactivates whoever falls outside them. */
  filters: Json;
}

export interface SyncState {
  version: 1;
  scope: SyncScope;
  nextChangedSince: string;
  lastFullRunAt: string;
  liveExternalIds: string[];
}

export class StateFileError extends Error {}

export async function readState(file: string): Promise<SyncState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read the state file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let state: Partial<SyncState>;
  try {
    state = JSON.parse(text) as Partial<SyncState>;
  } catch {
    throw new StateFileError(`the state file ${file} is not JSON; move it away to start over with a full run`);
  }
  if (state.version !== 1 || typeof state.nextChangedSince !== 'string' || !Array.isArray(state.liveExternalIds) || typeof state.scope !== 'object') {
    throw new StateFileError(`the state file ${file} is not a sync:okta state file (version 1)`);
  }
  return state as SyncState;
}

const canonical = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => a.localeCompare(b))) : v));

/** A state file belongs to one org, identity source, tenant and filter set; mixing them would deactivate the wrong people. */
export function checkScope(state: SyncState, scope: SyncScope, file: string): void {
  if (canonical(state.scope) === canonical(scope)) return;
  const differs = (Object.keys(scope) as Array<keyof SyncScope>).filter((k) => canonical(state.scope[k]) !== canonical(scope[k]));
  throw new StateFileError(`the state file ${file} belongs to another sync (its ${differs.join(', ')} differ); give this one its own --state-file`);
}

export async function writeState(file: string, state: SyncState): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await mkdir(dir, { recursive: true });
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself must survive a crash too.
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}
