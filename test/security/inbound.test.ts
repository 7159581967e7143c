import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { MAX_BODY_BYTES } from '../../connector/routes/middleware/json-body.ts';
import { rateLimitKey } from '../../connector/routes/middleware/rate-limit.ts';
import { DEFAULT_SERVER_LIMITS, startServer, type StartedServer } from '../../connector/server.ts';
import { ALL_PERMISSIONS } from '../../simulator/index.ts';
import { DEMO_TOKEN, startHarness, type Harness } from '../helpers/harness.ts';

/** What a caller can throw at the service before any card runs (reliability-perf-hris.md A4 item 20). */

type Json = Record<string, any>;

/** superagent would JSON-encode a Buffer sent as application/json; this sends its bytes (its types say string). */
const rawBytes = (bytes: Buffer): string => bytes as unknown as string;

function expectEnvelope(res: request.Response, status: number, code: string): void {
  expect(res.status).to.equal(status);
  expect(res.type).to.equal('application/json');
  expect(res.body.error).to.include({ status, code });
  expect(res.body.error.message).to.be.a('string');
  expect(res.body.error.details).to.be.an('array');
}

describe('security: inbound requests', () => {
  let h: Harness;
  let employeeId: string;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { demo: { employees: 5 }, other: { employees: 5 } } }, app: { rateLimit: false } });
    employeeId = String(h.sim.tenant('demo').crews()[0]!.id);
  });
  after(() => h.close());
  const readBody = () => ({ inputs: { Employee: { 'Employee ID': employeeId } } });

  describe('body handling', () => {
    it('refuses a body over the limit with 413, before SmartHR is called', async () => {
      h.sim.requests.clear();
      const big = JSON.stringify({ inputs: { Employee: { 'Employee ID': 'x'.repeat(MAX_BODY_BYTES + 1) } } });
      const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).type('json').send(big);
      expectEnvelope(res, 413, 'payload_too_large');
      expect(h.sim.requests.count()).to.equal(0);
    });

    it('accepts a body just under the limit (then refuses the over-long ID as input, 400)', async () => {
      const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': 'x'.repeat(MAX_BODY_BYTES - 200) } } });
      expect(res.status).to.be.within(400, 404);
    });

    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp']) {
      it(`refuses Content-Type ${type} with 415`, async () => {
        const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).set('content-type', type).send('{"inputs":{}}');
        expectEnvelope(res, 415, 'unsupported_media_type');
      });
    }

    it('refuses a non-UTF-8 charset with 415', async () => {
      const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).set('content-type', 'application/json; charset=latin1').send('{}');
      expectEnvelope(res, 415, 'unsupported_media_type');
    });

    for (const bad of ['{', '{"inputs":', "{'inputs': {}}", '{"inputs":{}}}', 'null', '"text"', '42', '[1,2]', '\u0000']) {
      it(`answers the malformed or non-object body ${JSON.stringify(bad)} with 400 and does not echo it`, async () => {
        const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).type('json').send(bad);
        expectEnvelope(res, 400, 'invalid_input');
        if (bad.length > 3) expect(res.text).not.to.include(bad);
      });
    }

    for (const encoding of ['gzip', 'deflate', 'br']) {
      it(`answers an undecodable ${encoding} body with 400, logging no error or stack trace (issue 18, finding 10)`, async () => {
        const logged = h.logs.lines.length;
        const corrupt = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('definitely not compressed data, just noise '.repeat(8))]);
        const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).set('content-type', 'application/json').set('content-encoding', encoding).serialize(rawBytes).send(corrupt);
        expectEnvelope(res, 400, 'invalid_input');
        expect(res.body.error.message).to.include('Content-Encoding');
        const lines = h.logs.lines.slice(logged);
        expect(lines.filter((line) => /"level":50|"stack"/.test(line)), 'error lines or stack traces logged').to.deep.equal([]);
      });
    }

    it('still accepts a well-formed gzip body', async () => {
      const body = gzipSync(JSON.stringify(readBody()));
      await request(h.app).post('/cards/readEmployee').set(h.connection()).set('content-type', 'application/json').set('content-encoding', 'gzip').serialize(rawBytes).send(body).expect(200);
    });

    it('answers a 199 KB body of unknown keys with a small 400, refused before schema validation (issue 18, finding 11)', async () => {
      const junk = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, 0]));
      const body = JSON.stringify({ inputs: { Employee: { 'Employee ID': employeeId }, ...junk } });
      expect(body.length).to.be.within(190_000, 210_000);
      const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).type('json').send(body);
      expectEnvelope(res, 400, 'invalid_input');
      expect(res.text.length, 'answer size').to.be.below(4_096);
      expect(res.body.error.message).to.include('2000');
    });

    it('reports at most 20 validation errors, then how many more, and never echoes a long key in full (issue 18, finding 11)', async () => {
      const junk = Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [`unknown-${i}`, 'x']));
      const longKey = 'K'.repeat(100_000);
      const res = await request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': employeeId, [longKey]: 1 }, ...junk } });
      expectEnvelope(res, 400, 'invalid_input');
      expect(res.body.error.details).to.have.length(21);
      expect(res.body.error.details.at(-1).message).to.match(/and 1481 more/);
      expect(res.text.length, 'answer size').to.be.below(16_384);
      expect(res.text).not.to.include('K'.repeat(100));
    });

    it('answers an unknown card and an unknown route with 404 envelopes', async () => {
      expectEnvelope(await request(h.app).post('/cards/deleteEverything').set(h.connection()).send({}), 404, 'not_found');
      expectEnvelope(await request(h.app).get('/cards/deleteEverything'), 404, 'not_found');
      expectEnvelope(await request(h.app).get('/cards/__proto__'), 404, 'not_found');
      expectEnvelope(await request(h.app).post('/cards/constructor').set(h.connection()).send({}), 404, 'not_found');
      expectEnvelope(await request(h.app).get('/admin'), 404, 'not_found');
      expectEnvelope(await request(h.app).delete('/cards/readEmployee'), 404, 'not_found');
    });
  });

  describe('response headers', () => {
    it('sends security headers and no x-powered-by, on success and on errors', async () => {
      for (const res of [
        await request(h.app).get('/health'),
        await request(h.app).get('/cards'),
        await request(h.app).post('/cards/readEmployee').set(h.connection()).send(readBody()),
        await request(h.app).post('/cards/nope').send({}),
        await request(h.app).post('/cards/readEmployee').type('json').send('{'),
      ]) {
        expect(res.headers).not.to.have.property('x-powered-by');
        expect(res.headers['x-content-type-options']).to.equal('nosniff');
        expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN');
        expect(res.headers['content-security-policy']).to.include("default-src 'self'");
        expect(res.headers['strict-transport-security']).to.match(/max-age=\d+/);
        expect(res.headers['referrer-policy']).to.equal('no-referrer');
        expect(res.headers['x-request-id']).to.match(/^[A-Za-z0-9._-]{1,64}$/);
      }
    });

    it('does not reflect a hostile X-Request-Id', async () => {
      const res = await request(h.app).get('/health').set('x-request-id', 'a b<script>');
      expect(res.headers['x-request-id']).not.to.include('<');
    });
  });

  describe('CONNECTOR_API_KEY', () => {
    let app: Express;
    const KEY = 'operator-key-0123456789';
    before(async () => {
      app = await createApp({ logger: createLogger({ destination: h.logs }), rateLimit: false, upstreamBaseUrl: `${h.sim.url}/{tenant}`, apiKey: KEY });
    });

    it('lets /health through without a key', async () => {
      await request(app).get('/health').expect(200);
    });

    for (const [what, key] of [['missing', undefined], ['empty', ''], ['wrong', 'nope'], ['one character short', KEY.slice(0, -1)], ['one character long', `${KEY}x`], ['same length, last character wrong', `${KEY.slice(0, -1)}0`], ['upper-cased', KEY.toUpperCase()]] as const) {
      it(`refuses a ${what} key with 401 on every route, calling nothing`, async () => {
        h.sim.requests.clear();
        for (const send of [
          () => request(app).get('/cards'),
          () => request(app).get('/cards/readEmployee'),
          () => request(app).post('/cards/readEmployee').set(h.connection()).send(readBody()),
          () => request(app).post('/connection/test').set(h.connection()),
        ]) {
          const req = send();
          if (key !== undefined) req.set('x-connector-key', key);
          const res = await req;
          expectEnvelope(res, 401, 'unauthorized');
          expect(res.text).not.to.include(KEY);
        }
        expect(h.sim.requests.count()).to.equal(0);
      });
    }

    it('accepts the right key', async () => {
      await request(app).get('/cards').set('x-connector-key', KEY).expect(200);
      await request(app).post('/cards/readEmployee').set(h.connection()).set('x-connector-key', KEY).send(readBody()).expect(200);
    });

    it('never logs the key', () => {
      expect(h.logs.text()).not.to.include(KEY);
    });
  });

  describe('slow clients', () => {
    let server: StartedServer;
    before(async () => {
      server = await startServer(h.app, 0, '127.0.0.1', { headersTimeoutMs: 400, requestTimeoutMs: 800, checkIntervalMs: 50 });
    });
    after(() => server.close());

    /** Writes `pieces` one at a time; resolves with how many were written before the server hung up. */
    function drip(pieces: string[], intervalMs: number): Promise<{ written: number; answer: string }> {
      return new Promise((resolve) => {
        const socket = net.connect(server.port, '127.0.0.1');
        let written = 0;
        let answer = '';
        let timer: NodeJS.Timeout | undefined;
        const next = (): void => {
          if (socket.destroyed || written >= pieces.length) return;
          socket.write(pieces[written]!);
          written += 1;
          timer = setTimeout(next, intervalMs);
        };
        socket.on('connect', next);
        socket.on('data', (c: Buffer) => (answer += c.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve({ written, answer });
        });
      });
    }

    it('disconnects a client that drips its headers (slowloris)', async () => {
      const lines = ['POST /cards/readEmployee HTTP/1.1\r\n', ...Array.from({ length: 60 }, (_, i) => `X-Drip-${i}: ${i}\r\n`), '\r\n'];
      const { written, answer } = await drip(lines, 50);
      expect(written, 'header lines sent before the server hung up').to.be.lessThan(lines.length);
      expect(answer).to.match(/^HTTP\/1\.1 408/);
    });

    it('disconnects a client that drips its body', async () => {
      const head = `POST /cards/readEmployee HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`;
      const { written, answer } = await drip([head, ...Array.from({ length: 200 }, () => ' ')], 50);
      expect(written).to.be.lessThan(201);
      expect(answer).to.match(/^HTTP\/1\.1 408/);
    });

    it('main.ts starts the service through startServer, with header and request timeouts set', async () => {
      const main = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../connector/main.ts', import.meta.url), 'utf8'));
      expect(main).to.match(/startServer\(app, port\)/);
      const defaults = await startServer(h.app, 0, '127.0.0.1');
      try {
        expect(defaults.server.headersTimeout).to.equal(DEFAULT_SERVER_LIMITS.headersTimeoutMs);
        expect(defaults.server.requestTimeout).to.equal(DEFAULT_SERVER_LIMITS.requestTimeoutMs);
        expect(defaults.server.headersTimeout).to.be.at.most(15_000);
        expect(defaults.server.requestTimeout).to.be.at.most(120_000);
      } finally {
        await defaults.close();
      }
    });
  });

  describe('inbound rate limit (per tenant + token, not per IP)', () => {
    let app: Express;
    before(async () => {
      h.sim.tenant('demo').addToken('second-token', ALL_PERMISSIONS);
      app = await createApp({ logger: createLogger({ destination: h.logs }), upstreamBaseUrl: `${h.sim.url}/{tenant}`, rateLimit: { windowMs: 60_000, limit: 3 } });
    });

    const read = (conn: Record<string, string>, extra: Record<string, string> = {}) =>
      request(app).post('/cards/readEmployee').set(conn).set(extra).send(readBody());

    it('answers 429 in the envelope with Retry-After once a tenant + token spends its budget', async () => {
      for (let i = 0; i < 3; i += 1) await read(h.connection()).expect(200);
      h.sim.requests.clear();
      const res = await read(h.connection());
      expectEnvelope(res, 429, 'rate_limited');
      const retryAfter = Number(res.headers['retry-after']);
      expect(retryAfter).to.be.within(1, 60);
      expect(res.body.error.retryAfter).to.equal(retryAfter);
      expect(h.sim.requests.count(), 'a limited call reaches no upstream').to.equal(0);
    });

    it('keys on the tenant as the engine reads it: a different case or another IP gets no new budget', async () => {
      expectEnvelope(await read(h.connection({ tenant: 'DEMO' })), 429, 'rate_limited');
      expectEnvelope(await read(h.connection(), { 'x-forwarded-for': '203.0.113.9' }), 429, 'rate_limited');
    });

    it('keys on the token as the connection parses it: any case or spacing of "Bearer", or Basic, spends the same budget (issue 18, finding 3)', async () => {
      for (const scheme of ['bearer', 'BEARER', 'BeArEr', 'Bearer  ', 'bearer      ']) {
        const res = await read({ ...h.connection(), authorization: `${scheme} ${DEMO_TOKEN}` });
        expectEnvelope(res, 429, 'rate_limited');
      }
      // The API Connector's Basic form (connector key as user name, token as password) is the same token.
      expectEnvelope(await read({ ...h.connection(), authorization: `Basic ${Buffer.from(`smarthr:${DEMO_TOKEN}`).toString('base64')}` }), 429, 'rate_limited');
      const key = (authorization: string) => rateLimitKey({ headers: { 'x-smarthr-tenant-id': 'demo', authorization } } as unknown as Parameters<typeof rateLimitKey>[0]);
      expect(key(`bEaReR    ${DEMO_TOKEN}`)).to.equal(key(`Bearer ${DEMO_TOKEN}`));
      expect(key('Bearer other-token')).not.to.equal(key(`Bearer ${DEMO_TOKEN}`));
    });

    it('leaves another tenant with the same token, and the same tenant with another token, untouched', async () => {
      // "other" has its own store: demo-token is unknown there, which is SmartHR's 401, not our 429.
      const otherTenant = await read(h.connection({ tenant: 'other' }));
      expect(otherTenant.status).to.not.equal(429);
      await read(h.connection({ token: 'second-token' })).expect(200);
    });

    it('does not count catalog reads', async () => {
      for (let i = 0; i < 5; i += 1) await request(app).get('/cards').expect(200);
    });

    it('holds the token only as a hash in its key', () => {
      const key = rateLimitKey({ headers: { 'x-smarthr-tenant-id': 'Demo', authorization: 'Bearer SECRET-CANARY-1' } } as unknown as Parameters<typeof rateLimitKey>[0]);
      expect(key.startsWith('demo|')).to.equal(true);
      expect(key).not.to.include('SECRET-CANARY-1');
    });
  });
});
