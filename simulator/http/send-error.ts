import type { Response } from 'express';
import { SmartHRError, type SmartHRErrorType } from '../errors.ts';

export function sendError(res: Response, error: SmartHRError): void {
  res.status(error.status).json(error.body);
}

const BY_STATUS: Record<number, SmartHRErrorType> = {
  400: 'bad_request',
  401: 'unauthorized_token',
  403: 'forbidden',
  404: 'not_found',
  429: 'too_many_requests',
  500: 'internal_server_error',
  503: 'service_maintenance',
};

/** SmartHR's body for an HTTP status a fault asks for; statuses outside the table say code 5. */
export function errorForStatus(status: number): SmartHRError {
  const type = BY_STATUS[status] ?? 'internal_server_error';
  return new SmartHRError(type, undefined, null, status);
}
