/**
 * `npm run sync:okta`: SmartHR employees into an Okta Custom Identity Source (Anything-as-a-Source).
 * One run, or with --every a run on that interval (the hourly resync), a full run whenever
 * --full-every has passed. Progress on stderr, one summary line per run on stdout.
 */
import { isServiceError } from '../connector/errors.ts';
import { serviceErrorText } from '../scripts/profiles/service-error-text.ts';
import { parseSyncArgs, UsageError, USAGE, type SyncCommand } from './args.ts';
import { createProgress } from './progress.ts';
import { describeRun, syncOnce } from './run.ts';

const progress = createProgress();
const out = (line: string) => void process.stdout.write(`${line}\n`);

function failure(error: unknown): string {
  if (isServiceError(error)) return `SmartHR: ${serviceErrorText(error)}`;
  if (error instanceof Error && !(error instanceof TypeError) && !(error instanceof ReferenceError)) return error.message;
  return 'failed unexpectedly';
}

async function runOnce(command: SyncCommand): Promise<boolean> {
  try {
    const summary = await syncOnce(command, { progress, out });
    if (!command.dryRun) out(describeRun(summary, command.stateFile));
    return true;
  } catch (error) {
    progress.note(`run failed, nothing committed (the next run sends it again): ${failure(error)}`);
    if (!(error instanceof Error) || error instanceof TypeError || error instanceof ReferenceError) console.error(error);
    return false;
  }
}

/** Repeats runs on the interval until SIGINT/SIGTERM; a signal during a run ends it at once (nothing is committed mid-run). */
async function repeat(command: SyncCommand, every: number): Promise<never> {
  let running = false;
  const stop = (signal: NodeJS.Signals) => {
    if (running) {
      progress.note(`${signal}: interrupted mid-run; nothing of this run was committed, the next run sends it again`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (;;) {
    running = true;
    await runOnce(command);
    running = false;
    progress.note(`next run in ${Math.round(every / 1000)} s`);
    await new Promise<void>((resolve) => setTimeout(resolve, every));
  }
}

async function main(): Promise<number> {
  let command: SyncCommand;
  try {
    command = parseSyncArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`sync:okta: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (command.every !== undefined && !command.dryRun) return repeat(command, command.every);
  return (await runOnce(command)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sync:okta: ${failure(error)}\n`);
    process.exit(1);
  },
);
