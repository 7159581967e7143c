import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Locals {
    logger: Logger;
    requestId: string;
    /** Aborts when the caller disconnects before the answer is complete. */
    callerGone: AbortSignal;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Request id, a per-request logger, a disconnect signal, and one log line per request. */
export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const tenant = req.get('x-smarthr-tenant-id')?.slice(0, 63);
    const gone = new AbortController();
    res.locals.requestId = requestId;
    res.locals.logger = logger.child({ requestId, tenant });
    res.locals.callerGone = gone.signal;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort(new Error('caller disconnected'));
      res.locals.logger.info(
        { method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, aborted: !res.writableFinished },
        'request',
      );
    });
    next();
  };
}
