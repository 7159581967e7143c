import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { ServiceError } from '../../errors.ts';
import { accessTokenFrom } from '../../smarthr/connection.ts';

/**
 * Inbound limit on card calls, per SmartHR tenant + access token. Not per IP: every Workflows
 * tenant calls from Okta's shared egress, so an IP key would throttle unrelated customers
 * together (reliability-perf-hris.md A3). The token is only ever held as a hash in the key.
 * The counts live in this process's memory, or in `store` (Redis, shared by the replicas).
 */

export interface InboundRateLimit {
  windowMs: number;
  /** Card calls per window for one tenant + token. */
  limit: number;
}

// SmartHR itself allows 10 requests/second per token; twice that inbound still lets a burst of
// cheap card calls through while stopping one connection from starving the others.
export const DEFAULT_INBOUND_RATE_LIMIT: InboundRateLimit = { windowMs: 60_000, limit: 1_200 };

const MAX_TENANT_KEY_LENGTH = 63;

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

/**
 * `tenant|sha256(token)`, the token as the connection parses it (so "bearer", "BEARER  " and
 * "Bearer" are one key); calls without a token the engine would accept share `tenant|-` (the
 * engine refuses them before SmartHR is called). The tenant is not validated here either.
 */
export function rateLimitKey(req: Request): string {
  const tenant = headerText(req.headers['x-smarthr-tenant-id']).trim().toLowerCase().slice(0, MAX_TENANT_KEY_LENGTH);
  const token = accessTokenFrom(req.headers);
  return `${tenant}|${token === undefined ? '-' : createHash('sha256').update(token).digest('base64url')}`;
}

function secondsUntil(resetTime: Date | undefined, windowMs: number): number {
  const ms = resetTime ? resetTime.getTime() - Date.now() : windowMs;
  return Math.max(1, Math.ceil(ms / 1000));
}

export function inboundRateLimit(settings: InboundRateLimit, store?: Store) {
  return rateLimit({
    ...(store ? { store } : {}),
    windowMs: settings.windowMs,
    limit: settings.limit,
    // Catalog reads (GET /cards) carry no connection and cost SmartHR nothing.
    skip: (req) => req.method !== 'POST',
    keyGenerator: rateLimitKey,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req: Request, _res: Response, next: NextFunction) => {
      const retryAfter = secondsUntil((req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime, settings.windowMs);
      next(new ServiceError(429, 'rate_limited', 'Too many card calls for this SmartHR tenant and access token; retry later.', [], retryAfter));
    },
  });
}
