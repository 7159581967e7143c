import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/**
 * One keep-alive agent per upstream origin, shared by every client for that origin, so card
 * calls reuse warm TLS connections instead of paying a handshake each.
 */

// Shorter than the 5 s keep-alive of common servers, so we drop an idle socket before the
// server does and rarely write into one it is closing (nodejs/node#47130).
const FREE_SOCKET_TIMEOUT_MS = 4_000;
const MAX_SOCKETS_PER_ORIGIN = 16;
// A connect that fails this way provably sent nothing, which makes even a POST safe to retry.
export const CONNECT_TIMEOUT_MS = 3_000;
export const CONNECT_TIMEOUT_CODE = 'ETIMEDOUT';

const agentOptions: http.AgentOptions = {
  keepAlive: true,
  maxSockets: MAX_SOCKETS_PER_ORIGIN,
  maxFreeSockets: MAX_SOCKETS_PER_ORIGIN,
  timeout: FREE_SOCKET_TIMEOUT_MS,
  scheduling: 'lifo',
};

function armConnectTimeout(socket: Duplex | null | undefined, connectEvent: string): void {
  if (!socket) return;
  const timer = setTimeout(() => {
    const error = Object.assign(new Error('connect timed out'), { code: CONNECT_TIMEOUT_CODE, syscall: 'connect' });
    socket.destroy(error);
  }, CONNECT_TIMEOUT_MS);
  const clear = (): void => clearTimeout(timer);
  socket.once(connectEvent, clear);
  socket.once('close', clear);
}

class HttpUpstreamAgent extends http.Agent {
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    armConnectTimeout(socket, 'connect');
    return socket;
  }
}

class HttpsUpstreamAgent extends https.Agent {
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    armConnectTimeout(socket, 'secureConnect');
    return socket;
  }
}

const agents = new Map<string, http.Agent>();

export function agentFor(url: URL): http.Agent {
  const existing = agents.get(url.origin);
  if (existing) return existing;
  const agent = url.protocol === 'https:' ? new HttpsUpstreamAgent(agentOptions) : new HttpUpstreamAgent(agentOptions);
  agents.set(url.origin, agent);
  return agent;
}

/** Closes every pooled socket; for shutdown and tests. */
export function destroyAgents(): void {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
