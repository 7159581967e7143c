import { expect } from 'chai';
import { ServiceError } from '../../connector/errors.ts';
import { buildUpstreamUrl } from '../../connector/smarthr/upstream-url.ts';

const BASE = new URL('https://acme.smarthr.jp/api');
const OVERRIDE = new URL('http://127.0.0.1:4010/acme/api');

describe('smarthr/upstream-url', () => {
  it('joins a /v1 path under the API base and encodes the query', () => {
    const url = buildUpstreamUrl(BASE, '/v1/crews', { page: 2, per_page: 100, q: 'a&b=c', skip: undefined, flag: true });
    expect(url.href).to.equal('https://acme.smarthr.jp/api/v1/crews?page=2&per_page=100&q=a%26b%3Dc&flag=true');
  });

  it('keeps a query given in the path and appends the structured one', () => {
    expect(buildUpstreamUrl(BASE, '/v1/crews?per_page=1', { page: 1 }).href).to.equal('https://acme.smarthr.jp/api/v1/crews?per_page=1&page=1');
  });

  it('works under an override base with a path prefix', () => {
    expect(buildUpstreamUrl(OVERRIDE, '/v1/crews/abc').href).to.equal('http://127.0.0.1:4010/acme/api/v1/crews/abc');
  });

  it('keeps an encoded id as one segment', () => {
    expect(buildUpstreamUrl(BASE, '/v1/crews/%E5%B1%B1').pathname).to.equal('/api/v1/crews/%E5%B1%B1');
  });

  const refused = [
    '',
    'v1/crews',
    '/v2/crews',
    '/crews',
    '/api/v1/crews',
    'https://evil.com/v1/crews',
    '//evil.com/v1/crews',
    '/v1/../../evil',
    '/v1/crews/..',
    '/v1/crews/./x',
    '/v1/%2e%2e/%2e%2e/x',
    '/v1/%2E%2E/x',
    '/v1/crews/.%2e/x',
    '/v1/crews/a%2fb',
    '/v1/crews/a%5c..%5cb',
    '/v1\\..\\evil',
    '/v1/crews\\evil',
    '/v1//crews',
    '/v1/crews#frag',
    '/v1/crews/a b',
    '/v1/crews/\t',
    '/v1/crews/\r\nHost: evil',
    '/v1/crews/%zz',
    `/v1/${'a'.repeat(3000)}`,
  ];
  for (const path of refused) {
    it(`refuses ${JSON.stringify(path).slice(0, 40)}`, () => {
      let error: unknown;
      try {
        buildUpstreamUrl(BASE, path);
      } catch (err) {
        error = err;
      }
      expect(error).to.be.instanceOf(ServiceError);
      expect((error as ServiceError).status).to.equal(400);
      expect((error as ServiceError).code).to.equal('invalid_input');
      expect((error as ServiceError).message).to.match(/^The SmartHR path /);
    });
  }
});
