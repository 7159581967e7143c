import type { JsonObject } from '../json.ts';
import type { UserRecord } from '../store/records.ts';
import type { TenantData } from '../store/tenant-data.ts';
import { renderCrew } from './crew-view.ts';

/** `embed=crew` swaps `crew_id` for the crew object (reference section 6.2). */
export function renderUser(data: TenantData, user: UserRecord, embedCrew: boolean): JsonObject {
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
  if (embedCrew) {
    const crew = user.crewId ? data.crews.get(user.crewId) : undefined;
    out.crew = crew ? renderCrew(data, crew) : null;
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
