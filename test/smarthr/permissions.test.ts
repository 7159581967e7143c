import { expect } from 'chai';
import { validateCatalog } from '../../connector/engine/cards/validate.ts';
import { EXTRA_PERMISSIONS, OKTA_CARD_NAMES, OKTA_PERMISSIONS, PERMISSION_TABLE, requiredPermission } from '../../connector/smarthr/permissions.ts';
import { buildUpstreamUrl } from '../../connector/smarthr/upstream-url.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';

describe('smarthr/permissions', () => {
  // The rows themselves are checked against Okta's Authorization page, over HTTP, in test/cards/okta-parity.test.ts.
  it("puts Okta's table first, with no extra-card marks in it", () => {
    expect(OKTA_PERMISSIONS).to.have.length(7);
    expect(PERMISSION_TABLE.slice(0, OKTA_PERMISSIONS.length)).to.deep.equal(OKTA_PERMISSIONS);
    expect(OKTA_PERMISSIONS.every((e) => e.extraFor === undefined)).to.equal(true);
  });

  it('then exactly what the extra cards need beyond it, each row naming those cards', async () => {
    const { cards } = await validateCatalog(repoLayout());
    const covered = (endpoint: string, level: string) => OKTA_PERMISSIONS.some((e) => e.endpoint === endpoint && level.split(', ').every((l) => e.permissions.includes(l as 'Read' | 'Write')));
    const beyond = new Map<string, string[]>();
    for (const { card } of cards) {
      if (card.permission.endpoint === 'any') continue;
      // The nine cards of Okta's SmartHR connector: their permissions are Okta's table.
      if (OKTA_CARD_NAMES.includes(card.name)) {
        expect(covered(card.permission.endpoint, card.permission.level), card.name).to.equal(true);
        continue;
      }
      for (const level of card.permission.level.split(', ')) {
        if (covered(card.permission.endpoint, level)) continue;
        const key = `${card.permission.endpoint}: ${level}`;
        beyond.set(key, [...(beyond.get(key) ?? []), card.name]);
      }
    }
    const extras = Object.fromEntries(EXTRA_PERMISSIONS.map((e) => [`${e.endpoint}: ${e.permissions.join(', ')}`, [...(e.extraFor ?? [])].sort()]));
    expect(extras).to.deep.equal(Object.fromEntries([...beyond].map(([key, names]) => [key, names.sort()])));
  });

  it('every probe path is a valid one-record GET under its own endpoint', () => {
    for (const entry of PERMISSION_TABLE) {
      const url = buildUpstreamUrl(new URL('https://acme.smarthr.jp/api'), entry.probePath);
      expect(url.searchParams.get('per_page')).to.equal('1');
      expect(requiredPermission('GET', entry.probePath)).to.deep.equal({ endpoint: entry.endpoint, permission: 'Read' });
    }
  });

  const cases: Array<[string, string, string, string]> = [
    ['GET', '/v1/crews', '/api/v1/crews', 'Read'],
    ['GET', '/v1/crews/abc?fields=id', '/api/v1/crews', 'Read'],
    ['PATCH', '/v1/crews/abc', '/api/v1/crews', 'Write'],
    ['POST', '/v1/departments', '/api/v1/departments', 'Write'],
    ['DELETE', '/v1/job_titles/x', '/api/v1/job_titles', 'Write'],
    ['PUT', '/api/v1/employment_types/x', '/api/v1/employment_types', 'Write'],
    ['GET', '/v1/crew_custom_field_templates/t1', '/api/v1/crew_custom_field_template', 'Read'],
    ['GET', '/v1/crew_custom_field_template_groups', '/api/v1/crew_custom_field_template', 'Read'],
    ['POST', '/v1/crew_custom_field_template_groups', '/api/v1/crew_custom_field_template', 'Write'],
    ['get', '/v1/users/me', '/api/v1/users', 'Read'],
  ];
  for (const [method, path, endpoint, permission] of cases) {
    it(`${method} ${path} needs ${permission} on ${endpoint}`, () => {
      expect(requiredPermission(method, path)).to.deep.equal({ endpoint, permission });
    });
  }
});
