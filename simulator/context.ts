/** Everything the HTTP layer of one running simulator shares. */
import type { FaultController } from './http/faults.ts';
import type { Lifecycle } from './http/lifecycle.ts';
import type { PerPageOverMax } from './http/pagination.ts';
import type { RateLimiter } from './http/rate-limit.ts';
import type { RequestLog } from './http/request-log.ts';
import type { TenantStore } from './store/tenant-store.ts';

export interface RequestInfo {
  method: string;
  /** The path after the tenant, e.g. '/api/v1/crews'. */
  path: string;
  query: Record<string, string>;
  tenant: string;
}

export type RequestHook = (info: RequestInfo, store: TenantStore) => void | Promise<void>;

export interface SimulatorContext {
  tenants: Map<string, TenantStore>;
  faults: FaultController;
  requests: RequestLog;
  rateLimiter: RateLimiter;
  hooks: Set<RequestHook>;
  lifecycle: Lifecycle;
  perPageOverMax: PerPageOverMax;
  quiet: boolean;
}
