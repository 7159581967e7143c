/**
 * Per-token resource restrictions of SmartHR access tokens (reference section 2): each resource
 * has a read (参照) and an update (更新) checkbox. Custom field templates and their groups share
 * one resource, as SmartHR's token screen lists `/crew_custom_field_template*` once.
 */

export const RESOURCES = [
  'crews',
  'users',
  'departments',
  'job_titles',
  'employment_types',
  'biz_establishments',
  'crew_custom_field_templates',
] as const;

export type SmartHRResource = (typeof RESOURCES)[number];

export interface ResourcePermission {
  read?: boolean;
  update?: boolean;
}

export type TokenPermissions = Partial<Record<SmartHRResource, ResourcePermission>>;

export type Access = 'read' | 'update';

function everyResource(permission: ResourcePermission): TokenPermissions {
  const result: TokenPermissions = {};
  for (const resource of RESOURCES) result[resource] = { ...permission };
  return result;
}

export const ALL_PERMISSIONS: TokenPermissions = everyResource({ read: true, update: true });
export const READ_ONLY_PERMISSIONS: TokenPermissions = everyResource({ read: true, update: false });

export function allows(permissions: TokenPermissions, resource: SmartHRResource, access: Access): boolean {
  const granted = permissions[resource];
  return access === 'read' ? granted?.read === true : granted?.update === true;
}
