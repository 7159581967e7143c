import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { destroyAgents } from '../../connector/smarthr/agents.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { startStub, type Stub } from '../smarthr/support/stub-upstream.ts';
import { startAttacker, type Attacker } from './support/listeners.ts';

/**
 * Custom API Action is the one card where a flow types a URL. Whatever it types, the request
 * stays on the connection's host under /api/v1/, or is refused before anything is sent; and an
 * upstream redirect is never followed (reliability-perf-hris.md A1, A4 items 3-5).
 */

type Json = Record<string, any>;

const REFUSED = [
  'http://127.0.0.1:ATTACK/v1/crews', 'HTTP://127.0.0.1:ATTACK/v1/crews', 'https:127.0.0.1:ATTACK/v1', 'https:/127.0.0.1:ATTACK/v1',
  '//127.0.0.1:ATTACK/v1/crews', '/\\127.0.0.1:ATTACK/v1/crews', '\\/127.0.0.1:ATTACK/v1', '\\\\127.0.0.1:ATTACK\\v1',
  'file:///etc/passwd', 'data:text/plain,x', 'mailto:x@evil.example', 'javascript:alert(1)',
  '/v1/@127.0.0.1:ATTACK', '/v1/crews@127.0.0.1:ATTACK', '/v1/crews#@127.0.0.1:ATTACK', '/v1/crews?x=1#frag',
  '/v1/../127.0.0.1:ATTACK', '/v1/crews/..%2f..%2f', '/v1/%2e%2e%2f%2e%2e%2fx', '/v1/.%2e/x', '/v1/%2e/crews', '/v1/crews/%2E',
  '/api/v1/../../x', '/api/v1/%2e%2e/%2e%2e/x', '/v1/crews%5c..%5c..', '/v1/crews/..;/..;/../x', '/v1/crews/.',
  ' /v1/crews', '/v1/crews\t', '/v1/cr\u0000ews', '/v1/crews\u0085', '/v1/crews\r\nHost: 127.0.0.1', '/v1/crews%',
  '/v1/crews/%zz', '/v1//127.0.0.1:ATTACK', '', '/', '/api', '/api/v2/crews', '/v2/crews', 'v1/crews', '../v1/crews',
  `/v1/${'a/'.repeat(1100)}`,
];

/** Odd but harmless: sent, and only ever to the connection's own host under /api/v1/. */
const CONTAINED = [
  '/v1/crews/%252e%252e/x', '/v1/crews/\uff0e\uff0e/users', '/v1/crews?redirect=http://127.0.0.1:ATTACK/', '/v1/crews?url=//127.0.0.1:ATTACK',
  '/v1/crews/%40127.0.0.1:ATTACK', '/v1/crews/a:b', '/api/v1/crews?per_page=1',
];

