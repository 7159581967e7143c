import { ServiceError, isServiceError } from '../errors.ts';
import type { SmartHRClient } from '../smarthr/client.ts';
import type { Connection } from '../smarthr/connection.ts';
import { EXTRA_PERMISSIONS, OKTA_PERMISSIONS, type PermissionEntry } from '../smarthr/permissions.ts';
import type { Deadline } from './deadline.ts';

export type Access = 'granted' | 'missing' | 'unknown';

export interface EndpointReport {
  endpoint: string;
  /** The permissions the connector's cards use on this endpoint. */
  needed: string;
  read: Access;
  write: Access | 'not needed';
  message?: string;
  /** Rows beyond Okta's table: the connector's own cards that need them. */
  extraFor?: string[];
}

export interface ConnectionReport {
  status: 'ok' | 'incomplete';
  tenant: string;
  accountType: 'Sandbox' | 'Production';
  /** Okta's table row for row, then the rows this connector's extra cards add. */
  permissions: EndpointReport[];
  /** Endpoints the token lacks a needed permission on (the rows say which): the cards that need it answer 403. */
  missing: string[];
}

/** Where a 401 ends the whole test, any other failure is this endpoint's answer. */
function accessFrom(error: unknown): { access: Access; message: string } {
  if (isServiceError(error) && error.status === 401) throw error;
  if (isServiceError(error) && error.status === 403) return { access: 'missing', message: error.message };
  return { access: 'unknown', message: isServiceError(error) ? error.message : 'The probe failed.' };
}

/**
 * Update permission, probed without changing anything: a PATCH of a record that cannot exist.
 * SmartHR checks the token's permission for the resource before it looks the record up, so a
 * token without it gets 403 and one with it gets 404 (the simulator does the same; SmartHR's
 * order is UNCONFIRMED in its docs, see README).
 */
const WRITE_PROBE_ID = 'connector-permission-probe';

async function probeWrite(client: SmartHRClient, entry: PermissionEntry, deadline: Deadline): Promise<{ access: Access; message?: string }> {
  try {
    const collection = entry.probePath.split('?')[0] ?? entry.probePath;
    await client.request({ method: 'PATCH', path: `${collection}/${WRITE_PROBE_ID}`, body: {}, signal: deadline.signal, deadlineAt: deadline.at });
    return { access: 'unknown', message: 'SmartHR accepted a change of a record that cannot exist.' };
  } catch (error) {
    if (isServiceError(error) && (error.status === 404 || error.status === 400)) return { access: 'granted' };
    return accessFrom(error);
  }
}

async function probe(client: SmartHRClient, entry: PermissionEntry, deadline: Deadline): Promise<EndpointReport> {
  const report: EndpointReport = { endpoint: entry.endpoint, needed: entry.permissions.join(', '), read: 'granted', write: 'not needed' };
  const messages: string[] = [];
  try {
    await client.request({ method: 'GET', path: entry.probePath, signal: deadline.signal, deadlineAt: deadline.at });
  } catch (error) {
    const { access, message } = accessFrom(error);
    report.read = access;
    messages.push(message);
  }
  if (entry.permissions.includes('Write')) {
    const { access, message } = await probeWrite(client, entry, deadline);
    report.write = access;
    if (message) messages.push(message);
  }
  return messages.length > 0 ? { ...report, message: messages.join(' ') } : report;
}

/** A row of the extra cards: the Write they need is probed; Read is that of Okta's row for the endpoint. */
async function probeExtra(client: SmartHRClient, entry: PermissionEntry, okta: EndpointReport[], deadline: Deadline): Promise<EndpointReport> {
  const write = await probeWrite(client, entry, deadline);
  const report: EndpointReport = {
    endpoint: entry.endpoint,
    needed: entry.permissions.join(', '),
    read: okta.find((p) => p.endpoint === entry.endpoint)?.read ?? 'unknown',
    write: write.access,
    extraFor: [...(entry.extraFor ?? [])],
  };
  return write.message ? { ...report, message: write.message } : report;
}

/**
 * Workflows' _authping. One cheap call decides whether SmartHR accepts the token at all (401 ->
 * invalid); then every endpoint of Okta's permission table is probed in parallel, so an admin
 * sees at once which permission the token lacks.
 */
export async function testConnection(client: SmartHRClient, connection: Connection, deadline: Deadline): Promise<ConnectionReport> {
  const [first, ...rest] = OKTA_PERMISSIONS;
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
  const okta = [firstReport, ...(await Promise.all(rest.map((entry) => probe(client, entry, deadline))))];
  const extra = await Promise.all(EXTRA_PERMISSIONS.map((entry) => probeExtra(client, entry, okta, deadline)));
  const permissions = [...okta, ...extra];
  const missing = [...new Set(permissions.filter((p) => p.read === 'missing' || p.write === 'missing').map((p) => p.endpoint))];
  const report: ConnectionReport = {
    status: missing.length === 0 && permissions.every((p) => p.read === 'granted' && p.write !== 'unknown') ? 'ok' : 'incomplete',
    tenant: connection.tenantId,
    accountType: connection.accountType === 'sandbox' ? 'Sandbox' : 'Production',
    permissions,
    missing,
  };
  if (okta.every((p) => p.read === 'missing')) {
    throw new ServiceError(403, 'forbidden', 'The Access Token is valid but may read none of the endpoints the connector needs.', missing.map((endpoint) => ({ field: 'Access Token', message: `Missing permission: ${endpoint} Read` })));
  }
  return report;
}
