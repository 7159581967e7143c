import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { isServiceError } from '../../connector/errors.ts';
import { createLogger } from '../../connector/logging.ts';
import { startServer, type StartedServer } from '../../connector/server.ts';
import { parseConnection, upstreamApiBase } from '../../connector/smarthr/connection.ts';
import { connectionHeaders, startHarness, type Harness } from '../helpers/harness.ts';
import { rawPost, rawRequest, startAttacker, type Attacker } from './support/listeners.ts';

/**
 * Tenant-field SSRF (reliability-perf-hris.md A1, A4 items 1-5): a hostile Tenant ID must be
 * refused before any URL exists, whichever way the service builds its upstream origin, and a
 * loopback "attacker" listener must never see a connection.
 */

type Json = Record<string, any>;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Hostile values; ATTACK is replaced by the attacker's port. */
const HOSTILE_TENANTS = [
  // reference list, item 1
  '-acme', 'acme-', 'a..b', 'acme.evil.com', 'evil.com#', 'evil.com/', 'x@evil.com', 'acme:8443', '169.254.169.254/x#',
  '0x7f000001', '[::1]', '[::1]#', 'acme%2e', 'acme\\@evil.com', 'evil。com#', 'ｅｖｉｌ．com#', 'Ａｃｍｅ', 'a'.repeat(64),
  'xn--80ak6aa92e', 'xn--acme',
  // aimed at the attacker listener
  '127.0.0.1:ATTACK/', '127.0.0.1:ATTACK#', '127.0.0.1:ATTACK?', 'localhost:ATTACK/x#', 'user:pass@127.0.0.1:ATTACK/',
  'acme@127.0.0.1:ATTACK/', '127.0.0.1%3aATTACK%2f', '[::ffff:127.0.0.1]:ATTACK/',
  // IP forms a URL parser turns into loopback
  '2130706433', '0177.0.0.1', '127.1', '0x7f.1', '017700000001', '127', '0',
  // dots and separators, plain, encoded, full-width, ideographic
  'acme.', '.acme', '..', '.', 'acme%2eevil', 'acme%252eevil', 'acme\u3002evil', 'acme\uff0eevil', 'acme\uff61evil', 'acme\u2024evil',
  'acme/..', 'acme\\', 'acme;evil', 'acme,evil', 'acme?x', 'acme&x', '*', '_acme', 'ac_me', 'acme%00evil', '%61cme',
  // look-alikes and invisible characters
  'аcme', 'acme\u200b', '\ufeffacme', 'ａｃｍｅ', 'acmé', 'ACMÉ', 'acme\u0130', 'K\u212a',
  // whitespace and controls inside the value (edges are trimmed by HTTP itself)
  'ac me', 'ac\tme', 'acme\u00a0', 'acme\u3000',
  // very long
  'a'.repeat(4000), `${'a'.repeat(63)}.evil.com`,
];

/** Bytes an HTTP/1.1 server refuses on its own (bare CR, LF inside a value): still no upstream call. */
const UNPARSEABLE_TENANTS = ['acme\rX-Evil: 1', 'acme\r\n evil', 'a\x00cme', 'acme\x7f', 'acme\x1b[31m'];

function forAttacker(value: string, attacker: Attacker): string {
  return value.replaceAll('ATTACK', String(attacker.port));
}

