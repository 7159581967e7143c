import type { JsonObject } from '../json.ts';
import type { UserRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import { renderCrew, type CrewEmbeds } from './crew-view.ts';

export const USER_EMBEDS = ['crew', 'biz_establishment', 'biz_establishment_company', 'department_company'] as const;
export type UserEmbed = (typeof USER_EMBEDS)[number];

/**
 * SmartHR documents the four embed values but only `crew` in the User schema (crew_id or crew).
 * Our reading (UNCONFIRMED, README): each embeds the crew; the other three also embed, inside
 * it, the business establishment, the business establishment with its company, or each
 * department's company.
 */
const CREW_EMBEDS: Record<UserEmbed, CrewEmbeds> = {
  crew: {},
  biz_establishment: { bizEstablishment: 'plain' },
  biz_establishment_company: { bizEstablishment: 'withCompany' },
  department_company: { departmentCompany: true },
};

export function renderUser(data: TenantData, user: UserRecord, embed: UserEmbed | null): JsonObject {
  const role = data.roles.get(user.roleId);
  const out: JsonObject = {
    id: user.id,
    email: user.email,
    notification_email: user.notificationEmail,
    admin: user.admin,
    role: role
      ? {
          id: role.id,
          name: role.name,
          description: role.description,
          crews_scope: role.crewsScope,
          crews_scope_query: {},
          session_timeout_in: null,
          preset_type: role.presetType,
        }
      : null,
    agreement_for_electronic_delivery: user.agreementForElectronicDelivery,
  };
  if (embed !== null) {
    const crew = user.crewId ? data.crews.get(user.crewId) : undefined;
    out.crew = crew ? renderCrew(data, crew, CREW_EMBEDS[embed]) : null;
  } else {
    out.crew_id = user.crewId;
  }
  Object.assign(out, {
    addons: [],
    invitation_created_at: user.invitationCreatedAt,
    invitation_opened_at: user.invitationOpenedAt,
    invitation_accepted_at: user.invitationAcceptedAt,
    invitation_answered_at: user.invitationAnsweredAt,
    suppressed_email_logs: [],
    has_password: user.hasPassword,
    updated_at: user.updatedAt,
    created_at: user.createdAt,
  });
  return out;
}
