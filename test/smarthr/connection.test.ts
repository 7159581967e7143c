import { expect } from 'chai';
import fc from 'fast-check';
import { ServiceError } from '../../connector/errors.ts';
import { parseConnection, parseCredentials, upstreamApiBase, type IncomingHeaders } from '../../connector/smarthr/connection.ts';

const TOKEN = 'SECRET-CANARY-abc123';

function headers(tenant: unknown, extra: IncomingHeaders = {}): IncomingHeaders {
  return {
    'x-smarthr-account-type': 'production',
    'x-smarthr-tenant-id': tenant as string,
    authorization: `Bearer ${TOKEN}`,
    ...extra,
  };
}

function errorOf(fn: () => unknown): ServiceError {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(ServiceError);
    return err as ServiceError;
  }
  throw new Error('expected a ServiceError');
}

const ACCEPTED: Array<[string, string]> = [
  ['acme', 'acme'],
  ['acme-01', 'acme-01'],
  ['ACME', 'acme'],
  ['Acme-Corp', 'acme-corp'],
  ['a', 'a'],
  ['a'.repeat(63), 'a'.repeat(63)],
  ['a1b2', 'a1b2'],
];

const REFUSED: Array<[string, unknown]> = [
  ['empty', ''],
  ['64 chars', 'a'.repeat(64)],
  ['huge', 'a'.repeat(100_000)],
  ['leading hyphen', '-acme'],
  ['trailing hyphen', 'acme-'],
  ['double dot', 'a..b'],
  ['dotted host', 'acme.evil.com'],
  ['fragment', 'evil.com#'],
  ['slash', 'evil.com/'],
  ['userinfo', 'x@evil.com'],
  ['port', 'acme:8443'],
  ['metadata IP with fragment', '169.254.169.254/x#'],
  ['hex IP', '0x7f000001'],
  ['decimal IP', '2130706433'],
  ['IPv6', '[::1]'],
  ['encoded dot', 'acme%2e'],
  ['encoded dot upper', 'acme%2Eevil'],
  ['backslash userinfo', 'acme\\@evil.com'],
  ['ideographic full stop', 'evil\u3002com#'],
  ['full-width host', '\uff45\uff56\uff49\uff4c\uff0ecom#'],
  ['full-width letters', '\uff21\uff43\uff4d\uff45'],
  ['kelvin sign folds to k', '\u212aacme'],
  ['dotted capital I', 'acme\u0130'],
  ['IDN', 'b\u00fccher'],
  ['punycode', 'xn--bcher-kva'],
  ['punycode upper', 'XN--bcher-kva'],
  ['leading space', ' acme'],
  ['trailing space', 'acme '],
  ['tab', 'ac\tme'],
  ['newline', 'acme\n'],
  ['CRLF injection', 'acme\r\nHost: evil'],
  ['NUL', 'acme\u0000'],
  ['query', 'acme?x=1'],
  ['underscore', 'ac_me'],
  ['protocol relative', '//evil.com'],
  ['scheme', 'http:'],
  ['array', ['acme']],
];

