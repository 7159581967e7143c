import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ServiceError } from '../../errors.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * When the operator sets CONNECTOR_API_KEY, every caller must send it in X-Connector-Key.
 * Comparing digests keeps the comparison constant-time whatever the lengths.
 */
export function requireApiKey(apiKey: string) {
  const expected = digest(apiKey);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const given = req.get('x-connector-key') ?? '';
    if (timingSafeEqual(digest(given), expected)) return next();
    next(new ServiceError(401, 'unauthorized', 'Missing or wrong X-Connector-Key header.'));
  };
}
