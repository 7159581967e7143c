/**
 * The token permissions the connector needs, as Okta's SmartHR connector documents them
 * (okta-workflows.md 1.2), plus Write where our extra cards write. Used to name the missing
 * permission in a 403 and by the connection test's permission report.
 */

export type Permission = 'Read' | 'Write';

export interface PermissionEntry {
  /** As SmartHR's token settings and Okta's docs name it, e.g. `/api/v1/crews`. */
  endpoint: string;
  permissions: readonly Permission[];
  /** A cheap GET (relative to the API base) that succeeds only with Read permission. */
  probePath: string;
}

export const PERMISSION_TABLE: readonly PermissionEntry[] = [
  { endpoint: '/api/v1/users', permissions: ['Read'], probePath: '/v1/users?per_page=1' },
  { endpoint: '/api/v1/crews', permissions: ['Read', 'Write'], probePath: '/v1/crews?per_page=1' },
  { endpoint: '/api/v1/biz_establishments', permissions: ['Read'], probePath: '/v1/biz_establishments?per_page=1' },
  { endpoint: '/api/v1/employment_types', permissions: ['Read', 'Write'], probePath: '/v1/employment_types?per_page=1' },
  { endpoint: '/api/v1/departments', permissions: ['Read', 'Write'], probePath: '/v1/departments?per_page=1' },
  { endpoint: '/api/v1/job_titles', permissions: ['Read', 'Write'], probePath: '/v1/job_titles?per_page=1' },
  {
    endpoint: '/api/v1/crew_custom_field_templates',
    permissions: ['Read', 'Write'],
    probePath: '/v1/crew_custom_field_templates?per_page=1',
  },
];

// SmartHR grants template groups and templates as one resource.
const RESOURCE_ALIASES: Record<string, string> = {
  crew_custom_field_template_groups: 'crew_custom_field_templates',
  crew_custom_field_template: 'crew_custom_field_templates',
};

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The endpoint (token resource) and permission a call needs; `path` as given to the client. */
export function requiredPermission(method: string, path: string): { endpoint: string; permission: Permission } {
  const pathOnly = path.split(/[?#]/, 1)[0] ?? '';
  const segments = pathOnly.split('/').filter((s) => s !== '');
  if (segments[0] === 'api') segments.shift();
  if (segments[0] === 'v1') segments.shift();
  const first = segments[0] ?? '';
  const resource = RESOURCE_ALIASES[first] ?? first;
  return {
    endpoint: `/api/v1/${resource}`,
    permission: READ_METHODS.has(method.toUpperCase()) ? 'Read' : 'Write',
  };
}
