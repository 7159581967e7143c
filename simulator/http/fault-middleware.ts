/**
 * Carries out a fault rule on one request. Faults that spoil a real answer (resetMidBody,
 * malformedJson, truncatedJson, slowBody) let the route produce its answer and then tamper
 * with the bytes on their way out, so headers such as x-total-count stay realistic.
 */
import type { NextFunction, Request, Response } from 'express';
import { SmartHRError } from '../errors.ts';
import type { FaultRule } from './faults.ts';
import type { Lifecycle } from './lifecycle.ts';
import { spentWindowHeaders } from './rate-limit.ts';
import { errorForStatus, sendError } from './send-error.ts';

const GATEWAY_PAGE = (status: number, text: string): string =>
  `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n</body>\r\n</html>\r\n`;

const HTML_PAGE =
  '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>SmartHR</title></head><body><h1>ただいまアクセスが集中しています</h1></body></html>';

type EndFn = (chunk?: Buffer) => Response;

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return Buffer.alloc(0);
}

/** Replaces res.end so the finished body goes through `transform` instead of straight out. */
function interceptBody(res: Response, transform: (body: Buffer, end: EndFn) => void): void {
  const original = res.end.bind(res);
  const originalEnd: EndFn = (chunk) => (chunk ? original(chunk) : original());
  const end = (chunk?: unknown): Response => {
    transform(toBuffer(chunk), originalEnd);
    return res;
  };
  Object.assign(res, { end });
}

/** Breaks JSON while keeping its length and look: double quotes become single quotes. */
function malform(body: Buffer): Buffer {
  const text = body.toString('utf8');
  return Buffer.from(text.includes('"') ? text.replace(/"/g, "'") : `${text},`);
}

export async function applyFault(
  rule: FaultRule,
  req: Request,
  res: Response,
  next: NextFunction,
  lifecycle: Lifecycle,
): Promise<void> {
  if (rule.latencyMs) await lifecycle.delay(rule.latencyMs);
  if (lifecycle.closed || req.socket.destroyed) return;

  switch (rule.kind) {
    case undefined:
      next();
      return;
    case 'status': {
      const status = rule.status ?? 500;
      if (status === 502 || status === 504) {
        res.status(status).type('text/html').send(GATEWAY_PAGE(status, status === 502 ? 'Bad Gateway' : 'Gateway Time-out'));
      } else {
        sendError(res, errorForStatus(status));
      }
      return;
    }
    case 'maintenance':
      sendError(res, new SmartHRError('service_maintenance'));
      return;
    case 'rateLimited':
      // A one-off refusal: every window spent, and all of them (Retry-After included) say it
      // ends in a second. Leaving the hour window's real reset here would tell a client that
      // honours the headers to stop for up to an hour, while the very next request succeeds.
      for (const [name, value] of Object.entries(spentWindowHeaders(1))) res.setHeader(name, value);
      sendError(res, new SmartHRError('too_many_requests'));
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'hang':
      // Never answered; close() destroys the socket.
      return;
    case 'html':
      res.status(rule.status ?? 200).type('text/html').send(HTML_PAGE);
      return;
    case 'emptyBody':
      res.status(rule.status ?? 200).type('application/json').setHeader('content-length', '0');
      res.end();
      return;
    case 'malformedJson':
      interceptBody(res, (body, end) => {
        const bad = malform(body);
        res.setHeader('content-length', String(bad.length));
        end(bad);
      });
      next();
      return;
    case 'truncatedJson':
      interceptBody(res, (body, end) => {
        const cut = body.subarray(0, Math.max(1, Math.floor(body.length / 2)));
        res.setHeader('content-length', String(cut.length));
        end(cut);
      });
      next();
      return;
    case 'resetMidBody':
      interceptBody(res, (body) => {
        // Full Content-Length is announced, half the bytes arrive, then the connection dies.
        res.write(body.subarray(0, Math.floor(body.length / 2)));
        setImmediate(() => req.socket.destroy());
      });
      next();
      return;
    case 'slowBody':
      interceptBody(res, (body, end) => {
        const pieces = 10;
        const size = Math.max(1, Math.ceil(body.length / pieces));
        // The first piece goes at once, so pieces - 1 pauses make up the whole duration.
        const interval = (rule.slowBodyMs ?? 2000) / (pieces - 1);
        let offset = 0;
        const sendNext = (): void => {
          if (req.socket.destroyed) return;
          const piece = body.subarray(offset, offset + size);
          offset += size;
          if (offset >= body.length) {
            end(piece);
            return;
          }
          res.write(piece);
          lifecycle.after(interval, sendNext);
        };
        sendNext();
      });
      next();
      return;
  }
}
