import { ServiceError } from '../errors.ts';
import { normaliseTenantId, TENANT_RULE } from './tenant.ts';

export type AccountType = 'sandbox' | 'production';

export interface Connection {
  accountType: AccountType;
  tenantId: string;
  accessToken: string;
}

export type IncomingHeaders = Record<string, string | string[] | undefined>;

// RFC 6750 b64token: also keeps CR/LF and spaces out of the outgoing Authorization header.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const MAX_TOKEN_LENGTH = 4096;

const HOST_SUFFIX: Record<AccountType, string> = {
  production: 'smarthr.jp',
  sandbox: 'daruma.space',
};

function invalidConnection(label: string, problem: string): ServiceError {
  const message = `${label} ${problem}`;
  return new ServiceError(400, 'invalid_connection', message, [{ field: label, message }]);
}

function unauthorized(problem: string): ServiceError {
  const message = `Access Token ${problem}`;
  return new ServiceError(401, 'unauthorized', message, [{ field: 'Access Token', message }]);
}

function parseAccountType(value: string | string[] | undefined): AccountType {
  if (value === undefined || value === '') throw invalidConnection('Account Type', 'is required');
  if (typeof value !== 'string') throw invalidConnection('Account Type', 'must be given once');
  const lowered = value.trim().toLowerCase();
  if (lowered === 'sandbox' || lowered === 'production') return lowered;
  throw invalidConnection('Account Type', 'must be "sandbox" or "production"');
}

function parseTenantId(value: string | string[] | undefined): string {
  if (value === undefined || value === '') throw invalidConnection('Tenant ID', 'is required');
  if (typeof value !== 'string') throw invalidConnection('Tenant ID', 'must be given once');
  const tenant = normaliseTenantId(value);
  if (tenant === undefined) throw invalidConnection('Tenant ID', TENANT_RULE);
  return tenant;
}

function parseAccessToken(value: string | string[] | undefined): string {
  if (value === undefined || value === '') throw unauthorized('is required (Authorization: Bearer <token>)');
  if (typeof value !== 'string') throw unauthorized('must be given once');
  if (value.length > MAX_TOKEN_LENGTH + 16) throw unauthorized('is too long');
  const token = BEARER.exec(value)?.[1];
  if (token === undefined) throw unauthorized('must be sent as "Authorization: Bearer <token>"');
  return token;
}

/** Reads the Workflows connection from request headers (names lower-case, as Node gives them). */
export function parseConnection(headers: IncomingHeaders): Connection {
  return {
    accountType: parseAccountType(headers['x-smarthr-account-type']),
    tenantId: parseTenantId(headers['x-smarthr-tenant-id']),
    accessToken: parseAccessToken(headers['authorization']),
  };
}

function misconfigured(): ServiceError {
  return new ServiceError(500, 'internal', 'The SmartHR base URL override is misconfigured');
}

function overrideBase(tenant: string, template: string): URL {
  const href = template.replaceAll('{tenant}', tenant).replace(/\/+$/, '') + '/api';
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    throw misconfigured();
  }
  const ok =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.hash === '' &&
    url.search === '' &&
    url.pathname.endsWith('/api');
  if (!ok) throw misconfigured();
  return url;
}

/** `https://{tenant}.smarthr.jp/api`, `https://{tenant}.daruma.space/api`, or the operator's override. */
export function upstreamApiBase(conn: Pick<Connection, 'accountType' | 'tenantId'>, overrideTemplate?: string): URL {
  // Checked again here because callers other than parseConnection may build a Connection.
  const tenant = normaliseTenantId(conn.tenantId);
  if (tenant === undefined) throw invalidConnection('Tenant ID', TENANT_RULE);
  if (overrideTemplate !== undefined && overrideTemplate !== '') return overrideBase(tenant, overrideTemplate);

  const suffix = HOST_SUFFIX[conn.accountType];
  if (suffix === undefined) throw invalidConnection('Account Type', 'must be "sandbox" or "production"');
  const expectedHost = `${tenant}.${suffix}`;
  const url = new URL(`https://${expectedHost}/api`);
  const ok =
    url.protocol === 'https:' &&
    url.hostname === expectedHost &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.hash === '' &&
    url.search === '' &&
    url.pathname === '/api';
  if (!ok) throw invalidConnection('Tenant ID', TENANT_RULE);
  return url;
}
