import type { Logger } from 'pino';
import type { SmartHRClient } from '../../smarthr/client.ts';
import type { CompiledCard } from '../cards/compile.ts';
import type { Deadline } from '../deadline.ts';
import type { Invocation } from '../input-validation.ts';
import type { BuildContext } from '../request-builder.ts';

type Json = Record<string, unknown>;

export interface ExecutionContext {
  card: CompiledCard;
  invocation: Invocation;
  client: SmartHRClient;
  deadline: Deadline;
  logger: Logger;
  build: BuildContext;
  pageConcurrency: number;
}

export type CardResult =
  | { kind: 'json'; body: Json }
  /**
   * NDJSON: one labelled record per line, then {"Records Streamed": n}, plus whatever `summary`
   * adds once every record is out (List Employee Profiles adds its Next Changed Since).
   */
  | {
      kind: 'stream';
      records: AsyncIterable<Json>;
      summary?: () => Json;
      /** Aborts when the stream must be over (its deadline, or the caller gone); set by the engine. */
      deadline?: AbortSignal;
    };
