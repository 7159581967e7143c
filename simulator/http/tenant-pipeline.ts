/**
 * What happens to every API request before its route: logged, rate-limit headers set (on
 * every answer, errors included, as SmartHR does since 2021-10-18), tenant resolved, test
 * hooks run, faults applied, and over-limit requests refused with 429 code 6.
 */
import type { NextFunction, Request, Response } from 'express';
import type { SimulatorContext } from '../context.ts';
import { SmartHRError } from '../errors.ts';
import { presentedToken } from './auth.ts';
import { applyFault } from './fault-middleware.ts';
import { queryRecord } from './query.ts';

export function tenantPipeline(ctx: SimulatorContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const tenantParam: unknown = req.params.tenant;
    const tenant = typeof tenantParam === 'string' ? tenantParam : '';
    const info = { method: req.method, path: req.path, query: queryRecord(req), tenant };
    const entry = ctx.requests.add({ ...info, status: 0, at: new Date().toISOString() });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const rate = ctx.rateLimiter.hit(`${tenant}\n${presentedToken(req) ?? ''}`);
    for (const [name, value] of Object.entries(rate.headers)) res.setHeader(name, value);

    const store = ctx.tenants.get(tenant);
    if (!store) throw new SmartHRError('not_found');
    res.locals.tenant = store;

    for (const hook of ctx.hooks) await hook({ ...info, query: { ...info.query } }, store);

    const rule = ctx.faults.take(req.method, req.path, tenant);
    if (rule) {
      await applyFault(rule, req, res, guardedNext(rate.limited, next), ctx.lifecycle);
      return;
    }
    guardedNext(rate.limited, next)();
  };
}

/** Continuing to the route is refused with 429 when the caller is over a limit. */
function guardedNext(limited: boolean, next: NextFunction): NextFunction {
  return ((err?: unknown) => {
    if (err !== undefined) next(err);
    else if (limited) next(new SmartHRError('too_many_requests'));
    else next();
  }) as NextFunction;
}
