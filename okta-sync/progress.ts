/**
 * Progress on stderr: a cli-progress bar when stderr is a terminal, plain lines otherwise (at
 * most one a second, plus the last), so logs and CI output stay readable. stdout carries only
 * the plan (--dry-run) and the run summaries.
 */
import cliProgress from 'cli-progress';

export interface ProgressCounter {
  increment(by?: number): void;
  done(): void;
}

export interface Progress {
  note(line: string): void;
  /** A count towards a known total, or an open-ended count when total is undefined. */
  counter(label: string, total?: number): ProgressCounter;
}

const PREFIX = 'sync:okta: ';
const LINE_INTERVAL_MS = 1000;

function plainProgress(stream: NodeJS.WritableStream): Progress {
  return {
    note: (line) => void stream.write(`${PREFIX}${line}\n`),
    counter(label, total) {
      let value = 0;
      let last = 0;
      const line = () => stream.write(`${PREFIX}${label} ${value}${total === undefined ? '' : `/${total}`}\n`);
      return {
        increment(by = 1) {
          value += by;
          if (Date.now() - last >= LINE_INTERVAL_MS) {
            last = Date.now();
            line();
          }
        },
        done: () => void line(),
      };
    },
  };
}

function terminalProgress(stream: NodeJS.WriteStream): Progress {
  let active: cliProgress.SingleBar | undefined;
  return {
    note(line) {
      if (active) stream.write('\n');
      stream.write(`${PREFIX}${line}\n`);
    },
    counter(label, total) {
      const format = total === undefined ? `${PREFIX}${label} {value}` : `${PREFIX}${label} [{bar}] {value}/{total} {percentage}% | ETA {eta_formatted}`;
      const bar = new cliProgress.SingleBar({ format, stream, hideCursor: true, clearOnComplete: false, etaBuffer: 20 }, cliProgress.Presets.shades_classic);
      bar.start(total ?? 0, 0);
      active = bar;
      return {
        increment: (by = 1) => bar.increment(by),
        done() {
          bar.stop();
          active = undefined;
        },
      };
    },
  };
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? terminalProgress(stream) : plainProgress(stream);
}
