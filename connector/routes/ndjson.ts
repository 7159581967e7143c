import { once } from 'node:events';
import type { Response } from 'express';
import type { CardResult } from '../engine/engine.ts';
import { isServiceError, ServiceError } from '../errors.ts';
import { streamTurn } from './stream-turns.ts';

/**
 * Writes a streamed result set as NDJSON: one record per line, then {"Records Streamed": n}.
 * Streams share the event loop (streamTurn) so that many of them cannot crowd out other requests.
 * Waiting for 'drain' lets a slow reader slow the upstream paging instead of filling memory; the
 * wait ends with the stream's deadline too, so a reader that stops reading cannot hold the stream
 * (and its place in the upstream pool) for ever. An upstream failure after the first line can no
 * longer change the status, so it ends the stream with an {"error": ...} line instead of the count.
 */
export async function writeNdjson(res: Response, stream: Extract<CardResult, { kind: 'stream' }>, callerGone: AbortSignal): Promise<void> {
  res.status(200).type('application/x-ndjson');
  res.setHeader('cache-control', 'no-store');
  // The engine's deadline fires when the caller goes too (deadlineAfter), so it alone ends a 'drain' wait.
  const stop = stream.deadline ?? callerGone;
  let count = 0;
  try {
    for await (const record of stream.records) {
      if (callerGone.aborted) return;
      if (!res.write(`${JSON.stringify(record)}\n`)) await once(res, 'drain', { signal: stop });
      count += 1;
      await streamTurn();
    }
    res.end(`${JSON.stringify({ 'Records Streamed': count, ...stream.summary?.() })}\n`);
  } catch (error) {
    if (callerGone.aborted) return;
    // The deadline passed while the reader was not reading: no last line could reach it either.
    if (res.writableNeedDrain) {
      res.destroy();
      return;
    }
    const known = isServiceError(error) ? error : new ServiceError(502, 'upstream_error', 'The stream failed while reading from SmartHR.');
    if (!isServiceError(error)) res.locals.logger.error({ err: error }, 'stream failed');
    res.end(`${JSON.stringify(known.toEnvelope())}\n`);
  }
}
