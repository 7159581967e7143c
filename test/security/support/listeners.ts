import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback listener playing the attacker: anything that connects to it (plain HTTP, a TLS
 * hello, a bare TCP connect) is counted and the socket dropped. Tests assert it stays at zero.
 */
export interface Attacker {
  port: number;
  connections: number;
  bytes: number;
  close(): Promise<void>;
}

export async function startAttacker(): Promise<Attacker> {
  const sockets = new Set<net.Socket>();
  const attacker: Attacker = { port: 0, connections: 0, bytes: 0, close: async () => undefined };
  const server = net.createServer((socket) => {
    attacker.connections += 1;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      attacker.bytes += chunk.length;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  attacker.port = (server.address() as AddressInfo).port;
  attacker.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return attacker;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole answer as received, for searching. */
  raw: string;
}

/**
 * Sends bytes exactly as given (header values with control characters, non-ASCII bytes,
 * repeated headers: things an HTTP client library refuses to send) and reads the answer
 * until the server closes.
 */
export function rawRequest(port: number, bytes: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n'), raw });
    });
    socket.end(bytes);
  });
}

/** A POST with a JSON body, built by hand so header values can be anything. */
export function rawPost(path: string, headerLines: string[], json: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(json));
  const head = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close', 'Content-Type: application/json', `Content-Length: ${body.length}`, ...headerLines].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'utf8'), body]);
}
