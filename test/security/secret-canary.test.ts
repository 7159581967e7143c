import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { freePort } from '../../bench/lib/processes.ts';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { startServer, type StartedServer } from '../../connector/server.ts';
import { destroyAgents } from '../../connector/smarthr/agents.ts';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, type FaultRule } from '../../simulator/index.ts';
import { CapturedLogs, startHarness, type Harness } from '../helpers/harness.ts';
import { startStub, type Stub } from '../smarthr/support/stub-upstream.ts';

/**
 * The access token must never appear in anything the service says or logs (DESIGN.md sections
 * 5 and 6; reliability-perf-hris.md A2, A4 item 6). A canary token is sent through success and
 * every error class; every response (status line, headers, body) and every log line, at debug
 * level, is searched for it.
 */

type Json = Record<string, any>;

const CANARY = `SECRET-CANARY-${randomBytes(8).toString('hex')}`;
const CANARY_READONLY = `${CANARY}-ro`;
const CANARY_UNKNOWN = `${CANARY}-unknown`;
const LIMITS = { attemptTimeoutMs: 300, cardDeadlineMs: 1500 };

describe('security: secret canary', () => {
  let h: Harness;
  let id: string;
  const answers: string[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  before(async () => {
    // Every error path runs back to back with retries and connection probes (~25 upstream calls
    // a test): under SmartHR's 10/s the later ones would be paced into 429s, which the 429 cases
    // below cover on their own. So this harness opts out of the per-second window.
    h = await startHarness({ simulator: { tenants: { demo: { employees: 30 } }, rateLimit: { perSecond: Number.POSITIVE_INFINITY } }, app: { rateLimit: false, limits: LIMITS } });
    h.sim.tenant('demo').addToken(CANARY, ALL_PERMISSIONS);
    h.sim.tenant('demo').addToken(CANARY_READONLY, READ_ONLY_PERMISSIONS);
    id = String(h.sim.tenant('demo').crews()[0]!.id);
  });
  beforeEach(() => h.sim.faults.clear());

  after(async () => {
    for (const c of cleanups.splice(0)) await c();
    destroyAgents();
    await h.close();
  });

  after('no response and no log line carries the token', () => {
    expect(answers.length).to.be.greaterThan(25);
    expect(h.logs.lines.length).to.be.greaterThan(50);
    const leaks = [...answers, ...h.logs.lines].filter((text) => text.includes(CANARY));
    expect(leaks, 'texts containing the canary').to.deep.equal([]);
    // The redaction is real, not an empty log: the connection's tenant is there, the token not.
    expect(h.logs.text()).to.include('"tenant":"demo"');
  });

  const conn = (token = CANARY, tenant = 'demo') => h.connection({ token, tenant });
  function record(res: request.Response): request.Response {
    answers.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text ?? ''} ${JSON.stringify(res.body ?? null)}`);
    return res;
  }
  const card = async (app: Express, cardId: string, body: Json, headers: Record<string, string> = conn()) =>
    record(await request(app).post(`/cards/${cardId}`).set(headers).send(body));
  const read = (app: Express = h.app, headers?: Record<string, string>) => card(app, 'readEmployee', { inputs: { Employee: { 'Employee ID': id } } }, headers);

  describe('success', () => {
    it('Read Employee, Search Employees, List Departments, Custom API Action, the connection test', async () => {
      expect((await read()).status).to.equal(200);
      expect((await card(h.app, 'searchEmployees', { options: { 'Result Set': 'First 100 Matching Records' }, inputs: {} })).status).to.equal(200);
      expect((await card(h.app, 'listDepartments', { options: { 'Result Set': 'First 100 Records' } })).status).to.equal(200);
      expect((await card(h.app, 'customApiAction', { options: { 'Request Type': 'GET' }, inputs: { Request: { 'Relative URL': '/v1/crews?per_page=2' } } })).status).to.equal(200);
      expect(record(await request(h.app).post('/connection/test').set(conn())).status).to.equal(200);
    });

    it('a streamed result set', async () => {
      const res = record(
        await request(h.app).post('/cards/searchEmployees').set(conn()).send({ options: { 'Result Set': 'Stream Matching Records' }, inputs: {} })
          .buffer(true).parse((r, done) => {
            let text = '';
            r.on('data', (c: Buffer) => (text += c.toString()));
            r.on('end', () => done(null, text));
          }),
      );
      answers.push(String(res.body));
      expect(String(res.body)).to.include('Records Streamed');
    });
  });

  describe('errors', () => {
    it('400: invalid input, an invalid Tenant ID, an unknown Account Type, a malformed body', async () => {
      expect((await card(h.app, 'readEmployee', { inputs: { Employee: { 'Employee ID': 42 } } })).status).to.equal(400);
      expect((await read(h.app, conn(CANARY, 'evil.com#'))).status).to.equal(400);
      expect((await read(h.app, { ...conn(), 'x-smarthr-account-type': 'staging' })).status).to.equal(400);
      expect(record(await request(h.app).post('/cards/readEmployee').set(conn()).type('json').send(`{"token":"${CANARY}"`)).status).to.equal(400);
    });

    it('401: a token SmartHR refuses, and Authorization headers that are not "Bearer <token>"', async () => {
      expect((await read(h.app, conn(CANARY_UNKNOWN))).status).to.equal(401);
      expect(record(await request(h.app).post('/connection/test').set(conn(CANARY_UNKNOWN))).status).to.equal(401);
      for (const authorization of [`Bearer ${CANARY} extra`, `Basic ${CANARY}`, CANARY, `Bearer ${CANARY},x`, `Bearer ${CANARY}${'x'.repeat(5000)}`]) {
        expect((await read(h.app, { ...conn(), authorization })).status, authorization.slice(0, 30)).to.equal(401);
      }
    });

    it('403: a read-only token on Update Employee', async () => {
      const res = await card(h.app, 'updateEmployee', { inputs: { Employee: { 'Employee ID': id }, 'Basic Information': { 'Business Last Name': '鈴木' } } }, conn(CANARY_READONLY));
      expect(res.status).to.equal(403);
    });

    it('404: an unknown employee and an unknown card', async () => {
      expect((await card(h.app, 'readEmployee', { inputs: { Employee: { 'Employee ID': 'no-such-id' } } })).status).to.equal(404);
      expect((await card(h.app, 'noSuchCard', {})).status).to.equal(404);
    });

    const faults: Array<[FaultRule, number]> = [
      [{ kind: 'rateLimited' }, 429],
      [{ kind: 'status', status: 500 }, 502],
      [{ kind: 'status', status: 502 }, 502],
      [{ kind: 'maintenance' }, 503],
      [{ kind: 'status', status: 504 }, 504],
      [{ kind: 'hang' }, 504],
      [{ kind: 'reset' }, 502],
      [{ kind: 'malformedJson' }, 502],
      [{ kind: 'html' }, 502],
    ];
    for (const [rule, status] of faults) {
      it(`${status}: upstream ${rule.kind}${rule.status ? ` ${rule.status}` : ''}`, async function () {
        this.timeout(5000);
        h.sim.faults.set(rule);
        expect((await read()).status).to.equal(status);
        expect(record(await request(h.app).post('/connection/test').set(conn())).status).to.be.a('number');
      });
    }

    it('429: the inbound rate limit', async () => {
      const app = await createApp({ logger: createLogger({ level: 'debug', destination: h.logs }), upstreamBaseUrl: `${h.sim.url}/{tenant}`, rateLimit: { limit: 1 } });
      await read(app);
      expect((await read(app)).status).to.equal(429);
    });

    it('503: SmartHR unreachable (connection refused)', async () => {
      const app = await createApp({ logger: createLogger({ level: 'debug', destination: h.logs }), rateLimit: false, upstreamBaseUrl: `http://127.0.0.1:${await freePort()}/{tenant}`, limits: LIMITS });
      expect((await read(app)).status).to.equal(503);
    });

    it('an upstream that echoes the token in its error message and headers', async () => {
      const stub: Stub = await startStub((req, res) => {
        const echoed = String(req.headers.authorization);
        res.writeHead(400, { 'content-type': 'application/json', 'x-echo': echoed }).end(JSON.stringify({ code: 1, type: 'bad_request', message: `bad ${echoed}`, errors: [{ field: echoed, message: echoed, resource: 'crew' }] }));
      });
      cleanups.push(() => stub.close());
      const app = await createApp({ logger: createLogger({ level: 'debug', destination: h.logs }), rateLimit: false, upstreamBaseUrl: `${stub.origin}/{tenant}`, limits: LIMITS });
      expect((await read(app)).status).to.equal(400);
      expect((await card(app, 'customApiAction', { options: { 'Request Type': 'GET' }, inputs: { Request: { 'Relative URL': '/v1/crews' } } })).status).to.equal(400);
      expect(stub.seen.every((s) => s.headers.authorization === `Bearer ${CANARY}`)).to.equal(true);
    });
  });

  describe('encoded and partial echoes (issue 18)', () => {
    // '+', '/' and '=' make the URL-encoded and form-encoded spellings differ from the token.
    const TOKEN = `${CANARY}-echo+/x=`;
    const forms = (): Record<string, string> => ({
      'URL-encoded': encodeURIComponent(TOKEN),
      'URL-encoded, lower-case hex': encodeURIComponent(TOKEN).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      'form-encoded (+ as space)': TOKEN.replaceAll('+', ' '),
      base64: Buffer.from(TOKEN).toString('base64'),
      base64url: Buffer.from(TOKEN).toString('base64url'),
      'its first 16 characters': TOKEN.slice(0, 16),
      'its last 16 characters': TOKEN.slice(-16),
    });
    let stub: Stub;
    let app: Express;
    const texts: string[] = [];
    const logged: string[] = [];
    before(async () => {
      stub = await startStub((req, res) => {
        const f = forms();
        const echo = `${f['URL-encoded']} ${f['form-encoded (+ as space)']}`;
        const headers = { 'content-type': 'application/json', 'x-echo': f['URL-encoded, lower-case hex'] ?? '', 'x-partial': `token starts ${f['its first 16 characters']}...` };
        if ((req.url ?? '').includes('/departments')) {
          // A 2xx the Custom API Action passes through: SmartHR's own JSON and headers.
          res.writeHead(200, headers).end(JSON.stringify({ echo, nested: [{ b64: f.base64, tail: `...${f['its last 16 characters']}` }] }));
          return;
        }
        res.writeHead(400, headers).end(JSON.stringify({ code: 1, type: 'bad_request', message: `bad ${echo}`, errors: [{ field: f.base64url, message: `got ${f['its last 16 characters']}`, resource: 'crew' }] }));
      });
      cleanups.push(() => stub.close());
      const logs = new CapturedLogs();
      app = await createApp({ logger: createLogger({ level: 'debug', destination: logs }), rateLimit: false, upstreamBaseUrl: `${stub.origin}/{tenant}`, limits: LIMITS });
      const headers = conn(TOKEN);
      for (const res of [
        await request(app).post('/cards/readEmployee').set(headers).send({ inputs: { Employee: { 'Employee ID': 'c1' } } }),
        await request(app).post('/cards/customApiAction').set(headers).send({ options: { 'Request Type': 'GET' }, inputs: { Request: { 'Relative URL': '/v1/crews' } } }),
        await request(app).post('/cards/customApiAction').set(headers).send({ options: { 'Request Type': 'GET' }, inputs: { Request: { 'Relative URL': '/v1/departments' } } }),
      ]) {
        texts.push(`${res.status} ${JSON.stringify(res.headers)} ${res.text}`);
      }
      logged.push(...logs.lines);
    });

    it('the upstream really echoed every form, and the token reached it only in Authorization', () => {
      expect(stub.seen).to.have.length(3);
      expect(stub.seen.every((s) => s.headers.authorization === `Bearer ${TOKEN}`)).to.equal(true);
      expect(texts[0]).to.match(/^400 /);
      expect(texts[2]).to.match(/^200 /);
    });

    for (const [what, form] of Object.entries(forms())) {
      it(`no answer or log line carries the token ${what}`, () => {
        const leaks = [...texts, ...logged].filter((text) => text.includes(form));
        expect(leaks.map((l) => l.slice(0, 200))).to.deep.equal([]);
      });
    }
  });

  describe('callers that go away', () => {
    let server: StartedServer;
    before(async () => {
      server = await startServer(h.app, 0, '127.0.0.1');
    });
    after(() => server.close());

    /** Sends a card call over a raw socket and drops it after the first bytes of the answer, or after `ms`. */
    function abandon(body: Json, cardId: string, ms: number): Promise<string> {
      return new Promise((resolve) => {
        const payload = JSON.stringify(body);
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(
            `POST /cards/${cardId} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n` +
              `X-SmartHR-Account-Type: sandbox\r\nX-SmartHR-Tenant-Id: demo\r\nAuthorization: Bearer ${CANARY}\r\n\r\n${payload}`,
          );
        });
        let received = '';
        const timer = setTimeout(() => socket.destroy(), ms);
        socket.on('data', (c: Buffer) => {
          received += c.toString();
          socket.destroy();
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(received);
        });
      });
    }

    async function loggedAbort(): Promise<void> {
      for (let i = 0; i < 100 && !h.logs.lines.some((l) => l.includes('"aborted":true')); i += 1) await new Promise((r) => setTimeout(r, 20));
    }

    it('a client that disconnects while SmartHR hangs', async () => {
      h.sim.faults.set({ kind: 'hang' });
      answers.push(await abandon({ inputs: { Employee: { 'Employee ID': id } } }, 'readEmployee', 150));
      await loggedAbort();
      expect(h.logs.lines.some((l) => l.includes('"aborted":true'))).to.equal(true);
    });

    it('a client that disconnects in the middle of a stream, and a stream cut by SmartHR', async () => {
      h.sim.faults.set({ path: '/api/v1/crews', kind: 'slowBody', slowBodyMs: 400 });
      answers.push(await abandon({ options: { 'Result Set': 'Stream Matching Records' }, inputs: {} }, 'searchEmployees', 2000));
      h.sim.faults.clear();
      h.sim.faults.set({ path: '/api/v1/crews', kind: 'resetMidBody' });
      const res = await request(h.app).post('/cards/searchEmployees').set(conn()).send({ options: { 'Result Set': 'Stream Matching Records' }, inputs: {} })
        .buffer(true).parse((r, done) => {
          let text = '';
          r.on('data', (c: Buffer) => (text += c.toString()));
          r.on('end', () => done(null, text));
        });
      answers.push(`${JSON.stringify(res.headers)} ${String(res.body)}`);
      expect(String(res.body)).to.include('"error"');
    });
  });
});
