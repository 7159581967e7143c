import { parseArgs } from 'node:util';

type Json = Record<string, unknown>;

export const USAGE = `usage: npm run profiles -- --tenant T --account-type sandbox|production --token-env VAR
         [--changed-since ISO] [--format ndjson|csv] [--limit N]
         [--country JP ...] [--country-mode include|exclude]
         [--department NAME_OR_ID ...] [--include-sub-departments] [--department-mode include|exclude]
         [--status Employed|"On Leave"|Retired ...] [--status-mode include|exclude]
         [--employment-type NAME_OR_ID ...] [--employment-type-mode include|exclude]
The token is read from the environment variable named by --token-env, never from the command line
(where it would sit in shell history and the process list). SMARTHR_BASE_URL overrides the host as
for the service.`;

export interface ProfilesCommand {
  connection: { accountType: string; tenant: string; token: string };
  format: 'ndjson' | 'csv';
  /** The List Employee Profiles card's inputs. */
  inputs: Json;
}

export class UsageError extends Error {}

function mode(value: string | undefined, flag: string): 'Include' | 'Exclude' {
  if (value === undefined || value === 'include') return 'Include';
  if (value === 'exclude') return 'Exclude';
  throw new UsageError(`--${flag} must be include or exclude`);
}

/** Command-line flags -> the card's labelled inputs, so the CLI runs exactly what the card runs. */
export function parseProfilesArgs(argv: string[], env: NodeJS.ProcessEnv): ProfilesCommand {
  const many = { type: 'string', multiple: true } as const;
  const one = { type: 'string' } as const;
  const { values } = parseArgs({
    args: argv,
    options: {
      tenant: one, 'account-type': one, 'token-env': one, 'changed-since': one, format: one, limit: one,
      country: many, 'country-mode': one, department: many, 'department-mode': one, 'include-sub-departments': { type: 'boolean' },
      status: many, 'status-mode': one, 'employment-type': many, 'employment-type-mode': one,
    },
  });
  if (!values.tenant || !values['account-type'] || !values['token-env']) throw new UsageError('--tenant, --account-type and --token-env are required');
  const token = env[values['token-env']];
  if (!token) throw new UsageError(`the environment variable ${values['token-env']} (--token-env) is empty`);
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new UsageError('--format must be ndjson or csv');

  const inputs: Json = {};
  if (values.country) inputs['Country Filter'] = { Countries: values.country, Mode: mode(values['country-mode'], 'country-mode') };
  if (values.department) {
    inputs['Department Filter'] = { Departments: values.department, 'Include Sub-departments': values['include-sub-departments'] === true, Mode: mode(values['department-mode'], 'department-mode') };
  }
  if (values.status) inputs['Status Filter'] = { 'Employment Statuses': values.status, Mode: mode(values['status-mode'], 'status-mode') };
  if (values['employment-type']) inputs['Employment Type Filter'] = { 'Employment Types': values['employment-type'], Mode: mode(values['employment-type-mode'], 'employment-type-mode') };
  if (values['changed-since']) inputs.Sync = { 'Changed Since': values['changed-since'] };
  inputs.Streaming = { 'Record Limit': values.limit === undefined ? null : Number.parseInt(values.limit, 10) };
  return { connection: { accountType: values['account-type'], tenant: values.tenant, token }, format, inputs };
}
