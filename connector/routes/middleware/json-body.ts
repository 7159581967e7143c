import express, { type NextFunction, type Request, type Response } from 'express';
import { isServiceError, ServiceError } from '../../errors.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/** POST bodies are JSON or nothing: other content types are refused before parsing. */
function requireJson(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (req.method === 'POST' && hasBody && !req.is('application/json')) {
    return next(new ServiceError(415, 'unsupported_media_type', 'Send the card call as application/json.'));
  }
  next();
}

/**
 * body-parser's own errors become the service's envelope (without echoing the body). Any other
 * 4xx it raises is the caller's fault too: a compressed body that does not decompress (zlib's
 * error, passed on with status 400), a body shorter than its Content-Length, an aborted upload.
 */
function translateParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  if (isServiceError(error)) return next(error);
  const { type, status } = error as { type?: string; status?: number };
  if (type === 'entity.too.large') return next(new ServiceError(413, 'payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`));
  if (type === 'entity.parse.failed') return next(new ServiceError(400, 'invalid_input', 'The request body is not valid JSON.'));
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return next(new ServiceError(415, 'unsupported_media_type', 'Send the body as UTF-8 JSON.'));
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return next(new ServiceError(400, 'invalid_input', 'The request body could not be read: check that it matches its Content-Encoding and Content-Length.'));
  }
  next(error);
}

export function jsonBody() {
  return [requireJson, express.json({ limit: MAX_BODY_BYTES, strict: true }), translateParserErrors];
}