describe('smarthr/connection', () => {
  describe('parseConnection', () => {
    for (const [input, label] of ACCEPTED) {
      it(`accepts tenant ${JSON.stringify(input).slice(0, 20)} as ${label.slice(0, 12)}`, () => {
        const conn = parseConnection(headers(input));
        expect(conn).to.deep.equal({ accountType: 'production', tenantId: label, accessToken: TOKEN });
      });
    }

    for (const [name, value] of REFUSED) {
      it(`refuses tenant: ${name}`, () => {
        const err = errorOf(() => parseConnection(headers(value)));
        expect(err.status).to.equal(400);
        expect(err.code).to.equal('invalid_connection');
        expect(err.message).to.match(/^Tenant ID /);
        expect(err.details).to.have.length(1);
        expect(err.details[0]?.field).to.equal('Tenant ID');
        if (typeof value === 'string' && value.length > 0) {
          // describes the problem, never echoes the value
          expect(err.message).not.to.include(value);
          expect(JSON.stringify(err.toEnvelope())).not.to.include(value);
        }
      });
    }

    it('refuses a missing tenant, naming the field', () => {
      const err = errorOf(() => parseConnection(headers(undefined)));
      expect([err.status, err.code, err.details[0]?.field]).to.deep.equal([400, 'invalid_connection', 'Tenant ID']);
      expect(err.message).to.equal('Tenant ID is required');
    });

    it('accepts account type in any case and maps it', () => {
      expect(parseConnection(headers('acme', { 'x-smarthr-account-type': 'SandBox' })).accountType).to.equal('sandbox');
      expect(parseConnection(headers('acme', { 'x-smarthr-account-type': 'PRODUCTION' })).accountType).to.equal('production');
    });

    for (const bad of [undefined, '', 'prod', 'staging', 'sandbox2', ['sandbox', 'production']]) {
      it(`refuses account type ${JSON.stringify(bad)}`, () => {
        const err = errorOf(() => parseConnection(headers('acme', { 'x-smarthr-account-type': bad })));
        expect([err.status, err.code, err.details[0]?.field]).to.deep.equal([400, 'invalid_connection', 'Account Type']);
        expect(err.message).to.match(/^Account Type /);
      });
    }

    for (const [name, value] of [
      ['missing', undefined],
      ['no scheme', TOKEN],
      ['basic scheme', `Basic ${TOKEN}`],
      ['empty bearer', 'Bearer '],
      ['space inside token', 'Bearer abc def'],
      ['duplicated header', [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]],
    ] as Array<[string, string | string[] | undefined]>) {
      it(`refuses authorization: ${name} (401 naming Access Token, no token echoed)`, () => {
        const err = errorOf(() => parseConnection(headers('acme', { authorization: value })));
        expect([err.status, err.code, err.details[0]?.field]).to.deep.equal([401, 'unauthorized', 'Access Token']);
        expect(err.message).to.match(/^Access Token /);
        expect(JSON.stringify(err.toEnvelope())).not.to.include(TOKEN);
      });
    }

    it('accepts a lower-case bearer scheme', () => {
      expect(parseConnection(headers('acme', { authorization: `bearer ${TOKEN}` })).accessToken).to.equal(TOKEN);
    });
  });

  describe('parseCredentials (API Connector Basic auth: user name = connector key, password = token)', () => {
    const basic = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

    it('reads the key and the token from Basic auth, as parseConnection does the token', () => {
      expect(parseCredentials({ authorization: basic(`operator-key:${TOKEN}`) })).to.deep.equal({ connectorKey: 'operator-key', accessToken: TOKEN });
      expect(parseConnection(headers('acme', { authorization: basic(`smarthr:${TOKEN}`) })).accessToken).to.equal(TOKEN);
      // A user name may be anything but a colon; the password is everything after the first one.
      expect(parseCredentials({ authorization: basic(`:${TOKEN}`) })).to.deep.equal({ connectorKey: '', accessToken: TOKEN });
    });

    it('reads the key from X-Connector-Key beside a Bearer token, and leaves absent secrets undefined', () => {
      expect(parseCredentials({ authorization: `Bearer ${TOKEN}`, 'x-connector-key': 'k' })).to.deep.equal({ connectorKey: 'k', accessToken: TOKEN });
      expect(parseCredentials({})).to.deep.equal({ connectorKey: undefined, accessToken: undefined });
    });

    for (const [name, value] of [
      ['Basic without a colon', basic(TOKEN)],
      ['Basic with an empty password', basic('operator-key:')],
      ['Basic with a space in the token', basic(`operator-key:${TOKEN} x`)],
      ['Basic that is not base64', 'Basic ###'],
    ] as Array<[string, string]>) {
      it(`refuses ${name} with 401 naming Access Token, echoing nothing`, () => {
        const err = errorOf(() => parseCredentials({ authorization: value }));
        expect([err.status, err.code, err.details[0]?.field]).to.deep.equal([401, 'unauthorized', 'Access Token']);
        expect(JSON.stringify(err.toEnvelope())).not.to.include(TOKEN).and.not.to.include(value.slice(6));
      });
    }

    it('refuses a key sent both ways (Basic and X-Connector-Key)', () => {
      const err = errorOf(() => parseCredentials({ authorization: basic(`operator-key:${TOKEN}`), 'x-connector-key': 'operator-key' }));
      expect([err.status, err.code]).to.deep.equal([401, 'unauthorized']);
      expect(err.message).to.include('not both');
      expect(JSON.stringify(err.toEnvelope())).not.to.include(TOKEN);
    });
  });

  describe('upstreamApiBase', () => {
    it('builds production and sandbox hosts', () => {
      expect(upstreamApiBase({ accountType: 'production', tenantId: 'acme' }).href).to.equal('https://acme.smarthr.jp/api');
      expect(upstreamApiBase({ accountType: 'sandbox', tenantId: 'acme' }).href).to.equal('https://acme.daruma.space/api');
    });

    it('applies the operator override with the tenant substituted', () => {
      const url = upstreamApiBase({ accountType: 'sandbox', tenantId: 'acme' }, 'http://127.0.0.1:4010/{tenant}');
      expect(url.href).to.equal('http://127.0.0.1:4010/acme/api');
      const trailing = upstreamApiBase({ accountType: 'production', tenantId: 'acme' }, 'http://sim.local:4010/{tenant}/');
      expect(trailing.href).to.equal('http://sim.local:4010/acme/api');
    });

    it('re-validates the tenant (defence in depth)', () => {
      for (const tenant of ['evil.com#', 'x@evil.com', 'ACME.evil', '']) {
        const err = errorOf(() => upstreamApiBase({ accountType: 'production', tenantId: tenant }));
        expect(err.code).to.equal('invalid_connection');
      }
    });

    it('refuses a broken override template as a server misconfiguration', () => {
      for (const template of ['not a url', 'ftp://x/{tenant}', 'http://u:p@x/{tenant}', 'http://x/{tenant}#f', 'http://x/{tenant}?a=1']) {
        const err = errorOf(() => upstreamApiBase({ accountType: 'production', tenantId: 'acme' }, template));
        expect([err.status, err.code]).to.deep.equal([500, 'internal']);
      }
    });

    it('property: any string is refused or yields exactly https://{label}.smarthr.jp/api', () => {
      const arb = fc.oneof(
        fc.string(),
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary' }),
        fc.stringMatching(/^[a-zA-Z0-9.\-@:/#%]{0,70}$/),
        fc.domain(),
        fc.webUrl(),
      );
      fc.assert(
        fc.property(arb, (raw) => {
          let url: URL;
          try {
            const conn = parseConnection(headers(raw));
            url = upstreamApiBase(conn);
          } catch (err) {
            return err instanceof ServiceError && err.status === 400 && err.code === 'invalid_connection';
          }
          const label = raw.toLowerCase();
          return (
            /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label) &&
            url.href === `https://${label}.smarthr.jp/api` &&
            url.hostname === `${label}.smarthr.jp` &&
            url.port === '' && url.username === '' && url.hash === ''
          );
        }),
        { numRuns: 3000 },
      );
    });
  });
});
