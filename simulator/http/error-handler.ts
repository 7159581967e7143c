/**
 * Last stop for every failure: SmartHR's own errors as they are, body-parser failures as 400
 * code 1 (SmartHR never answers 413 or 422 in its table), anything unexpected as 500 code 5.
 */
import type { NextFunction, Request, Response } from 'express';
import { invalidField, SmartHRError } from '../errors.ts';
import { sendError } from './send-error.ts';

function bodyParserType(err: unknown): string | null {
  if (typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string') return err.type;
  return null;
}

export function errorHandler(quiet: boolean) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof SmartHRError) {
      sendError(res, err);
      return;
    }
    const type = bodyParserType(err);
    if (type === 'entity.parse.failed') {
      sendError(res, invalidField('request', 'body', 'リクエストボディのJSONが不正です'));
      return;
    }
    if (type === 'entity.too.large') {
      sendError(res, invalidField('request', 'body', 'リクエストボディが大きすぎます'));
      return;
    }
    if (type !== null) {
      sendError(res, invalidField('request', 'body', 'リクエストボディを読み取れません'));
      return;
    }
    if (!quiet) console.error('[simulator] unexpected error', err);
    sendError(res, new SmartHRError('internal_server_error'));
  };
}

export function notFoundHandler(): never {
  throw new SmartHRError('not_found');
}
