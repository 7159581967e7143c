import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SmartHRClient, type SmartHRClientOptions } from '../../../connector/smarthr/client.ts';
import { upstreamApiBase } from '../../../connector/smarthr/connection.ts';
import { createLogger } from '../../../connector/logging.ts';

/** A loopback HTTP server standing in for SmartHR, recording what reached it. */

export const CANARY = 'SECRET-CANARY-7f3a9c1e';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type StubHandler = (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void;

export interface Stub {
  port: number;
  origin: string;
  seen: SeenRequest[];
  connections: number;
  server: http.Server;
  close(): Promise<void>;
}

export async function startStub(handler: StubHandler, configure?: (server: http.Server) => void): Promise<Stub> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const index = seen.length;
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      handler(req, res, index);
    });
  });
  configure?.(server);
  const stub: Stub = {
    port: 0,
    origin: '',
    seen,
    connections: 0,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    stub.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.port = (server.address() as AddressInfo).port;
  stub.origin = `http://127.0.0.1:${stub.port}`;
  return stub;
}

/** A raw TCP server for faults http.Server cannot produce (silence, resets at chosen bytes). */
export interface RawStub {
  port: number;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

export async function startRawStub(onData: (socket: net.Socket, chunk: Buffer, stub: RawStub) => void): Promise<RawStub> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    stub.connections += 1;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => onData(socket, chunk, stub));
  });
  const stub: RawStub = {
    port: 0,
    connections: 0,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.port = (server.address() as AddressInfo).port;
  return stub;
}

export function jsonResponse(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function smarthrError(res: http.ServerResponse, status: number, code: number, type: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): void {
  jsonResponse(res, status, { code, type, message, errors: null, ...extra }, headers);
}

/** Captures every log line as text. */
export function captureLogs(): { lines: string[]; logger: ReturnType<typeof createLogger>; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream, logger: createLogger({ destination: stream }) };
}

export function apiBaseFor(port: number, tenant = 'acme'): URL {
  return upstreamApiBase({ accountType: 'sandbox', tenantId: tenant }, `http://127.0.0.1:${port}/{tenant}`);
}

export function clientFor(port: number, options: Partial<SmartHRClientOptions> = {}): SmartHRClient {
  return new SmartHRClient({ apiBase: apiBaseFor(port), accessToken: CANARY, ...options });
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}
