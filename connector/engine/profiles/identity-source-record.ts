/**
 * The Identity Source (XaaS) form of an employee profile: what Okta's Identity Sources API
 * (`POST /api/v1/identity-sources/{id}/sessions/{sessionId}/bulk-upsert`) and the Workflows Okta
 * connector's "Bulk User Import" card (Create & Update) take for one user:
 * `{"externalId": "...", "profile": {"userName": ..., "email": ..., ...}}`.
 *
 * Sources: Okta management OpenAPI, schemas BulkUpsertRequestBody and
 * IdentitySourceUserProfileForUpsert ("Profile attributes can only be of the string type"; the
 * base attributes userName, email, firstName, lastName, mobilePhone, secondEmail, homeAddress),
 * and the guide "Build an Anything-as-a-Source custom client integration" (externalId is the
 * source's immutable key, "used as a key to determine if a new user needs to be created"). Every
 * other attribute is a custom attribute of the Custom Identity Source's schema, mapped onto Okta
 * user attributes in the Profile Editor, so we keep our profile's names for them.
 */
import { LIST_SEPARATOR } from './profile-map.ts';

type Json = Record<string, unknown>;

export interface IdentitySourceRecord {
  externalId: string;
  profile: Record<string, string | null>;
}

/** The List Employee Profiles option that picks the record shape, and its value for this form (the default is "Okta Profile"). */
export const RECORD_FORMAT_OPTION = 'Record Format';
export const XAAS_RECORD_FORMAT = 'Identity Source (XaaS)';

/** Profile attributes that travel under another key in the XaaS form, and why (for the generated docs). */
export const XAAS_RENAMES: ReadonlyArray<{ from: string; to: 'externalId' | `profile.${string}`; rule: string }> = [
  { from: 'smarthrId', to: 'externalId', rule: 'The crew id, outside `profile`: Okta matches users on it.' },
  { from: 'login', to: 'profile.userName', rule: "The work email: Okta's username (the login) for an identity source user." },
];

const RENAMED = new Set(XAAS_RENAMES.map((r) => r.from));
const PROFILE_PREFIX = 'profile.';

/** Text as is; lists joined with the CSV separator; true/false as words; nothing as null. */
function attributeText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(LIST_SEPARATOR);
  return String(value);
}

/** One profile in the XaaS form. Pure, so the JSON, stream and paged answers all get the same record. */
export function toIdentitySourceRecord(profile: Json): IdentitySourceRecord {
  const record: IdentitySourceRecord = { externalId: '', profile: {} };
  for (const { from, to } of XAAS_RENAMES) {
    if (to === 'externalId') record.externalId = String(profile[from]);
    else record.profile[to.slice(PROFILE_PREFIX.length)] = attributeText(profile[from]);
  }
  for (const [key, value] of Object.entries(profile)) if (!RENAMED.has(key)) record.profile[key] = attributeText(value);
  return record;
}

/** The card's Record Format option -> what each profile becomes on the way out. */
export function recordFormatter(options: Json): (profile: Json) => Json {
  if (options[RECORD_FORMAT_OPTION] !== XAAS_RECORD_FORMAT) return (profile) => profile;
  return (profile) => toIdentitySourceRecord(profile) as unknown as Json;
}
