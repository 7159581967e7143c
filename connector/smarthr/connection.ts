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
const TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BEARER = /^Bearer +(\S+)$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2})$/i;
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

/** The secrets a caller sends, as the service reads them whichever way they came. */
export interface CallerCredentials {
  /** The connector key (CONNECTOR_API_KEY): `X-Connector-Key`, or the user name of Basic auth. */
  connectorKey: string | undefined;
  /** The SmartHR access token: `Authorization: Bearer`, or the password of Basic auth. */
  accessToken: string | undefined;
}

function singleHeader(value: string | string[] | undefined, problem: () => ServiceError): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw problem();
  return value;
}

function checkedToken(token: string, how: string): string {
  if (token === '') throw unauthorized(`is required (${how})`);
  if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('is too long');
  if (!TOKEN.test(token)) throw unauthorized(`must be a SmartHR access token (${how})`);
  return token;
}

/**
 * The caller's secrets, from `Authorization: Bearer <token>` + `X-Connector-Key: <key>`, or from
 * `Authorization: Basic base64(<key>:<token>)`: an Okta API Connector connection of type Basic
 * holds both, so no secret has to travel in flow data. The key may come one way only. Malformed
 * headers are a 401 that never echoes them; absent ones are left undefined for the caller to
 * require. The inbound rate limit, the pacers and the API-key check all read the secrets here.
 */
export function parseCredentials(headers: IncomingHeaders): CallerCredentials {
  const keyHeader = singleHeader(headers['x-connector-key'], () => new ServiceError(401, 'unauthorized', 'X-Connector-Key must be given once.'));
  const authorization = singleHeader(headers['authorization'], () => unauthorized('must be given once'));
  if (authorization === undefined) return { connectorKey: keyHeader, accessToken: undefined };
  if (authorization.length > 2 * MAX_TOKEN_LENGTH) throw unauthorized('is too long');
  const bearer = BEARER.exec(authorization)?.[1];
  if (bearer !== undefined) return { connectorKey: keyHeader, accessToken: checkedToken(bearer, 'Authorization: Bearer <token>') };
  const basic = BASIC.exec(authorization)?.[1];
  if (basic === undefined) throw unauthorized('must be sent as "Authorization: Bearer <token>" or as Basic auth (user name: the connector key, password: the token)');
  if (keyHeader !== undefined) {
    throw new ServiceError(401, 'unauthorized', 'Send the connector key once: in X-Connector-Key with a Bearer token, or as the Basic auth user name, not both.');
  }
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized('must be the password of Basic auth, after the connector key and a colon');
  return { connectorKey: decoded.slice(0, colon), accessToken: checkedToken(decoded.slice(colon + 1), 'the password of Basic auth') };
}

/**
 * The access token exactly as parseConnection reads it (Bearer or Basic), or undefined when the
 * headers carry none it would accept. For whatever keys on the token (the inbound limits): two
 * spellings of one token must give one key.
 */
export function accessTokenFrom(headers: IncomingHeaders): string | undefined {
  try {
    return parseCredentials(headers).accessToken;
  } catch {
    return undefined;
  }
}

/** Reads the Workflows connection from request headers (names lower-case, as Node gives them). */
export function parseConnection(headers: IncomingHeaders): Connection {
  const accountType = parseAccountType(headers['x-smarthr-account-type']);
  const tenantId = parseTenantId(headers['x-smarthr-tenant-id']);
  const { accessToken } = parseCredentials(headers);
  if (accessToken === undefined) throw unauthorized('is required (Authorization: Bearer <token>, or Basic auth with the token as password)');
  return { accountType, tenantId, accessToken };
}

/** The operator's SMARTHR_BASE_URL cannot be used; the service refuses to start with it. */
export class InvalidBaseUrlError extends Error {
  constructor(problem: string) {
    super(`SMARTHR_BASE_URL ${problem} (for example http://127.0.0.1:4010/{tenant} or https://{tenant}.example.com).`);
    this.name = 'InvalidBaseUrlError';
  }
}

/** What makes a URL unusable as SmartHR's base, whatever the tenant: the rules the start-up check and every call share. */
function urlShapeProblem(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http:// or https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not hold a user name or password';
  if (url.search !== '' || url.hash !== '') return 'must not have a query or a fragment';
  return undefined;
}

function baseUrlProblem(template: string): string | undefined {
  if (!template.includes('{tenant}')) return "must contain {tenant}, where each call's Tenant ID goes; without it every tenant's calls and tokens would go to one place";
  let url: URL;
  try {
    url = new URL(template.replaceAll('{tenant}', 'tenant'));
  } catch {
    return 'is not a URL';
  }
  return urlShapeProblem(url);
}

/**
 * Checked once where the template is taken in (the CardEngine constructor), so a wrong value stops
 * the service or script at start-up instead of failing (or misdirecting) every call.
 */
export function checkUpstreamBaseUrl(template: string): void {
  const problem = baseUrlProblem(template);
  if (problem !== undefined) throw new InvalidBaseUrlError(problem);
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
  if (urlShapeProblem(url) !== undefined || !url.pathname.endsWith('/api')) throw misconfigured();
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
