import express, { type NextFunction, type Request, type Response } from 'express';
import { ServiceError } from '../../errors.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/** POST bodies are JSON or nothing: other content types are refused before parsing. */
function requireJson(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (req.method === 'POST' && hasBody && !req.is('application/json')) {
    return next(new ServiceError(415, 'unsupported_media_type', 'Send the card call as application/json.'));
  }
  next();
}

/** body-parser's own errors become the service's envelope (without echoing the body). */
function translateParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return next(new ServiceError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`));
  if (type === 'entity.parse.failed') return next(new ServiceError(400, 'invalid_input', 'The request body is not valid JSON.'));
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return next(new ServiceError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON.'));
  next(error);
}

export function jsonBody() {
  return [requireJson, express.json({ limit: MAX_BODY_BYTES, strict: true }), translateParserErrors];
}
