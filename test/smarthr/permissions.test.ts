import { expect } from 'chai';
import { PERMISSION_TABLE, requiredPermission } from '../../connector/smarthr/permissions.ts';
import { buildUpstreamUrl } from '../../connector/smarthr/upstream-url.ts';

describe('smarthr/permissions', () => {
  it("lists Okta's endpoints with our Write extensions", () => {
    const table = Object.fromEntries(PERMISSION_TABLE.map((e) => [e.endpoint, e.permissions.join(', ')]));
    expect(table).to.deep.equal({
      '/api/v1/users': 'Read',
      '/api/v1/crews': 'Read, Write',
      '/api/v1/biz_establishments': 'Read',
      '/api/v1/employment_types': 'Read, Write',
      '/api/v1/departments': 'Read, Write',
      '/api/v1/job_titles': 'Read, Write',
      '/api/v1/crew_custom_field_templates': 'Read, Write',
    });
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
    ['GET', '/v1/crew_custom_field_template_groups', '/api/v1/crew_custom_field_templates', 'Read'],
    ['POST', '/v1/crew_custom_field_template_groups', '/api/v1/crew_custom_field_templates', 'Write'],
    ['get', '/v1/users/me', '/api/v1/users', 'Read'],
  ];
  for (const [method, path, endpoint, permission] of cases) {
    it(`${method} ${path} needs ${permission} on ${endpoint}`, () => {
      expect(requiredPermission(method, path)).to.deep.equal({ endpoint, permission });
    });
  }
});
