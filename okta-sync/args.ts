import { CONNECTION_FLAGS, FILTER_FLAGS, FILTER_USAGE, UsageError, connectionFrom, filterInputs, parseFlags, type ProfilesConnection } from '../scripts/profiles/args.ts';
import { OKTA_LIMITS } from './batches.ts';
import { parseDuration } from './duration.ts';
import { oktaOrigin } from './okta-org.ts';

type Json = Record<string, unknown>;

export { UsageError };

export const USAGE = `usage: npm run sync:okta -- --tenant T --account-type sandbox|production --token-env VAR
         --okta-org https://ORG.okta.com --okta-token-env VAR --identity-source ID
         [--full] [--state-file okta-sync-state.json] [--every 1h [--full-every 24h]] [--dry-run]
         [--batch-size 200] [--okta-auth ssws|bearer]
${FILTER_USAGE}
Both tokens are read from the environment variables the --*-token-env flags name, never from the
command line. SMARTHR_BASE_URL overrides the SmartHR host as for the service.`;

export interface SyncCommand {
  connection: ProfilesConnection;
  /** The List Employee Profiles filter inputs. */
  filters: Json;
  okta: { origin: string; token: string; authScheme: 'SSWS' | 'Bearer'; identitySource: string };
  full: boolean;
  stateFile: string;
  /** Repeat every this many ms (--every); a full run when fullEvery has passed since the last one. */
  every?: number;
  fullEvery?: number;
  dryRun: boolean;
  batchSize: number;
}

/** Okta app ids are short alphanumerics (0oa...); this one goes into the request path. */
const IDENTITY_SOURCE_ID = /^[A-Za-z0-9]{1,64}$/;

function duration(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < 1000) throw new UsageError(`--${flag} must be a duration of at least 1s, such as 1h, 30m or 1h30m`);
  return ms;
}

export function parseSyncArgs(argv: string[], env: NodeJS.ProcessEnv): SyncCommand {
  const one = { type: 'string' } as const;
  const flag = { type: 'boolean' } as const;
  const values = parseFlags(argv, {
    ...CONNECTION_FLAGS, ...FILTER_FLAGS,
    'okta-org': one, 'okta-token-env': one, 'okta-auth': one, 'identity-source': one,
    full: flag, 'state-file': one, every: one, 'full-every': one, 'dry-run': flag, 'batch-size': one,
  });
  const connection = connectionFrom(values, env);
  const org = values['okta-org'];
  const tokenEnv = values['okta-token-env'];
  const identitySource = values['identity-source'];
  if (!org || !tokenEnv || !identitySource) throw new UsageError('--okta-org, --okta-token-env and --identity-source are required');
  let origin: string;
  try {
    origin = oktaOrigin(org);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const token = env[tokenEnv];
  if (!token) throw new UsageError(`the environment variable ${tokenEnv} (--okta-token-env) is empty`);
  if (!IDENTITY_SOURCE_ID.test(identitySource)) throw new UsageError('--identity-source must be the Custom Identity Source app id (letters and digits, e.g. 0oa1b2c3d4)');
  const auth = values['okta-auth'] ?? 'ssws';
  if (auth !== 'ssws' && auth !== 'bearer') throw new UsageError('--okta-auth must be ssws (an API token) or bearer (an OAuth access token)');
  const batchSize = values['batch-size'] === undefined ? OKTA_LIMITS.profilesPerRequest : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > OKTA_LIMITS.profilesPerRequest) throw new UsageError(`--batch-size must be 1 to ${OKTA_LIMITS.profilesPerRequest}`);
  const every = duration('every', values.every);
  const fullEvery = duration('full-every', values['full-every']);
  if (fullEvery !== undefined && every === undefined) throw new UsageError('--full-every needs --every');
  return {
    connection,
    filters: filterInputs(values),
    okta: { origin, token, authScheme: auth === 'ssws' ? 'SSWS' : 'Bearer', identitySource },
    full: values.full === true,
    stateFile: values['state-file'] ?? 'okta-sync-state.json',
    every,
    fullEvery,
    dryRun: values['dry-run'] === true,
    batchSize,
  };
}
