import type { NextFunction, Request, Response } from 'express';
import { ServiceError, isServiceError } from '../../errors.ts';

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new ServiceError(404, 'not_found', `No route ${req.method} ${req.path.slice(0, 100)}.`));
}

/**
 * Every error answer is the envelope of DESIGN.md section 5. Anything that is not a ServiceError
 * is a bug: it is logged, and the caller gets a generic 500 that cannot leak internals.
 */
export function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const known = isServiceError(error) ? error : new ServiceError(500, 'internal', 'The connector failed unexpectedly; the error was logged.');
  if (!isServiceError(error)) res.locals.logger?.error({ err: error }, 'unexpected error');
  else res.locals.logger?.info({ status: known.status, code: known.code }, 'card call refused');
  if (res.headersSent) {
    res.end();
    return;
  }
  if (known.retryAfter !== undefined) res.setHeader('Retry-After', String(known.retryAfter));
  res.status(known.status).json(known.toEnvelope());
}
