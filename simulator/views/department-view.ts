import type { JsonObject } from '../json.ts';
import type { DepartmentRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import { renderCompany } from './company-view.ts';

/** Ancestor names joined with '/', root first (the joiner is our choice, see README). */
export function fullName(data: TenantData, dept: DepartmentRecord): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let current: DepartmentRecord | undefined = dept;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? data.departments.get(current.parentId) : undefined;
  }
  return names.join('/');
}

function nested(data: TenantData, dept: DepartmentRecord, depth: number): JsonObject {
  const parent = dept.parentId ? data.departments.get(dept.parentId) : undefined;
  return {
    id: dept.id,
    name: dept.name,
    full_name: fullName(data, dept),
    position: dept.position,
    code: dept.code,
    parent: parent && depth < 32 ? nested(data, parent, depth + 1) : null,
    company_id: dept.companyId,
  };
}

/**
 * `withCompany` adds the company object next to company_id (SmartHR's Department has both, with
 * no "one or the other" note); only the users embed department_company asks for it.
 */
export function renderDepartment(data: TenantData, dept: DepartmentRecord, withCompany = false): JsonObject {
  const parent = dept.parentId ? data.departments.get(dept.parentId) : undefined;
  return {
    id: dept.id,
    name: dept.name,
    full_name: fullName(data, dept),
    position: dept.position,
    code: dept.code,
    parent: parent ? nested(data, parent, 0) : null,
    children: data.childrenOf(dept.id).map((child) => ({
      id: child.id,
      name: child.name,
      position: child.position,
      code: child.code,
    })),
    company_id: dept.companyId,
    ...(withCompany ? { company: renderCompany(data) } : {}),
    updated_at: dept.updatedAt,
    created_at: dept.createdAt,
  };
}
