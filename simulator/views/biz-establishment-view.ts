import type { JsonObject } from '../json.ts';
import type { BizEstablishmentRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import { renderCompany } from './company-view.ts';
import { renderCrew } from './crew-view.ts';

export const BIZ_EMBEDS = ['soc_ins_owner', 'lab_ins_owner', 'company'] as const;
export type BizEmbed = (typeof BIZ_EMBEDS)[number];

function owner(data: TenantData, id: string | null): JsonObject | null {
  const crew = id ? data.crews.get(id) : undefined;
  return crew ? renderCrew(data, crew) : null;
}

/** `embed` swaps one `*_id` for the object it names (reference section 6.7). */
export function renderBizEstablishment(data: TenantData, rec: BizEstablishmentRecord, embed: BizEmbed | null): JsonObject {
  const out: JsonObject = { id: rec.id, ...rec.fields };
  if (embed === 'soc_ins_owner') out.soc_ins_owner = owner(data, rec.socInsOwnerId);
  else out.soc_ins_owner_id = rec.socInsOwnerId;
  if (embed === 'lab_ins_owner') out.lab_ins_owner = owner(data, rec.labInsOwnerId);
  else out.lab_ins_owner_id = rec.labInsOwnerId;
  if (embed === 'company') out.company = renderCompany(data);
  else out.company_id = data.companyId;
  out.updated_at = rec.updatedAt;
  out.created_at = rec.createdAt;
  return out;
}
