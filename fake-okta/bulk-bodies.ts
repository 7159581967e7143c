/**
 * The bodies of bulk-upsert and bulk-delete as Okta's management OpenAPI declares them
 * (BulkUpsertRequestBody, IdentitySourceUserProfileForUpsert, BulkDeleteRequestBody,
 * IdentitySourceUserProfileForDelete), plus what the XaaS guide adds: entityType USERS, at least one
 * and at most 200 profiles per request ("The profiles array is missing or empty" is a 400).
 * Profile attributes "can only be of the string type"; the base ones carry Okta's lengths.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const text = (min: number | undefined, max: number) => ({ type: ['string', 'null'], ...(min === undefined ? {} : { minLength: min }), maxLength: max });

function bodySchema(profilesPerRequest: number, item: Record<string, unknown>) {
  return {
    type: 'object',
    required: ['entityType', 'profiles'],
    properties: {
      entityType: { enum: ['USERS'] },
      profiles: { type: 'array', minItems: 1, maxItems: profilesPerRequest, items: item },
    },
  };
}

const upsertItem = {
  type: 'object',
  required: ['externalId', 'profile'],
  properties: {
    externalId: { type: 'string', minLength: 1, maxLength: 512 },
    profile: {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email', minLength: 5, maxLength: 100 },
        firstName: text(1, 50),
        lastName: text(1, 50),
        homeAddress: text(undefined, 4096),
        mobilePhone: text(undefined, 100),
        secondEmail: { type: ['string', 'null'], format: 'email', minLength: 5, maxLength: 100 },
        userName: { type: 'string', maxLength: 100 },
      },
      additionalProperties: { type: ['string', 'null'] },
    },
  },
};

const deleteItem = { type: 'object', required: ['externalId'], properties: { externalId: { type: 'string', minLength: 1, maxLength: 512 } } };

export interface BulkBodyValidators {
  upsert(body: unknown): string[];
  delete(body: unknown): string[];
}

const describe = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).slice(0, 20).map((e) => `${e.instancePath || 'body'} ${e.message ?? 'is invalid'}`);

/** Validators answering Okta-style error causes (empty when the body is fine). */
export function bulkBodyValidators(profilesPerRequest: number): BulkBodyValidators {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: false });
  addFormats.default(ajv);
  const upsert = ajv.compile(bodySchema(profilesPerRequest, upsertItem));
  const remove = ajv.compile(bodySchema(profilesPerRequest, deleteItem));
  return {
    upsert: (body) => (upsert(body) ? [] : describe(upsert.errors)),
    delete: (body) => (remove(body) ? [] : describe(remove.errors)),
  };
}
