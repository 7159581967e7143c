import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ServiceError } from '../../errors.ts';
import { parseCredentials } from '../../smarthr/connection.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * When the operator sets CONNECTOR_API_KEY, every caller must send it: in X-Connector-Key, or as
 * the user name of Basic auth whose password is the SmartHR token (an Okta API Connector
 * connection). Comparing digests keeps the comparison constant-time whatever the lengths.
 */
export function requireApiKey(apiKey: string) {
  const expected = digest(apiKey);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const given = parseCredentials(req.headers).connectorKey ?? '';
    if (timingSafeEqual(digest(given), expected)) return next();
    next(new ServiceError(401, 'unauthorized', 'Missing or wrong connector key: send it in the X-Connector-Key header, or as the user name of Basic auth.'));
  };
}
