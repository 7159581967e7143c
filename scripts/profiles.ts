import { isServiceError } from '../connector/errors.ts';
import { parseProfilesArgs, UsageError, USAGE } from './profiles/args.ts';
import { csvHeader, csvRow } from './profiles/csv.ts';
import { listEmployeeProfiles } from './profiles/list-profiles.ts';
import { serviceErrorText } from './profiles/service-error-text.ts';

/**
 * `npm run profiles`: List Employee Profiles for operators, streamed to stdout as NDJSON or CSV
 * (Okta attribute names as headers), with progress on stderr. It runs the card through the same
 * engine as the service.
 */
async function main(): Promise<number> {
  let command;
  try {
    command = parseProfilesArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`profiles: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const result = await listEmployeeProfiles(command.connection, command.inputs);

  const write = (line: string) => (process.stdout.write(line) ? Promise.resolve() : new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())));
  if (command.format === 'csv') await write(csvHeader());
  let count = 0;
  let lastProgress = 0;
  for await (const profile of result.records) {
    await write(command.format === 'csv' ? csvRow(profile) : `${JSON.stringify(profile)}\n`);
    count += 1;
    if (Date.now() - lastProgress > 1000) {
      lastProgress = Date.now();
      process.stderr.write(`profiles: ${count} written\n`);
    }
  }
  const summary = result.summary();
  process.stderr.write(`profiles: done, ${count} profiles; Next Changed Since ${String(summary['Next Changed Since'])}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`profiles: ${isServiceError(error) ? serviceErrorText(error) : 'failed unexpectedly'}\n`);
    if (!isServiceError(error)) console.error(error);
    process.exit(1);
  },
);
