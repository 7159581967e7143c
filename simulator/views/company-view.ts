import type { JsonObject } from '../json.ts';
import type { TenantData } from '../store/tenant-data.ts';

/** The tenant's one company (SmartHR's Company), for the embeds that show it. */
export function renderCompany(data: TenantData): JsonObject {
  return {
    id: data.companyId,
    name: data.companyName,
    code: null,
    corporate_number: null,
    address: null,
    tel_number: null,
    owner_id: null,
    updated_at: data.companyCreatedAt,
    created_at: data.companyCreatedAt,
  };
}
