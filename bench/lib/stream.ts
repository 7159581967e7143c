import { request } from 'node:http';

export interface StreamOutcome {
  status: number;
  /** Record lines, the count line and any error line excluded. */
  records: number;
  lastLine: Record<string, unknown> | undefined;
  /** Lines that are {"error": ...}, kept whole (there is at most one). */
  errors: Record<string, unknown>[];
  bytes: number;
  ms: number;
}

/** Calls a streaming card and reads the NDJSON answer, counting lines without keeping them. */
export function streamCard(url: string, headers: Record<string, string>, body: unknown): Promise<StreamOutcome> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let lines = 0;
      let bytes = 0;
      let tail = '';
      let lastLine: Record<string, unknown> | undefined;
      const errors: Record<string, unknown>[] = [];
      const take = (line: string): void => {
        if (line.startsWith('{"error"')) errors.push(JSON.parse(line) as Record<string, unknown>);
        else if (line.startsWith('{"Records Streamed"')) lastLine = JSON.parse(line) as Record<string, unknown>;
        else lines += 1;
      };
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        const text = tail + chunk.toString('utf8');
        const parts = text.split('\n');
        tail = parts.pop() ?? '';
        for (const line of parts) if (line) take(line);
      });
      res.on('end', () => {
        if (tail) take(tail);
        resolve({ status: res.statusCode ?? 0, records: lines, lastLine, errors, bytes, ms: performance.now() - started });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}
