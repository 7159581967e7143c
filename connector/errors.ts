import type { ServiceErrorBody } from './generated/schemas/error.ts';

/**
 * The one error type the service raises. Every layer (routes, engine, SmartHR client) throws it,
 * and the routes turn it into the envelope of DESIGN.md section 5:
 * {"error": {"status", "code", "message", "details": [...], "retryAfter"?}}.
 *
 * Messages and details must never carry the access token: build them from labels and
 * SmartHR's own messages, never from request headers or raw upstream errors.
 */

/** The generated schema's union (schemas/error.schema.json), so a new code is added in one place. */
export type ErrorCode = ServiceErrorBody['code'];

export interface ErrorDetail {
  /** The card label of the field at fault ("Employee ID"), when there is one. */
  field?: string;
  /** JSON pointer into the request body, e.g. /inputs/Employee/Employee ID. */
  pointer?: string;
  /** SmartHR's own field name, when SmartHR reported it. */
  smarthrField?: string;
  message: string;
}

export interface ErrorEnvelope {
  error: {
    status: number;
    code: ErrorCode;
    message: string;
    details: ErrorDetail[];
    retryAfter?: number;
  };
}

export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds the caller should wait before retrying (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toEnvelope(): ErrorEnvelope {
    const error: ErrorEnvelope['error'] = {
      status: this.status,
      code: this.code,
      message: this.message,
      details: this.details,
    };
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    return { error };
  }
}

export function isServiceError(value: unknown): value is ServiceError {
  return value instanceof ServiceError;
}
