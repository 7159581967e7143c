/**
 * The token permissions the connector needs. First Okta's minimum-permission table for its
 * SmartHR connector, row for row as its Authorization page has it (okta-workflows.md 1.2), then
 * the Write this connector's extra cards need, marked as such. Used to name the missing
 * permission in a 403 and by the connection test's permission report.
 */

export type Permission = 'Read' | 'Write';

export interface PermissionEntry {
  /** As Okta's Authorization page names it, e.g. `/api/v1/crews`. */
  endpoint: string;
  permissions: readonly Permission[];
  /** A cheap GET (relative to the API base) that succeeds only with Read permission. */
  probePath: string;
  /** Rows Okta's table does not have: the cards of this connector that need them. */
  extraFor?: readonly string[];
}

const CUSTOM_FIELDS = '/api/v1/crew_custom_field_template';

/** The cards of Okta's own SmartHR connector, as its overview page lists them: OKTA_PERMISSIONS is what they need. */
export const OKTA_CARD_NAMES: readonly string[] = [
  'List Business Establishments',
  'List Custom Field Groups',
  'List Custom Fields',
  'List Departments',
  'List Employment Types',
  'List Job Titles',
  'Read Employee',
  'Search Employees',
  'Update Employee',
];

export const OKTA_PERMISSIONS: readonly PermissionEntry[] = [
  { endpoint: '/api/v1/users', permissions: ['Read'], probePath: '/v1/users?per_page=1' },
  { endpoint: '/api/v1/crews', permissions: ['Read', 'Write'], probePath: '/v1/crews?per_page=1' },
  { endpoint: '/api/v1/biz_establishments', permissions: ['Read'], probePath: '/v1/biz_establishments?per_page=1' },
  { endpoint: '/api/v1/employment_types', permissions: ['Read'], probePath: '/v1/employment_types?per_page=1' },
  { endpoint: '/api/v1/departments', permissions: ['Read'], probePath: '/v1/departments?per_page=1' },
  { endpoint: '/api/v1/job_titles', permissions: ['Read'], probePath: '/v1/job_titles?per_page=1' },
  { endpoint: CUSTOM_FIELDS, permissions: ['Read'], probePath: '/v1/crew_custom_field_templates?per_page=1' },
];

export const EXTRA_PERMISSIONS: readonly PermissionEntry[] = [
  { endpoint: '/api/v1/departments', permissions: ['Write'], probePath: '/v1/departments?per_page=1', extraFor: ['Create Department', 'Update Department', 'Discontinue Department'] },
  { endpoint: '/api/v1/job_titles', permissions: ['Write'], probePath: '/v1/job_titles?per_page=1', extraFor: ['Create Job Title', 'Update Job Title', 'Delete Job Title'] },
  {
    endpoint: CUSTOM_FIELDS,
    permissions: ['Write'],
    probePath: '/v1/crew_custom_field_templates?per_page=1',
    extraFor: ['Create Custom Field', 'Update Custom Field', 'Delete Custom Field', 'Create Custom Field Group', 'Update Custom Field Group', 'Delete Custom Field Group'],
  },
];

export const PERMISSION_TABLE: readonly PermissionEntry[] = [...OKTA_PERMISSIONS, ...EXTRA_PERMISSIONS];

// SmartHR grants custom field templates and their groups as one resource, which Okta's table
// names /api/v1/crew_custom_field_template.
const RESOURCE_ALIASES: Record<string, string> = {
  crew_custom_field_templates: 'crew_custom_field_template',
  crew_custom_field_template_groups: 'crew_custom_field_template',
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
