import { Router } from 'express';
import type { SharedStateStatus } from '../shared-state/shared-state.ts';

/**
 * Always 200, so a load balancer keeps a replica that works without Redis. With shared state
 * (REDIS_URL) the body also says whether Redis is reachable: "degraded" means this replica paces
 * SmartHR calls and counts the inbound limit on its own until Redis is back.
 */
export function healthRoutes(sharedStateStatus?: () => SharedStateStatus): Router {
  return Router().get('/health', (_req, res) => {
    if (!sharedStateStatus) {
      res.json({ status: 'ok' });
      return;
    }
    const redis = sharedStateStatus();
    res.json({ status: redis === 'connected' ? 'ok' : 'degraded', redis });
  });
}
