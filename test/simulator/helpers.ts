import request from 'supertest';
import type { RunningSimulator, SimulatorOptions } from '../../simulator/index.ts';
import { startSimulator } from '../../simulator/index.ts';

export const BEARER = { Authorization: 'Bearer demo-token' };
export const READONLY = { Authorization: 'Bearer demo-readonly' };

/**
 * These tests call the simulator directly, many times a second, with no client in between that
 * paces itself from the rate-limit headers; so they opt out of the per-second window, which
 * rate-limit.test.ts covers (its default included).
 */
export const NO_PER_SECOND_LIMIT = { perSecond: Number.POSITIVE_INFINITY } as const;

/** Starts one simulator for a describe block and closes it afterwards. */
export function useSimulator(options: SimulatorOptions = {}): { readonly sim: RunningSimulator } {
  const holder: { sim: RunningSimulator | null } = { sim: null };
  before(async () => {
    holder.sim = await startSimulator({ quiet: true, ...options, rateLimit: { ...NO_PER_SECOND_LIMIT, ...options.rateLimit } });
  });
  after(async () => {
    await holder.sim?.close();
  });
  return {
    get sim(): RunningSimulator {
      if (!holder.sim) throw new Error('simulator not started');
      return holder.sim;
    },
  };
}

/** supertest against one tenant's SmartHR base URL, as the connector sees it. */
export function tenantApi(sim: RunningSimulator, tenant = 'demo') {
  return request(`${sim.url}/${tenant}`);
}

export interface LinkSet {
  [rel: string]: URL;
}

export function parseLink(header: string | undefined): LinkSet {
  const links: LinkSet = {};
  for (const part of (header ?? '').split(',')) {
    const match = /<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
    if (match?.[1] && match[2]) links[match[2]] = new URL(match[1]);
  }
  return links;
}

export interface CrewJson {
  id: string;
  [key: string]: unknown;
}

export function asCrews(body: unknown): CrewJson[] {
  if (!Array.isArray(body)) throw new Error('expected a JSON array');
  return body as CrewJson[];
}
