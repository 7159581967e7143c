import { once } from 'node:events';
import type { Response } from 'express';
import { isServiceError, ServiceError } from '../errors.ts';

/**
 * Writes a streamed result set as NDJSON: one record per line, then {"Records Streamed": n}.
 * Waiting for 'drain' lets a slow reader slow the upstream paging instead of filling memory.
 * An upstream failure after the first line can no longer change the status, so it ends the
 * stream with an {"error": ...} line instead of the count.
 */
export async function writeNdjson(res: Response, records: AsyncIterable<Record<string, unknown>>, signal: AbortSignal, summary?: () => Record<string, unknown>): Promise<void> {
  res.status(200).type('application/x-ndjson');
  res.setHeader('cache-control', 'no-store');
  let count = 0;
  try {
    for await (const record of records) {
      if (signal.aborted) return;
      if (!res.write(`${JSON.stringify(record)}\n`)) await once(res, 'drain', { signal });
      count += 1;
    }
    res.end(`${JSON.stringify({ 'Records Streamed': count, ...summary?.() })}\n`);
  } catch (error) {
    if (signal.aborted) return;
    const known = isServiceError(error) ? error : new ServiceError(502, 'upstream_error', 'The stream failed while reading from SmartHR.');
    if (!isServiceError(error)) res.locals.logger.error({ err: error }, 'stream failed');
    res.end(`${JSON.stringify(known.toEnvelope())}\n`);
  }
}
