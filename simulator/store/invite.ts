/**
 * PUT /crews/{id}/invite (reference section 6.3): the inviter must be an admin user; the crew
 * needs an email; an accepted invitation cannot be sent again. Inviting creates (or refreshes)
 * the crew's user account with a member role.
 */
import { randomUUID } from 'node:crypto';
import { nextTimestamp } from '../clock.ts';
import { invalidField, notFound } from '../errors.ts';
import type { JsonObject } from '../json.ts';
import type { TenantData } from './tenant-data.ts';

const R = 'crew';

export function inviteCrew(data: TenantData, crewId: string, body: JsonObject): void {
  const crew = data.crews.get(crewId);
  if (!crew) throw notFound();
  const inviterId = body.inviter_user_id;
  if (typeof inviterId !== 'string' || inviterId === '') {
    throw invalidField(R, 'inviter_user_id', '招待者のユーザーIDを指定してください');
  }
  const inviter = data.users.get(inviterId);
  if (!inviter?.admin) throw invalidField(R, 'inviter_user_id', '招待者には管理者のユーザーを指定してください');
  const email = crew.values.email;
  if (typeof email !== 'string' || email === '') throw invalidField(R, 'email', 'メールアドレスが登録されていません');

  const now = nextTimestamp();
  const userId = crew.values.user_id;
  const existing = typeof userId === 'string' ? data.users.get(userId) : undefined;
  if (existing?.invitationAcceptedAt) throw invalidField(R, 'user_id', 'すでに招待を承認済みの従業員です');
  if (existing) {
    Object.assign(existing, { email, invitationCreatedAt: now, invitationOpenedAt: null, updatedAt: now });
  } else {
    const memberRole = [...data.roles.values()].find((role) => role.presetType === 'crew') ?? [...data.roles.values()][0];
    const id = randomUUID();
    data.users.set(id, {
      id,
      email,
      notificationEmail: null,
      admin: false,
      roleId: memberRole?.id ?? '',
      crewId: crew.id,
      agreementForElectronicDelivery: false,
      invitationCreatedAt: now,
      invitationOpenedAt: null,
      invitationAcceptedAt: null,
      invitationAnsweredAt: null,
      hasPassword: false,
      createdAt: now,
      updatedAt: now,
    });
    crew.values.user_id = id;
  }
  crew.updatedAt = nextTimestamp();
  data.changed();
}
