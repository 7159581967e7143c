import { ServiceError, isServiceError } from '../errors.ts';
import type { SmartHRClient } from '../smarthr/client.ts';
import type { Connection } from '../smarthr/connection.ts';
import { PERMISSION_TABLE, type PermissionEntry } from '../smarthr/permissions.ts';
import type { Deadline } from './deadline.ts';

export type ReadAccess = 'granted' | 'missing' | 'unknown';

export interface EndpointReport {
  endpoint: string;
  /** The permissions the connector's cards use on this endpoint. */
  needed: string;
  read: ReadAccess;
  /** Writing cannot be probed without writing; the token's settings in SmartHR show it. */
  write: 'not checked' | 'not needed';
  message?: string;
}

export interface ConnectionReport {
  status: 'ok' | 'incomplete';
  tenant: string;
  accountType: 'Sandbox' | 'Production';
  permissions: EndpointReport[];
  /** Endpoints the token cannot read: the cards that need them answer 403. */
  missing: string[];
}

async function probe(client: SmartHRClient, entry: PermissionEntry, deadline: Deadline): Promise<EndpointReport> {
  const base = {
    endpoint: entry.endpoint,
    needed: entry.permissions.join(', '),
    write: entry.permissions.includes('Write') ? ('not checked' as const) : ('not needed' as const),
  };
  try {
    await client.request({ method: 'GET', path: entry.probePath, signal: deadline.signal, deadlineAt: deadline.at });
    return { ...base, read: 'granted' };
  } catch (error) {
    if (isServiceError(error) && error.status === 401) throw error;
    if (isServiceError(error) && error.status === 403) return { ...base, read: 'missing', message: error.message };
    return { ...base, read: 'unknown', message: isServiceError(error) ? error.message : 'The probe failed.' };
  }
}

/**
 * Workflows' _authping. One cheap call decides whether SmartHR accepts the token at all (401 ->
 * invalid); then every endpoint of the permission table is probed in parallel, so an admin sees
 * at once which permission the token lacks.
 */
export async function testConnection(client: SmartHRClient, connection: Connection, deadline: Deadline): Promise<ConnectionReport> {
  const [first, ...rest] = PERMISSION_TABLE;
  if (!first) throw new Error('the permission table is empty');
  let firstReport: EndpointReport;
  try {
    firstReport = await probe(client, first, deadline);
  } catch (error) {
    if (isServiceError(error) && error.status === 401) {
      throw new ServiceError(401, 'unauthorized', `SmartHR refused the Access Token for tenant "${connection.tenantId}". Check the token and the Account Type.`, [{ field: 'Access Token', message: 'SmartHR answered 401 (invalid access token).' }]);
    }
    throw error;
  }
  const permissions = [firstReport, ...(await Promise.all(rest.map((entry) => probe(client, entry, deadline))))];
  const missing = permissions.filter((p) => p.read === 'missing').map((p) => p.endpoint);
  const report: ConnectionReport = {
    status: missing.length === 0 && permissions.every((p) => p.read === 'granted') ? 'ok' : 'incomplete',
    tenant: connection.tenantId,
    accountType: connection.accountType === 'sandbox' ? 'Sandbox' : 'Production',
    permissions,
    missing,
  };
  if (missing.length === permissions.length) {
    throw new ServiceError(403, 'forbidden', 'The Access Token is valid but may read none of the endpoints the connector needs.', missing.map((endpoint) => ({ field: 'Access Token', message: `Missing permission: ${endpoint} Read` })));
  }
  return report;
}
