import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/**
 * Keep-alive agents per upstream origin, shared by every client for that origin, so card calls
 * reuse warm TLS connections instead of paying a handshake each.
 */

// Shorter than the 5 s keep-alive of common servers, so we drop an idle socket before the
// server does and rarely write into one it is closing (nodejs/node#47130).
const FREE_SOCKET_TIMEOUT_MS = 4_000;
export const MAX_SOCKETS_PER_ORIGIN = 16;
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

/** At most this many origins keep an agent; the least recently used is destroyed beyond it. */
export const MAX_POOLED_ORIGINS = 256;

function inUse(agent: http.Agent): boolean {
  const busy = (lists: NodeJS.ReadOnlyDict<unknown[]>): boolean => Object.values(lists).some((list) => (list?.length ?? 0) > 0);
  return busy(agent.sockets) || busy(agent.requests);
}

/** Destroys the agent (and its keep-alive sockets) once no request of its own is still running. */
function retire(agent: http.Agent): void {
  if (!inUse(agent)) {
    agent.destroy();
    return;
  }
  const check = (): void => {
    // 'free' fires before the agent files the socket away; look once it has.
    setImmediate(() => {
      if (inUse(agent)) return;
      agent.off('free', check);
      agent.destroy();
    });
  };
  agent.on('free', check);
}

interface AgentLease {
  agent: http.Agent;
  /** Once the request is over: `answered` when the origin answered without refusing the token. */
  settle(answered: boolean): void;
}

/**
 * Keep-alive agents by origin, bounded. An origin earns a pooled agent only by answering without
 * refusing the token: until then each request has an agent of its own, destroyed after it, so
 * Tenant IDs that do not resolve or tokens SmartHR refuses cost nothing that outlives their call.
 */
class AgentPool {
  private readonly agents = new Map<string, http.Agent>();

  constructor(private readonly maxOrigins: number = MAX_POOLED_ORIGINS) {}

  get size(): number {
    return this.agents.size;
  }

  lease(url: URL): AgentLease {
    const origin = url.origin;
    const pooled = this.agents.get(origin);
    if (pooled) {
      // Re-inserted to keep the map in least-recently-used order.
      this.agents.delete(origin);
      this.agents.set(origin, pooled);
      return { agent: pooled, settle: () => undefined };
    }
    const agent = url.protocol === 'https:' ? new HttpsUpstreamAgent(agentOptions) : new HttpUpstreamAgent(agentOptions);
    return {
      agent,
      settle: (answered) => {
        if (answered && !this.agents.has(origin)) this.admit(origin, agent);
        else retire(agent);
      },
    };
  }

  /** Closes every pooled socket; for shutdown and tests. */
  destroy(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private admit(origin: string, agent: http.Agent): void {
    this.agents.set(origin, agent);
    if (this.agents.size <= this.maxOrigins) return;
    const [oldest, evicted] = this.agents.entries().next().value as [string, http.Agent];
    this.agents.delete(oldest);
    retire(evicted);
  }
}

/** The process's pool, shared by every client. */
export const upstreamAgents = new AgentPool();

/** Closes every pooled socket; for shutdown and tests. */
export function destroyAgents(): void {
  upstreamAgents.destroy();
}
