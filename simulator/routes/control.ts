/**
 * /_sim: the switches a test or the demo flips over HTTP (faults, the request log, rate
 * limits). Not under a tenant and without auth, because it is not part of SmartHR.
 */
import { Router, json } from 'express';
import type { SimulatorContext } from '../context.ts';
import { invalidField } from '../errors.ts';
import { FAULT_KINDS, type FaultKind, type FaultRule } from '../http/faults.ts';
import { bodyOf, searchParams } from '../http/query.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import type { Json } from '../json.ts';

const R = 'fault';
const RATE_LIMIT_KEYS = ['perSecond', 'perHour', 'perTenantPerMinute'] as const satisfies ReadonlyArray<keyof RateLimits>;

function optionalString(value: Json | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidField(R, field, `${field} must be a string`);
  return value;
}

function optionalNumber(value: Json | undefined, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value >= 0)) throw invalidField(R, field, `${field} must be a non-negative number`);
  return value;
}

function ruleFrom(body: Record<string, Json>): FaultRule {
  const kind = optionalString(body.kind, 'kind');
  const knownKind = FAULT_KINDS.find((k) => k === kind);
  if (kind !== undefined && !knownKind) throw invalidField(R, 'kind', `kind must be one of ${FAULT_KINDS.join(', ')}`);
  const pattern = optionalString(body.pathPattern, 'pathPattern');
  const rule: FaultRule = {};
  const assign = <K extends keyof FaultRule>(key: K, value: FaultRule[K] | undefined): void => {
    if (value !== undefined) rule[key] = value;
  };
  assign('method', optionalString(body.method, 'method'));
  assign('path', pattern !== undefined ? new RegExp(pattern) : optionalString(body.path, 'path'));
  assign('tenant', optionalString(body.tenant, 'tenant'));
  assign('times', optionalNumber(body.times, 'times'));
  assign('latencyMs', optionalNumber(body.latencyMs, 'latencyMs'));
  assign('kind', knownKind as FaultKind | undefined);
  assign('status', optionalNumber(body.status, 'status'));
  assign('slowBodyMs', optionalNumber(body.slowBodyMs, 'slowBodyMs'));
  return rule;
}

const describe = (rule: FaultRule): Record<string, Json> => ({
  ...rule,
  path: rule.path instanceof RegExp ? rule.path.source : (rule.path ?? null),
});

export function controlRouter(ctx: SimulatorContext): Router {
  const router = Router();
  router.use(json({ limit: '100kb' }));

  router.get('/faults', (_req, res) => {
    res.json(ctx.faults.list().map(describe));
  });
  router.post('/faults', (req, res) => {
    const rule = ruleFrom(bodyOf(req));
    ctx.faults.set(rule);
    res.status(201).json(describe(rule));
  });
  router.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const query = searchParams(req);
    const filter = {
      ...(query.get('method') ? { method: query.get('method') ?? '' } : {}),
      ...(query.get('path') ? { path: query.get('path') ?? '' } : {}),
      ...(query.get('tenant') ? { tenant: query.get('tenant') ?? '' } : {}),
    };
    res.json(ctx.requests.entries(filter));
  });
  router.delete('/requests', (_req, res) => {
    ctx.requests.clear();
    res.status(204).end();
  });

  // Limits travel as numbers, null meaning "no limit" (JSON has no Infinity).
  router.get('/rate-limit', (_req, res) => {
    const limits = ctx.rateLimiter.current();
    res.json(Object.fromEntries(RATE_LIMIT_KEYS.map((key) => [key, Number.isFinite(limits[key]) ? limits[key] : null])));
  });
  router.put('/rate-limit', (req, res) => {
    const body = bodyOf(req);
    const limits: Partial<RateLimits> = {};
    for (const key of RATE_LIMIT_KEYS) {
      const value = body[key] === null ? Number.POSITIVE_INFINITY : optionalNumber(body[key], key);
      if (value !== undefined) limits[key] = value;
    }
    ctx.rateLimiter.set(limits);
    ctx.rateLimiter.reset();
    res.status(204).end();
  });

  return router;
}
