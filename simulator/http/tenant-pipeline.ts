/**
 * What happens to every API request before its route: logged, tenant resolved, rate-limit
 * headers set (on every answer of a tenant, errors included, as SmartHR does since 2021-10-18),
 * test hooks run, faults applied, and over-limit requests refused with 429 code 6 and
 * Retry-After.
 */
import type { NextFunction, Request, Response } from 'express';
import type { SimulatorContext } from '../context.ts';
import { SmartHRError } from '../errors.ts';
import { presentedToken } from './auth.ts';
import { applyFault } from './fault-middleware.ts';
import { queryRecord } from './query.ts';

/**
 * A subdomain that is no SmartHR tenant is not answered by SmartHR's API (UNCONFIRMED what it
 * is: a DNS failure or a web page); the simulator answers the way a web server would, so a
 * connector cannot mistake a wrong Tenant ID for a SmartHR "not found".
 */
const UNKNOWN_TENANT_PAGE =
  '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>ページが見つかりません</title></head><body><h1>お探しのページは見つかりませんでした</h1></body></html>';

export function tenantPipeline(ctx: SimulatorContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const tenantParam: unknown = req.params.tenant;
    const tenant = typeof tenantParam === 'string' ? tenantParam : '';
    const info = { method: req.method, path: req.path, query: queryRecord(req), tenant };
    const entry = ctx.requests.add({ ...info, status: 0, at: new Date().toISOString() });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const store = ctx.tenants.get(tenant);
    if (!store) {
      res.status(404).type('text/html').send(UNKNOWN_TENANT_PAGE);
      return;
    }
    res.locals.tenant = store;
    const rate = ctx.rateLimiter.hit(tenant, presentedToken(req) ?? '');
    for (const [name, value] of Object.entries(rate.headers)) res.setHeader(name, value);

    for (const hook of ctx.hooks) await hook({ ...info, query: { ...info.query } }, store);

    const rule = ctx.faults.take(req.method, req.path, tenant);
    if (rule) {
      await applyFault(rule, req, res, guardedNext(rate.retryAfter, res, next), ctx.lifecycle);
      return;
    }
    guardedNext(rate.retryAfter, res, next)();
  };
}

/**
 * Continuing to the route is refused with 429 when the caller is over a limit. Retry-After is
 * when the last spent window starts over, the same rule as the rateLimited fault's 429.
 */
function guardedNext(retryAfter: number | null, res: Response, next: NextFunction): NextFunction {
  return ((err?: unknown) => {
    if (err !== undefined) next(err);
    else if (retryAfter !== null) {
      res.setHeader('retry-after', String(retryAfter));
      next(new SmartHRError('too_many_requests'));
    } else next();
  }) as NextFunction;
}
