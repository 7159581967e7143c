import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/**
 * The listening socket around the app, with the limits that protect it from slow clients
 * (slowloris): a caller that has not finished its headers by headersTimeoutMs, or its whole
 * request by requestTimeoutMs, is cut off. main.ts and the tests share this, so the tests
 * prove the settings production runs with.
 */

export interface ServerLimits {
  headersTimeoutMs: number;
  /** Covers a whole request including a streamed answer's upload side, not the answer itself. */
  requestTimeoutMs: number;
  /** Idle keep-alive sockets from callers are closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above; it bounds how late a slow client is cut off. */
  checkIntervalMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

export interface StartedServer {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

export async function startServer(app: Express, port: number, host?: string, limits: Partial<ServerLimits> = {}): Promise<StartedServer> {
  const l = { ...DEFAULT_SERVER_LIMITS, ...limits };
  const server = http.createServer(
    { headersTimeout: l.headersTimeoutMs, requestTimeout: l.requestTimeoutMs, connectionsCheckingInterval: l.checkIntervalMs },
    app,
  );
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = (): void => {
      server.off('error', reject);
      resolve();
    };
    if (host === undefined) server.listen(port, done);
    else server.listen(port, host, done);
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
