import { DEFAULT_DIRS } from '../../connector/app.ts';
import { CardCatalog } from '../../connector/engine/catalog.ts';
import { CardEngine } from '../../connector/engine/engine.ts';
import { createLogger } from '../../connector/logging.ts';
import type { ProfilesConnection } from './args.ts';

type Json = Record<string, unknown>;

export interface ProfileStream {
  records: AsyncIterable<Json>;
  /** Once every record is out: the card's last-line fields (Next Changed Since). */
  summary(): Json;
}

/**
 * List Employee Profiles, streamed, through the same engine as the service (validation, filters,
 * pacing, output checks): the one way the command-line tools read profiles. Logs go to stderr.
 */
export async function listEmployeeProfiles(connection: ProfilesConnection, inputs: Json, options: Json = {}): Promise<ProfileStream> {
  const engine = new CardEngine({
    catalog: await CardCatalog.load(DEFAULT_DIRS),
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr }),
    upstreamBaseUrl: process.env.SMARTHR_BASE_URL || undefined,
  });
  const headers = {
    'x-smarthr-account-type': connection.accountType,
    'x-smarthr-tenant-id': connection.tenant,
    authorization: `Bearer ${connection.token}`,
  };
  const result = await engine.invoke('listEmployeeProfiles', { headers, body: { options: { ...options, 'Result Set': 'Stream Records' }, inputs } });
  if (result.kind !== 'stream') throw new Error('List Employee Profiles did not stream');
  return { records: result.records, summary: () => result.summary?.() ?? {} };
}
