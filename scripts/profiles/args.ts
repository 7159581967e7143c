import { parseArgs, type ParseArgsConfig } from 'node:util';

type Json = Record<string, unknown>;

/** The usage lines of FILTER_FLAGS, for every command that takes them. */
export const FILTER_USAGE = `         [--country JP ...] [--country-mode include|exclude]
         [--department NAME_OR_ID ...] [--include-sub-departments] [--department-mode include|exclude]
         [--status Employed|"On Leave"|Retired ...] [--status-mode include|exclude]
         [--employment-type NAME_OR_ID ...] [--employment-type-mode include|exclude]`;

export const USAGE = `usage: npm run profiles -- --tenant T --account-type sandbox|production --token-env VAR
         [--changed-since ISO] [--format ndjson|csv] [--limit N]
${FILTER_USAGE}
The token is read from the environment variable named by --token-env, never from the command line
(where it would sit in shell history and the process list). SMARTHR_BASE_URL overrides the host as
for the service.`;

export interface ProfilesConnection {
  accountType: string;
  tenant: string;
  token: string;
}

export interface ProfilesCommand {
  connection: ProfilesConnection;
  format: 'ndjson' | 'csv';
  /** The List Employee Profiles card's inputs. */
  inputs: Json;
}

export class UsageError extends Error {}

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its refusals (an unknown flag, a missing value) as UsageErrors. */
export function parseFlags<Options extends FlagOptions>(argv: string[], options: Options) {
  try {
    return parseArgs({ args: argv, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const many = { type: 'string', multiple: true } as const;
const one = { type: 'string' } as const;

/** The SmartHR connection flags, shared by every command that reads profiles. */
export const CONNECTION_FLAGS = { tenant: one, 'account-type': one, 'token-env': one } as const;

/** The filter flags, one per filter group of the List Employee Profiles card. */
export const FILTER_FLAGS = {
  country: many, 'country-mode': one, department: many, 'department-mode': one, 'include-sub-departments': { type: 'boolean' },
  status: many, 'status-mode': one, 'employment-type': many, 'employment-type-mode': one,
} as const;

/** What node:util parseArgs answers for these flags. */
type FlagValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

const text = (values: FlagValues, flag: string): string | undefined => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
const list = (values: FlagValues, flag: string): string[] | undefined => (Array.isArray(values[flag]) ? (values[flag] as unknown[]).map(String) : undefined);

function mode(value: string | undefined, flag: string): 'Include' | 'Exclude' {
  if (value === undefined || value === 'include') return 'Include';
  if (value === 'exclude') return 'Exclude';
  throw new UsageError(`--${flag} must be include or exclude`);
}

/** --tenant, --account-type and the token from the variable --token-env names. */
export function connectionFrom(values: FlagValues, env: NodeJS.ProcessEnv): ProfilesConnection {
  const tenant = text(values, 'tenant');
  const accountType = text(values, 'account-type');
  const tokenEnv = text(values, 'token-env');
  if (!tenant || !accountType || !tokenEnv) throw new UsageError('--tenant, --account-type and --token-env are required');
  const token = env[tokenEnv];
  if (!token) throw new UsageError(`the environment variable ${tokenEnv} (--token-env) is empty`);
  return { accountType, tenant, token };
}

/** Filter flags -> the card's labelled filter groups, so a command runs exactly what the card runs. */
export function filterInputs(values: FlagValues): Json {
  const inputs: Json = {};
  const country = list(values, 'country');
  const department = list(values, 'department');
  const status = list(values, 'status');
  const employmentType = list(values, 'employment-type');
  if (country) inputs['Country Filter'] = { Countries: country, Mode: mode(text(values, 'country-mode'), 'country-mode') };
  if (department) {
    inputs['Department Filter'] = { Departments: department, 'Include Sub-departments': values['include-sub-departments'] === true, Mode: mode(text(values, 'department-mode'), 'department-mode') };
  }
  if (status) inputs['Status Filter'] = { 'Employment Statuses': status, Mode: mode(text(values, 'status-mode'), 'status-mode') };
  if (employmentType) inputs['Employment Type Filter'] = { 'Employment Types': employmentType, Mode: mode(text(values, 'employment-type-mode'), 'employment-type-mode') };
  return inputs;
}

/** Command-line flags -> the card's labelled inputs, so the CLI runs exactly what the card runs. */
export function parseProfilesArgs(argv: string[], env: NodeJS.ProcessEnv): ProfilesCommand {
  const values = parseFlags(argv, { ...CONNECTION_FLAGS, ...FILTER_FLAGS, 'changed-since': one, format: one, limit: one });
  const connection = connectionFrom(values, env);
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new UsageError('--format must be ndjson or csv');

  const inputs = filterInputs(values);
  if (values['changed-since']) inputs.Sync = { 'Changed Since': values['changed-since'] };
  inputs.Streaming = { 'Record Limit': values.limit === undefined ? null : Number.parseInt(values.limit, 10) };
  return { connection, format, inputs };
}
