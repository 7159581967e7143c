/**
 * startSimulator(): the programmatic SmartHR simulator the tests, the demo and the benchmarks
 * start. Everything a test needs to arrange or observe hangs off the returned object: direct
 * store access per tenant, fault switches, the request log, rate limits and request hooks.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulatorApp } from './app.ts';
import type { RequestHook, SimulatorContext } from './context.ts';
import { FaultController } from './http/faults.ts';
import { Lifecycle } from './http/lifecycle.ts';
import type { PerPageOverMax } from './http/pagination.ts';
import { RateLimiter, type RateLimits } from './http/rate-limit.ts';
import { RequestLog } from './http/request-log.ts';
import { seedTenant } from './seed/seed-tenant.ts';
import { TenantStore } from './store/tenant-store.ts';

export type { RequestHook, RequestInfo } from './context.ts';
export type { FaultKind, FaultRule } from './http/faults.ts';
export { FaultController } from './http/faults.ts';
export type { RequestLogEntry, RequestLogFilter } from './http/request-log.ts';
export { RequestLog } from './http/request-log.ts';
export type { RateLimits } from './http/rate-limit.ts';
export type { SmartHRResource, TokenPermissions, ResourcePermission } from './store/permissions.ts';
export { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, RESOURCES } from './store/permissions.ts';
export { TenantStore } from './store/tenant-store.ts';

export interface TenantOptions {
  /** Seeded employee count (default 250). */
  employees?: number;
  /** PRNG seed; default derived from the tenant name, so tenants differ but stay stable. */
  seed?: number;
}

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  tenants?: Record<string, TenantOptions>;
  /**
   * Defaults (DEFAULT_RATE_LIMITS): 10 per second and 5000 per hour per tenant+token, as
   * SmartHR is said to limit; no per-tenant window. Infinity switches a window off.
   */
  rateLimit?: Partial<RateLimits>;
  perPageOverMax?: PerPageOverMax;
  quiet?: boolean;
}

export interface RunningSimulator {
  /** 'http://127.0.0.1:PORT'; a tenant's SmartHR base is `${url}/${tenant}`. */
  url: string;
  port: number;
  close(): Promise<void>;
  faults: FaultController;
  requests: RequestLog;
  tenant(name: string): TenantStore;
  /** Changes the limits (Infinity = off) and restarts every window. */
  setRateLimit(limits: Partial<RateLimits>): void;
  /** Runs before each API request is handled; returns a function that unregisters it. */
  onRequest(hook: RequestHook): () => void;
}

export const DEFAULT_EMPLOYEES = 250;
/**
 * The numbers SmartHR is said to use (UNCONFIRMED, reference section 4): realistic by default,
 * so a client that does not pace itself from the headers is refused here as it would be there.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { perSecond: 10, perHour: 5000, perTenantPerMinute: Number.POSITIVE_INFINITY };

function seedFromName(name: string): number {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 16777619);
  return hash >>> 0;
}

export function createTenant(name: string, options: TenantOptions = {}): TenantStore {
  const store = new TenantStore(name);
  seedTenant(store, { employees: options.employees ?? DEFAULT_EMPLOYEES, seed: options.seed ?? seedFromName(name) });
  return store;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const tenantOptions = options.tenants ?? { demo: { employees: DEFAULT_EMPLOYEES } };
  const tenants = new Map<string, TenantStore>();
  for (const [name, opts] of Object.entries(tenantOptions)) tenants.set(name, createTenant(name, opts));

  const ctx: SimulatorContext = {
    tenants,
    faults: new FaultController(),
    requests: new RequestLog(),
    rateLimiter: new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimit }),
    hooks: new Set(),
    lifecycle: new Lifecycle(),
    perPageOverMax: options.perPageOverMax ?? 'clamp',
    quiet: options.quiet ?? false,
  };

  const server = createServer(createSimulatorApp(ctx));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    faults: ctx.faults,
    requests: ctx.requests,
    tenant(name: string): TenantStore {
      const store = tenants.get(name);
      if (!store) throw new Error(`unknown simulator tenant: ${name}`);
      return store;
    },
    setRateLimit(limits): void {
      ctx.rateLimiter.set(limits);
      ctx.rateLimiter.reset();
    },
    onRequest(hook: RequestHook): () => void {
      ctx.hooks.add(hook);
      return () => {
        ctx.hooks.delete(hook);
      };
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        ctx.lifecycle.close();
        server.close(() => resolve());
        // Hung, trickling and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
