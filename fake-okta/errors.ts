/**
 * Okta's error body (management OpenAPI, schema `Error`): errorCode, errorSummary, errorLink,
 * errorId, errorCauses[{errorSummary}]. The codes are Okta's published ones: E0000001 API
 * validation failed, E0000006 access denied, E0000007 not found, E0000009 internal server error,
 * E0000011 invalid token, E0000047 rate limit exceeded.
 */
import { randomBytes } from 'node:crypto';

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: Array<{ errorSummary: string }>;
}

export class FakeOktaError extends Error {
  constructor(readonly status: number, readonly errorCode: string, readonly errorSummary: string, readonly causes: string[] = []) {
    super(errorSummary);
  }

  body(): OktaErrorBody {
    return oktaErrorBody(this.errorCode, this.errorSummary, this.causes);
  }
}

export function oktaErrorBody(errorCode: string, errorSummary: string, causes: string[] = []): OktaErrorBody {
  return { errorCode, errorSummary, errorLink: errorCode, errorId: `oae${randomBytes(9).toString('base64url')}`, errorCauses: causes.map((c) => ({ errorSummary: c })) };
}

export const invalidToken = () => new FakeOktaError(401, 'E0000011', 'Invalid token provided');
export const notFound = (what: string) => new FakeOktaError(404, 'E0000007', `Not found: Resource not found: ${what}`);
export const validationFailed = (causes: string[]) => new FakeOktaError(400, 'E0000001', 'Api validation failed: identitySourceSession', causes);
export const rateLimited = () => new FakeOktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');

/** The summary Okta gives for a status we inject as a fault. */
export function faultError(status: number): FakeOktaError {
  if (status === 429) return rateLimited();
  if (status === 401) return invalidToken();
  if (status === 403) return new FakeOktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
  return new FakeOktaError(status, 'E0000009', 'Internal Server Error');
}
