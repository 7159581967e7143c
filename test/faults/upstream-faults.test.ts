import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { freePort } from '../../bench/lib/processes.ts';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import type { FaultRule } from '../../simulator/index.ts';
import { connectionHeaders, startHarness, type Harness } from '../helpers/harness.ts';
import { streamed } from '../pages/support.ts';
import { startRawStub, startStub, type RawStub } from '../smarthr/support/stub-upstream.ts';
import { guardProcessHygiene } from './support/hygiene.ts';

/**
 * Every upstream fault we can produce, through the service (createApp + simulator faults, or a
 * raw TCP server where the simulator cannot), each with the answer DESIGN.md section 5 defines.
 * Small limits keep timeouts fast; the assertions are on statuses, codes and call counts.
 */

type Json = Record<string, any>;

const LIMITS = { attemptTimeoutMs: 300, cardDeadlineMs: 1500 };

describe('faults: upstream fault matrix through the service', () => {
  guardProcessHygiene();

  describe('with the simulator', () => {
    let h: Harness;
    let id: string;
    const crewPath = () => `/api/v1/crews/${id}`;

    before(async () => {
      h = await startHarness({ simulator: { tenants: { demo: { employees: 20 } } }, app: { rateLimit: false, limits: LIMITS } });
      id = String(h.sim.tenant('demo').crews()[0]!.id);
    });
    after(() => h.close());
    beforeEach(() => {
      h.sim.faults.clear();
      h.sim.requests.clear();
    });

    const read = () => request(h.app).post('/cards/readEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': id } } });
    const fault = (rule: FaultRule) => h.sim.faults.set({ path: crewPath(), ...rule });
    const calls = () => h.sim.requests.count({ path: crewPath() });

    function expectError(res: request.Response, status: number, code: string): Json {
      expect(res.status, JSON.stringify(res.body)).to.equal(status);
      expect(res.body.error).to.include({ status, code });
      return res.body.error as Json;
    }

    // [fault, status, code, SmartHR's message kept (or ours), upstream calls]
    const matrix: Array<[string, FaultRule, number, string, string | RegExp, number]> = [
      ['401', { kind: 'status', status: 401 }, 401, 'unauthorized', '無効なアクセストークンです', 1],
      ['403', { kind: 'status', status: 403 }, 403, 'forbidden', 'アクセスが禁止されています', 1],
      ['404', { kind: 'status', status: 404 }, 404, 'not_found', 'リソースが見つかりません', 1],
      ['500', { kind: 'status', status: 500 }, 502, 'upstream_error', '予期しないエラーが発生しました', 1],
      ['502 (HTML gateway page), retried twice', { kind: 'status', status: 502 }, 502, 'upstream_error', /502/, 3],
      // The simulator's 503 is SmartHR's maintenance answer; a bare 503 is tested below with a stub.
      ['503 (SmartHR body, code 9), not retried', { kind: 'status', status: 503 }, 503, 'maintenance', 'メンテナンス中です', 1],
      ['504, retried twice', { kind: 'status', status: 504 }, 504, 'upstream_timeout', /timed out/, 3],
      ['503 maintenance (code 9), not retried', { kind: 'maintenance' }, 503, 'maintenance', 'メンテナンス中です', 1],
      ['connection reset before any answer, retried twice', { kind: 'reset' }, 502, 'upstream_error', /interrupted/, 3],
      ['reset mid-body, retried twice', { kind: 'resetMidBody' }, 502, 'upstream_error', /interrupted/, 3],
      ['truncated JSON (short Content-Length)', { kind: 'truncatedJson' }, 502, 'upstream_error', /malformed JSON/, 1],
      ['malformed JSON', { kind: 'malformedJson' }, 502, 'upstream_error', /malformed JSON/, 1],
      ['an HTML page with 200', { kind: 'html', status: 200 }, 502, 'upstream_error', /not JSON/, 1],
      ['an HTML error page with 500', { kind: 'html', status: 500 }, 502, 'upstream_error', /500/, 1],
      ['an empty 200', { kind: 'emptyBody', status: 200 }, 502, 'upstream_error', /empty/, 1],
      ['headers that never arrive', { kind: 'hang' }, 504, 'upstream_timeout', /in time/, 3],
      ['a body slower than the deadline', { kind: 'slowBody', slowBodyMs: 10_000 }, 504, 'upstream_timeout', /in time/, 3],
    ];

    for (const [what, rule, status, code, message, upstreamCalls] of matrix) {
      it(`Read Employee: ${what} -> ${status} ${code}`, async function () {
        this.timeout(5000);
        fault(rule);
        const error = expectError(await read(), status, code);
        if (typeof message === 'string') expect(error.message).to.include(message);
        else expect(error.message).to.match(message);
        expect(calls(), 'upstream calls').to.equal(upstreamCalls);
      });
    }

    it('429 -> 429 with Retry-After and retryAfter, keeping SmartHR\'s message', async () => {
      fault({ kind: 'rateLimited' });
      const res = await read();
      const error = expectError(res, 429, 'rate_limited');
      expect(error.message).to.include('リクエスト数が上限を超えました');
      expect(error.retryAfter).to.be.a('number').and.to.be.at.least(1);
      expect(res.headers['retry-after']).to.equal(String(error.retryAfter));
      expect(calls()).to.equal(1);
    });

    it('403 names the endpoint and the permission the token lacks', async () => {
      fault({ kind: 'status', status: 403 });
      const error = expectError(await read(), 403, 'forbidden');
      expect(error.message).to.include('/api/v1/crews');
      expect(error.message).to.match(/Read/);
    });

    it('a GET that gets one 502 is retried and succeeds; the simulator saw 2 calls', async () => {
      fault({ kind: 'status', status: 502, times: 1 });
      const res = await read().expect(200);
      expect(res.body['Basic Information']['Employee ID']).to.equal(id);
      expect(calls()).to.equal(2);
      expect(h.sim.requests.entries({ path: crewPath() }).map((e) => e.status)).to.deep.equal([502, 200]);
    });

    it('a GET reset once is retried and succeeds', async () => {
      fault({ kind: 'resetMidBody', times: 1 });
      await read().expect(200);
      expect(calls()).to.equal(2);
    });

    it('a PATCH (Update Employee) reset mid-body is not retried: 502 write_outcome_unknown, one call, and SmartHR may have applied it', async () => {
      h.sim.faults.set({ method: 'PATCH', path: crewPath(), kind: 'resetMidBody' });
      const res = await request(h.app).post('/cards/updateEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': id }, 'Basic Information': { 'Business Last Name': '再試行' } } });
      expectError(res, 502, 'write_outcome_unknown');
      expect(h.sim.requests.count({ method: 'PATCH' })).to.equal(1);
    });

    it('a PATCH that gets a 502 is not retried (a gateway cannot say whether it was applied)', async () => {
      h.sim.faults.set({ method: 'PATCH', path: crewPath(), kind: 'status', status: 502 });
      const res = await request(h.app).post('/cards/updateEmployee').set(h.connection()).send({ inputs: { Employee: { 'Employee ID': id }, 'Basic Information': { 'Business Last Name': '再試行' } } });
      expectError(res, 502, 'write_outcome_unknown');
      expect(h.sim.requests.count({ method: 'PATCH' })).to.equal(1);
    });

    it('a body over maxResponseBytes is a 502, never a partial answer', async () => {
      const app = await createApp({ logger: createLogger({ destination: h.logs }), rateLimit: false, upstreamBaseUrl: `${h.sim.url}/{tenant}`, limits: { ...LIMITS, maxResponseBytes: 2048 } });
      const res = await request(app).post('/cards/searchEmployees').set(h.connection()).send({ options: { 'Result Set': 'First 100 Matching Records' }, inputs: {} });
      const error = expectError(res, 502, 'upstream_error');
      expect(error.message).to.include('larger');
      expect(res.body).not.to.have.property('Records');
    });

    it('a stream whose second page is reset ends with an error line after the first page, not a count', async function () {
      this.timeout(10_000);
      // Two pages of crews: the fault is switched on when the second page is asked for, so the
      // first page's records are already streamed (status 200) when the failure arrives.
      const two = await startHarness({ simulator: { tenants: { demo: { employees: 150 } }, rateLimit: { perSecond: Number.POSITIVE_INFINITY } }, app: { rateLimit: false, limits: LIMITS } });
      try {
        let switched = false;
        two.sim.onRequest((info) => {
          if (switched || info.path !== '/api/v1/crews' || info.query.page !== '2') return;
          switched = true;
          two.sim.faults.set({ path: '/api/v1/crews', kind: 'resetMidBody' });
        });
        const { records, last } = await streamed(two.app, 'searchEmployees', { headers: two.connection(), options: { 'Result Set': 'Stream Matching Records' } });
        expect(switched).to.equal(true);
        expect(records.map((r) => r['Employee ID'])).to.deep.equal(two.sim.tenant('demo').crews().slice(0, 100).map((c) => String(c.id)));
        expect(last).to.have.property('error');
        expect(last).to.not.have.property('Records Streamed');
      } finally {
        await two.close();
      }
    });
  });

  describe('without the simulator', () => {
    const apps: Array<() => Promise<void>> = [];
    const logs = createLogger({ level: 'silent' });
    after(async () => {
      for (const close of apps.splice(0)) await close();
    });

    async function appFor(origin: string): Promise<Express> {
      return createApp({ logger: logs, rateLimit: false, upstreamBaseUrl: `${origin}/{tenant}`, limits: LIMITS });
    }
    async function rawStub(onData: Parameters<typeof startRawStub>[0]): Promise<RawStub> {
      const stub = await startRawStub(onData);
      apps.push(() => stub.close());
      return stub;
    }
    const read = (app: Express) => request(app).post('/cards/readEmployee').set(connectionHeaders()).send({ inputs: { Employee: { 'Employee ID': 'c1' } } });

    it('a bare 503 from a load balancer (no SmartHR body) -> 503 upstream_unavailable after two quick retries', async () => {
      const stub = await startStub((_req, res) => res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '7' }).end('Service Unavailable'));
      apps.push(() => stub.close());
      const res = await read(await appFor(stub.origin));
      expect(res.status).to.equal(503);
      expect(res.body.error).to.include({ code: 'upstream_unavailable', retryAfter: 7 });
      expect(res.headers['retry-after']).to.equal('7');
      expect(stub.seen).to.have.length(3);
    });

    it('connection refused -> 503 upstream_unavailable', async () => {
      const res = await read(await appFor(`http://127.0.0.1:${await freePort()}`));
      expect(res.status).to.equal(503);
      expect(res.body.error.code).to.equal('upstream_unavailable');
    });

    it('a server that accepts and never sends headers -> 504 within the card deadline', async function () {
      this.timeout(5000);
      const stub = await rawStub(() => undefined);
      const res = await read(await appFor(`http://127.0.0.1:${stub.port}`));
      expect(res.status).to.equal(504);
      expect(res.body.error.code).to.equal('upstream_timeout');
      expect(stub.connections).to.be.within(1, 3);
    });

    it('a server that sends half a status line and closes -> 502', async () => {
      const stub = await rawStub((socket) => socket.end('HTTP/1.1 20'));
      const res = await read(await appFor(`http://127.0.0.1:${stub.port}`));
      expect(res.status).to.equal(502);
    });

    it('a stale keep-alive socket (server drops it on the next request) is retried on a new connection for a GET', async () => {
      const crew = JSON.stringify({ id: 'c1', emp_code: '001', last_name: '山田', first_name: '花子' });
      const served = new WeakSet<object>();
      const stub = await rawStub((socket, _chunk, s) => {
        s.requests += 1;
        if (served.has(socket)) {
          socket.destroy(); // the server had already decided to close this idle connection
          return;
        }
        served.add(socket);
        socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(crew)}\r\nConnection: keep-alive\r\n\r\n${crew}`);
      });
      const app = await appFor(`http://127.0.0.1:${stub.port}`);
      const first = await read(app);
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      const second = await read(app);
      expect(second.status, JSON.stringify(second.body)).to.equal(200);
      expect(second.body['Basic Information']['Employee ID']).to.equal('c1');
      expect(stub.connections).to.equal(2);
      expect(stub.requests).to.equal(3);
    });
  });
});