describe('security: Custom API Action URLs and redirects', () => {
  let h: Harness;
  let attacker: Attacker;

  before(async () => {
    attacker = await startAttacker();
    h = await startHarness({ simulator: { tenants: { demo: { employees: 5 } } }, app: { rateLimit: false } });
  });
  after(async () => {
    await h.close();
    await attacker.close();
  });
  afterEach(() => expect(attacker.connections, 'connections to the attacker listener').to.equal(0));

  const call = (app: Express, headers: Record<string, string>, method: string, req: Json) =>
    request(app).post('/cards/customApiAction').set(headers).send({ options: { 'Request Type': method }, inputs: { Request: req } });
  const at = (url: string) => url.replaceAll('ATTACK', String(attacker.port));

  for (const template of REFUSED) {
    it(`refuses the Relative URL ${JSON.stringify(template).slice(0, 50)} for every method, sending nothing`, async () => {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        h.sim.requests.clear();
        const res = await call(h.app, h.connection(), method, { 'Relative URL': at(template), Body: {} });
        expect(res.status, method).to.equal(400);
        expect(res.body.error.code).to.equal('invalid_input');
        expect(JSON.stringify(res.body.error.details)).to.include('Relative URL');
        expect(h.sim.requests.count()).to.equal(0);
      }
    });
  }

  for (const template of CONTAINED) {
    it(`keeps ${JSON.stringify(template).slice(0, 50)} on the tenant's own host under /api/v1/`, async () => {
      h.sim.requests.clear();
      const res = await call(h.app, h.connection(), 'GET', { 'Relative URL': at(template) });
      expect(res.status === 200 || res.status === 404, String(res.status)).to.equal(true);
      const seen = h.sim.requests.entries();
      expect(seen).to.have.length(1);
      expect(seen[0]!.tenant).to.equal('demo');
      expect(seen[0]!.path.startsWith('/api/v1/')).to.equal(true);
    });
  }

  it('refuses headers that would carry or replace credentials, or split the request', async () => {
    const bad: Json[] = [
      { 'Proxy-Authorization': 'x' }, { Cookie: 'a=b' }, { 'X-Forwarded-Host': at('127.0.0.1:ATTACK') }, { Forwarded: 'host=evil' },
      { 'Content-Length': '0' }, { Expect: '100-continue' }, { 'X-Evil\r\nHost': 'x' }, { 'X-Ok': 'a\r\nHost: evil' }, { 'X-Ok': 'a\nb' },
      { 'bad name': 'x' }, { ['x'.repeat(65)]: 'x' },
    ];
    for (const headers of bad) {
      h.sim.requests.clear();
      const res = await call(h.app, h.connection(), 'GET', { 'Relative URL': '/v1/crews', Headers: headers });
      expect(res.status, JSON.stringify(headers)).to.equal(400);
      expect(h.sim.requests.count()).to.equal(0);
    }
  });

  it('answers a header value with a control or non-Latin-1 character with 400 naming Headers and the header, sending nothing (issue 18, finding 10)', async () => {
    const values = ['a\u0001b', 'tab\tis fine but bell\u0007 is not', 'del\u007f', '東京', 'emoji \u{1F600}', 'a\u0100b'];
    for (const value of values) {
      h.sim.requests.clear();
      const res = await call(h.app, h.connection(), 'GET', { 'Relative URL': '/v1/crews', Headers: { 'X-Note': value } });
      expect(res.status, JSON.stringify(value)).to.equal(400);
      expect(res.body.error.code).to.equal('invalid_input');
      expect(res.body.error.message).to.include('Headers').and.include('X-Note');
      expect(res.body.error.details[0]).to.include({ field: 'Headers' });
      expect(h.sim.requests.count()).to.equal(0);
    }
    // Tabs and Latin-1 letters are valid header text and still go through.
    const fine = await call(h.app, h.connection(), 'GET', { 'Relative URL': '/v1/crews', Headers: { 'X-Note': 'caf\u00e9\tok' } });
    expect(fine.status).to.equal(200);
  });

  describe('upstream redirects', () => {
    let stub: Stub;
    let app: Express;
    let location = '';

    before(async () => {
      stub = await startStub((_req, res) => {
        res.writeHead(Number(/\/(30\d)$/.exec(location)?.[1] ?? 302), { location, 'content-type': 'application/json' }).end('{}');
      });
      app = await createApp({ logger: createLogger({ destination: h.logs }), rateLimit: false, upstreamBaseUrl: `${stub.origin}/{tenant}` });
    });
    after(async () => {
      destroyAgents();
      await stub.close();
    });

    for (const status of [301, 302, 303, 307, 308]) {
      it(`a ${status} to the attacker is not followed: 502 for a mapped card, the raw 3xx for Custom API Action`, async () => {
        location = at(`http://127.0.0.1:ATTACK/steal/${status}`);
        stub.seen.length = 0;
        const read = await request(app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': 'c1' } } });
        expect(read.status).to.equal(502);
        expect(read.body.error.code).to.equal('upstream_error');
        expect(read.body.error.message).to.include('redirect');
        const raw = await call(app, h.connection(), 'GET', { 'Relative URL': '/v1/crews' }).expect(502);
        expect(raw.body.error.message).to.include('redirect');
        expect(stub.seen.map((s) => s.url)).to.deep.equal(['/demo/api/v1/crews/c1', '/demo/api/v1/crews']);
      });
    }

    it('a redirect to the same host is not followed either', async () => {
      location = `${stub.origin}/demo/api/v1/crews/other/302`;
      stub.seen.length = 0;
      const res = await request(app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': 'c1' } } });
      expect(res.status).to.equal(502);
      expect(stub.seen).to.have.length(1);
    });

    it('the connection test does not follow redirects', async () => {
      location = at('http://127.0.0.1:ATTACK/steal/302');
      stub.seen.length = 0;
      const res = await request(app).post('/connection/test').set(h.connection());
      // Either refused outright or reported as unknown: never "ok" on the strength of a redirect.
      if (res.status === 200) {
        expect(res.body.status).to.not.equal('ok');
        expect(res.body.permissions.every((p: Json) => p.read === 'unknown' && /redirect/.test(p.message))).to.equal(true);
      }
      expect(stub.seen.every((s) => s.url.startsWith('/demo/api/v1/'))).to.equal(true);
    });
  });
});
