/**
 * SmartHR's three ways of presenting a token (reference section 2): Bearer, Basic with the
 * token as user name and an empty password, and the `access_token` query parameter.
 */
import type { NextFunction, Request, Response } from 'express';
import { SmartHRError } from '../errors.ts';
import { allows, type SmartHRResource, type TokenPermissions } from '../store/permissions.ts';
import type { TenantStore } from '../store/tenant-store.ts';
import { searchParams } from './query.ts';

export function presentedToken(req: Request): string | null {
  const header = req.get('authorization');
  if (header) {
    const [scheme, value] = header.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer' && value) return value;
    if (scheme?.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon === -1 ? decoded : decoded.slice(0, colon);
      return user || null;
    }
    return null;
  }
  return searchParams(req).get('access_token');
}

export function tenantOf(res: Response): TenantStore {
  const store: unknown = res.locals.tenant;
  if (!store) throw new Error('tenant middleware did not run');
  return store as TenantStore;
}

/** 401 for a missing/unknown token; 403 code 3 when the token lacks the resource permission. */
export function requireAccess(resource: SmartHRResource) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = presentedToken(req);
    const permissions: TokenPermissions | undefined = token ? tenantOf(res).permissionsFor(token) : undefined;
    if (!permissions) throw new SmartHRError('unauthorized_token');
    const access = req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'update';
    if (!allows(permissions, resource, access)) throw new SmartHRError('forbidden');
    next();
  };
}