describe('security: Tenant ID SSRF', () => {
  let h: Harness;
  let attacker: Attacker;
  // Three ways the service can build its origin: the harness's path template, an operator
  // template with the tenant in the host position, and the real SmartHR host names.
  const servers: Record<string, StartedServer> = {};

  before(async () => {
    attacker = await startAttacker();
    h = await startHarness({ simulator: { tenants: { demo: { employees: 5 } } }, app: { rateLimit: false } });
    const quiet = createLogger({ destination: h.logs });
    servers['host template'] = await startServer(await createApp({ logger: quiet, rateLimit: false, upstreamBaseUrl: `http://{tenant}.invalid:${h.sim.port}` }), 0, '127.0.0.1');
    servers['SmartHR hosts'] = await startServer(await createApp({ logger: quiet, rateLimit: false }), 0, '127.0.0.1');
    servers['path template'] = await startServer(h.app, 0, '127.0.0.1');
  });

  after(async () => {
    for (const s of Object.values(servers)) await s.close();
    await h.close();
    await attacker.close();
  });

  beforeEach(() => {
    h.sim.requests.clear();
    attacker.connections = 0;
  });
  // Checked inside each test (not in afterEach) so one breach does not stop the other cases.
  const expectNothingSent = (): void => {
    expect(attacker.connections, 'connections to the attacker listener').to.equal(0);
    expect(h.sim.requests.count(), 'requests that reached the simulator').to.equal(0);
  };

  const employeeBody = { inputs: { Employee: { 'Employee ID': 'x' } } };
  const connectionLines = (tenant: string, accountType = 'sandbox'): string[] => [
    `X-SmartHR-Account-Type: ${accountType}`,
    `X-SmartHR-Tenant-Id: ${tenant}`,
    'Authorization: Bearer demo-token',
  ];

  for (const template of HOSTILE_TENANTS) {
    it(`refuses the Tenant ID ${JSON.stringify(template).slice(0, 60)} on every origin builder and both routes`, async () => {
      const tenant = forAttacker(template, attacker);
      for (const [builder, server] of Object.entries(servers)) {
        for (const [path, body] of [['/cards/readEmployee', employeeBody], ['/connection/test', {}]] as const) {
          for (const accountType of ['sandbox', 'production']) {
            const res = await rawRequest(server.port, rawPost(path, connectionLines(tenant, accountType), body));
            expectNothingSent();
            expect(res.status, `${builder} ${path}`).to.equal(400);
            const envelope = JSON.parse(res.body) as Json;
            expect(envelope.error).to.include({ status: 400, code: 'invalid_connection' });
            expect(envelope.error.details[0].field).to.equal('Tenant ID');
            // The refusal names the rule, never echoes the hostile value.
            if (tenant.length > 3) expect(res.body).not.to.include(tenant);
          }
        }
      }
    });
  }

  for (const tenant of UNPARSEABLE_TENANTS) {
    it(`a Tenant ID with raw ${JSON.stringify(tenant)} never reaches card code`, async () => {
      for (const server of Object.values(servers)) {
        const res = await rawRequest(server.port, rawPost('/cards/readEmployee', connectionLines(tenant), employeeBody));
        expect(res.status).to.equal(400);
      }
      expectNothingSent();
    });
  }

  it('refuses an empty, a missing and a repeated Tenant ID', async () => {
    const server = servers['host template']!;
    const cases: string[][] = [
      connectionLines(''),
      connectionLines('demo').filter((l) => !l.startsWith('X-SmartHR-Tenant-Id')),
      [...connectionLines('demo'), `X-SmartHR-Tenant-Id: 127.0.0.1:${attacker.port}/`],
      [...connectionLines(`127.0.0.1:${attacker.port}/`), 'X-SmartHR-Tenant-Id: demo'],
    ];
    for (const lines of cases) {
      const res = await rawRequest(server.port, rawPost('/cards/readEmployee', lines, employeeBody));
      expect(res.status).to.equal(400);
      expect((JSON.parse(res.body) as Json).error.details[0].field).to.equal('Tenant ID');
    }
    expectNothingSent();
  });

  describe('Account Type', () => {
    const odd = ['staging', 'prod', 'Sandbox.evil.com', 'https://evil.example', 'ｓａｎｄｂｏｘ', 'sandbox production', 'sandbox;production', 'a'.repeat(5000), 'ſandbox'];
    for (const accountType of odd) {
      it(`refuses ${JSON.stringify(accountType).slice(0, 40)} with 400 naming Account Type`, async () => {
        const res = await rawRequest(servers['path template']!.port, rawPost('/cards/readEmployee', connectionLines('demo', accountType), employeeBody));
        expect(res.status).to.equal(400);
        expect((JSON.parse(res.body) as Json).error.details[0].field).to.equal('Account Type');
        expectNothingSent();
      });
    }

    it('refuses a missing and a repeated Account Type', async () => {
      const missing = connectionLines('demo').filter((l) => !l.startsWith('X-SmartHR-Account-Type'));
      const repeated = [...connectionLines('demo'), 'X-SmartHR-Account-Type: production'];
      for (const lines of [missing, repeated]) {
        const res = await rawRequest(servers['path template']!.port, rawPost('/cards/readEmployee', lines, employeeBody));
        expect(res.status).to.equal(400);
        expect((JSON.parse(res.body) as Json).error.details[0].field).to.equal('Account Type');
      }
      expectNothingSent();
    });
  });

  describe('property: any string is refused or becomes exactly https://{label}.{suffix}', () => {
    const fragments = fc.constantFrom('.', '#', '/', '@', ':', '?', '%2e', '%23', '\\', '。', '．', '[', ']', 'xn--', '0x', '-', ' ', '\t', '127.0.0.1', 'evil.com');
    const hostile = fc.array(fc.oneof(fragments, fc.stringMatching(/^[a-zA-Z0-9-]{1,12}$/)), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    const anyString = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.stringMatching(/^[a-zA-Z0-9-]{0,70}$/),
      hostile,
    );

    it('unit: upstreamApiBase (and parseConnection before it)', () => {
      fc.assert(
        fc.property(anyString, fc.constantFrom('sandbox', 'production'), (tenantId, accountType) => {
          const suffix = accountType === 'sandbox' ? 'daruma.space' : 'smarthr.jp';
          for (const build of [
            () => upstreamApiBase({ accountType, tenantId }),
            () => upstreamApiBase(parseConnection(connectionHeaders({ accountType, tenant: tenantId, token: 't' }))),
          ]) {
            let url: URL;
            try {
              url = build();
            } catch (error) {
              expect(isServiceError(error) && error.status === 400, String(error)).to.equal(true);
              continue;
            }
            const label = tenantId.replace(/[A-Z]/g, (c) => c.toLowerCase());
            expect(LABEL.test(label)).to.equal(true);
            expect(url.href).to.equal(`https://${label}.${suffix}/api`);
            expect(url.origin).to.equal(`https://${label}.${suffix}`);
            expect([url.port, url.username, url.password, url.hash, url.search]).to.deep.equal(['', '', '', '', '']);
          }
        }),
        { numRuns: 3000 },
      );
    });

    it('service: a refusal or a call to exactly that tenant, and nothing anywhere else', async () => {
      const headerSafe = anyString.filter((s) => /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(s));
      const withAttacker = fc.oneof(headerSafe, fc.constantFrom('127.0.0.1:ATTACK/', 'localhost:ATTACK#', 'x@127.0.0.1:ATTACK/').map((t) => forAttacker(t, attacker)));
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(withAttacker, async (tenant) => {
          h.sim.requests.clear();
          const res = await request(h.app)
            .post('/connection/test')
            .set(h.connection({ tenant }));
          const seen = new Set(h.sim.requests.entries().map((e) => e.tenant));
          if (res.status === 400) {
            expect(res.body.error.code).to.equal('invalid_connection');
            expect(seen.size).to.equal(0);
            return;
          }
          accepted += 1;
          expect([...seen]).to.deep.equal([tenant.toLowerCase()]);
        }),
        { numRuns: 300 },
      );
      expect(accepted, 'some generated labels must be valid, or the property proves little').to.be.greaterThan(10);
      expect(attacker.connections, 'connections to the attacker listener').to.equal(0);
    });
  });
});
