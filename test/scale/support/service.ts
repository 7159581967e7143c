import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Express } from 'express';

type Json = Record<string, unknown>;

/**
 * The service on a real loopback port. Supertest buffers whole answers; these tests need to read
 * a stream line by line, pause it, or walk away from it, so they speak plain node:http.
 */
export interface ListeningService {
  url: string;
  /** Server-side sockets, to see how many bytes the service has handed to a paused reader. */
  sockets: Socket[];
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<ListeningService> {
  const server: Server = createServer(app);
  const sockets: Socket[] = [];
  server.on('connection', (socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** POSTs a card call and resolves with the response as soon as its headers arrive. */
export function postCard(baseUrl: string, cardId: string, headers: Record<string, string>, body: Json): Promise<IncomingMessage> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}/cards/${cardId}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), connection: 'close' },
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(payload);
  });
}

/** Every NDJSON line of a streamed answer, parsed. */
export async function readLines(res: IncomingMessage): Promise<Json[]> {
  let text = '';
  res.setEncoding('utf8');
  for await (const chunk of res) text += chunk as string;
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Json);
}

/** The streamed records and the last line, checked to be the count line. */
export function splitStream(lines: Json[]): { records: Json[]; last: Json | undefined } {
  return { records: lines.slice(0, -1), last: lines.at(-1) };
}

/** Polls `check` until it holds, failing after `limitMs`. */
export const until = async (check: () => boolean | Promise<boolean>, what: string, limitMs = 10_000): Promise<void> => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
