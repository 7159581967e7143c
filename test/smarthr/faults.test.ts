import { createHook } from 'node:async_hooks';
import http from 'node:http';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { freePort } from '../../bench/lib/processes.ts';
import { ServiceError } from '../../connector/errors.ts';
import { createLogger } from '../../connector/logging.ts';
import { destroyAgents } from '../../connector/smarthr/agents.ts';
import { SmartHRClient } from '../../connector/smarthr/client.ts';
import {
  CANARY,
  captureLogs,
  clientFor,
  jsonResponse,
  rejectionOf,
  startRawStub,
  startStub,
  type RawStub,
  type Stub,
} from './support/stub-upstream.ts';

/** Upstream faults over real loopback sockets (reliability-perf-hris.md A4 items 8-17). */

const OK_BODY = '{"id":"c1"}';
const OK_RESPONSE = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${OK_BODY.length}\r\nConnection: keep-alive\r\n\r\n${OK_BODY}`;

function asServiceError(err: unknown): ServiceError {
  expect(err).to.be.instanceOf(ServiceError);
  return err as ServiceError;
}

function attemptLines(lines: string[]): Array<Record<string, unknown>> {
  return lines
    .map((l) => JSON.parse(l) as { msg?: string; upstream?: Record<string, unknown> })
    .filter((l) => l.msg === 'smarthr upstream attempt')
    .map((l) => l.upstream ?? {});
}

describe('smarthr/client faults', () => {
  const cleanups: Array<() => Promise<void>> = [];
  const logs = captureLogs();
  const client = (port: number, options: Parameters<typeof clientFor>[1] = {}): SmartHRClient =>
    clientFor(port, { logger: logs.logger, ...options });

  async function stub(handler: Parameters<typeof startStub>[0], configure?: Parameters<typeof startStub>[1]): Promise<Stub> {
    const s = await startStub(handler, configure);
    cleanups.push(() => s.close());
    return s;
  }

  async function rawStub(onData: Parameters<typeof startRawStub>[0]): Promise<RawStub> {
    const s = await startRawStub(onData);
    cleanups.push(() => s.close());
    return s;
  }

  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
    destroyAgents();
  });

  after(() => {
    // Secrets rule: across every fault in this file, no log line carries the token.
    expect(logs.lines.length).to.be.greaterThan(0);
    for (const line of logs.lines) expect(line).not.to.include(CANARY);
  });

  describe('retries', () => {
    it('a GET that gets one 502 is retried and succeeds with attempts 2', async () => {
      const s = await stub((_req, res, i) => (i === 0 ? res.writeHead(502).end('bad gateway') : jsonResponse(res, 200, { id: 'c1' })));
      const before = logs.lines.length;
      const res = await client(s.port).request({ method: 'GET', path: '/v1/crews/c1' });
      expect(res).to.deep.include({ status: 200, attempts: 2, body: { id: 'c1' } });
      expect(s.seen).to.have.length(2);
      const lines = attemptLines(logs.lines.slice(before));
      expect(lines).to.have.length(2);
      expect(lines[0]).to.deep.include({ method: 'GET', path: '/acme/api/v1/crews/c1', status: 502, attempt: 1, retryReason: 'status_502' });
      expect(lines[1]).to.deep.include({ status: 200, attempt: 2 });
      expect(lines[1]).not.to.have.property('retryReason');
      expect(lines[0]?.['latencyMs']).to.be.a('number');
    });

    it('a GET that keeps failing stops after maxRetries + 1 attempts with 502', async () => {
      const s = await stub((_req, res) => res.writeHead(502).end());
      const e = asServiceError(await rejectionOf(client(s.port).request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code]).to.deep.equal([502, 'upstream_error']);
      expect(s.seen).to.have.length(3);
    });

    it('a POST that gets a 502 is not retried', async () => {
      const s = await stub((_req, res) => res.writeHead(502).end());
      const e = asServiceError(await rejectionOf(client(s.port).request({ method: 'POST', path: '/v1/crews', body: { a: 1 } })));
      expect(e.status).to.equal(502);
      expect(s.seen).to.have.length(1);
    });

    it('a PATCH whose response is reset mid-body is not retried (502 write_outcome_unknown)', async () => {
      const s = await stub((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id":"c1","last_name":');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const e = asServiceError(await rejectionOf(client(s.port).request({ method: 'PATCH', path: '/v1/crews/c1', body: { last_name: 'x' } })));
      expect([e.status, e.code]).to.deep.equal([502, 'write_outcome_unknown']);
      expect(e.message).to.equal('SmartHR did not confirm PATCH /api/v1/crews: it may have been applied, check before retrying');
      expect(s.seen).to.have.length(1);
    });

    it('a GET whose response is reset mid-body is retried and never passes partial JSON through', async () => {
      const s = await stub((_req, res, i) => {
        if (i > 0) return jsonResponse(res, 200, { id: 'c1' });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id":"c1",');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const res = await client(s.port).request({ method: 'GET', path: '/v1/crews/c1' });
      expect(res).to.deep.include({ attempts: 2, body: { id: 'c1' } });
    });

    it('a POST refused at connect is retried and succeeds once the server is up', async () => {
      const port = await freePort();
      const seen: string[] = [];
      const server = http.createServer((req, res) => {
        seen.push(`${req.method} ${req.url}`);
        req.resume();
        req.on('end', () => jsonResponse(res, 201, { id: 'new' }));
      });
      cleanups.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
      // Start the upstream exactly when the client logs its first (refused) attempt.
      const lines: string[] = [];
      const starter = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          if (lines.length === 1) server.listen(port, '127.0.0.1');
          done();
        },
      });
      const starterClient = clientFor(port, { logger: createLogger({ destination: starter }) });
      const res = await starterClient.request({ method: 'POST', path: '/v1/crews', body: { last_name: 'x' } });
      expect(res).to.deep.include({ status: 201, attempts: 2, body: { id: 'new' } });
      expect(seen).to.deep.equal(['POST /acme/api/v1/crews']);
      expect(attemptLines(lines)[0]).to.deep.include({ failure: 'refused', retryReason: 'refused' });
    });

    it('a port that stays closed gives 503 upstream_unavailable after bounded attempts', async () => {
      const port = await freePort();
      const { lines, logger } = captureLogs();
      const e = asServiceError(await rejectionOf(clientFor(port, { logger }).request({ method: 'DELETE', path: '/v1/crews/c1' })));
      expect([e.status, e.code]).to.deep.equal([503, 'upstream_unavailable']);
      expect(e.message).not.to.include('127.0.0.1');
      expect(attemptLines(lines)).to.have.length(3);
    });

    it('a DNS failure is a 502 with a message of our own (no URL, no token)', async () => {
      const dnsClient = new SmartHRClient({
        apiBase: new URL('http://nonexistent.invalid/acme/api'),
        accessToken: CANARY,
        maxRetries: 0,
      });
      const e = asServiceError(await rejectionOf(dnsClient.request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code, e.message]).to.deep.equal([502, 'upstream_error', 'The SmartHR host name could not be resolved']);
    });
  });

  describe('redirects, size and body shape', () => {
    it('a 302 to another listener is not followed: 502, and the target receives nothing', async () => {
      const target = await stub((_req, res) => jsonResponse(res, 200, { stolen: true }));
      const s = await stub((_req, res) => res.writeHead(302, { location: `${target.origin}/steal` }).end());
      const e = asServiceError(await rejectionOf(client(s.port).request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code]).to.deep.equal([502, 'upstream_error']);
      expect(e.message).to.include('redirect');
      const raw = await client(s.port).requestRaw({ method: 'GET', path: '/v1/crews' });
      expect(raw.status).to.equal(302);
      expect(target.connections).to.equal(0);
      expect(target.seen).to.have.length(0);
    });

    it('an oversized body (declared length) is refused with 502', async () => {
      const s = await stub((_req, res) => jsonResponse(res, 200, { data: 'x'.repeat(5000) }));
      const e = asServiceError(await rejectionOf(client(s.port, { maxResponseBytes: 1024 }).request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code, e.message]).to.deep.equal([502, 'upstream_error', 'SmartHR sent a response larger than the connector accepts']);
      expect(s.seen).to.have.length(1); // oversize is not retried
    });

    it('an oversized chunked body (no length) is cut at the cap with 502', async () => {
      const s = await stub((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[');
        for (let i = 0; i < 100; i++) res.write(`"${'y'.repeat(100)}",`);
        res.end('"z"]');
      });
      const e = asServiceError(await rejectionOf(client(s.port, { maxResponseBytes: 2048 }).request({ method: 'GET', path: '/v1/crews' })));
      expect(e.message).to.equal('SmartHR sent a response larger than the connector accepts');
    });

    it('a truncated chunked JSON body is a 502, never a partial pass-through', async () => {
      const s = await stub((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('[{"id":"c1"},');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const e = asServiceError(await rejectionOf(client(s.port, { maxRetries: 0 }).request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code]).to.deep.equal([502, 'upstream_error']);
    });
  });

  describe('timeouts', () => {
    it('headers that never arrive end a POST within the per-attempt timeout when it has no deadline: 502 write_outcome_unknown, not retried', async () => {
      const s = await rawStub((_socket, _chunk, st) => {
        st.requests += 1; // read the request, never answer
      });
      const started = Date.now();
      const e = asServiceError(await rejectionOf(client(s.port, { timeoutMs: 200 }).request({ method: 'POST', path: '/v1/crews', body: {} })));
      const elapsed = Date.now() - started;
      expect([e.status, e.code]).to.deep.equal([502, 'write_outcome_unknown']);
      expect(elapsed).to.be.within(190, 1000);
      expect(s.requests).to.equal(1);
    });

    it('a GET that times out is retried within bounds, then 504', async () => {
      const s = await rawStub((_socket, _chunk, st) => {
        st.requests += 1;
      });
      const started = Date.now();
      const e = asServiceError(await rejectionOf(client(s.port, { timeoutMs: 150, maxRetries: 1 }).request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code]).to.deep.equal([504, 'upstream_timeout']);
      expect(s.requests).to.equal(2);
      expect(Date.now() - started).to.be.within(300, 1200);
    });

    it("the caller's deadline signal ends the call with 504 and no retry", async () => {
      const s = await rawStub((_socket, _chunk, st) => {
        st.requests += 1;
      });
      const started = Date.now();
      const signal = AbortSignal.timeout(150);
      const e = asServiceError(await rejectionOf(client(s.port).request({ method: 'GET', path: '/v1/crews', signal })));
      expect([e.status, e.code]).to.deep.equal([504, 'upstream_timeout']);
      expect(Date.now() - started).to.be.within(140, 1000);
      expect(s.requests).to.equal(1);
    });

    it('a slow body past the per-attempt timeout is a 504', async () => {
      const s = await stub((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":');
      });
      const e = asServiceError(await rejectionOf(client(s.port, { timeoutMs: 150, maxRetries: 0 }).request({ method: 'GET', path: '/v1/crews' })));
      expect([e.status, e.code]).to.deep.equal([504, 'upstream_timeout']);
    });
  });

  describe('keep-alive', () => {
    it('reuses one connection for sequential calls', async () => {
      const s = await stub((_req, res) => jsonResponse(res, 200, { ok: true }));
      const c = client(s.port);
      for (let i = 0; i < 5; i++) await c.request({ method: 'GET', path: '/v1/crews' });
      expect(s.seen).to.have.length(5);
      expect(s.connections).to.equal(1);
    });

    it('a server idle timeout shorter than the gap between GETs causes no error', async () => {
      const s = await stub((_req, res) => jsonResponse(res, 200, { ok: true }), (server) => {
        server.keepAliveTimeout = 100;
      });
      const c = client(s.port);
      await c.request({ method: 'GET', path: '/v1/crews' });
      await new Promise((r) => setTimeout(r, 250));
      const second = await c.request({ method: 'GET', path: '/v1/crews' });
      expect(second.status).to.equal(200);
      expect(s.seen).to.have.length(2);
    });

    it('a GET written into a keep-alive socket the server is closing is retried on a new one', async () => {
      // The server answers the first request on each connection and drops the connection when a
      // second arrives on it: the race of a stale pooled socket, made deterministic.
      const perSocket = new WeakMap<object, number>();
      const s = await rawStub((socket, _chunk, st) => {
        const n = (perSocket.get(socket) ?? 0) + 1;
        perSocket.set(socket, n);
        st.requests += 1;
        if (n === 1) socket.write(OK_RESPONSE);
        else socket.destroy();
      });
      const c = client(s.port);
      const first = await c.request({ method: 'GET', path: '/v1/crews/c1' });
      const second = await c.request({ method: 'GET', path: '/v1/crews/c1' });
      expect([first.attempts, second.attempts]).to.deep.equal([1, 2]);
      expect(second.body).to.deep.equal({ id: 'c1' });
      expect(s.connections).to.equal(2);
    });

    it('a POST written into such a socket is not retried (it may have been processed)', async () => {
      const perSocket = new WeakMap<object, number>();
      const s = await rawStub((socket, _chunk, st) => {
        const n = (perSocket.get(socket) ?? 0) + 1;
        perSocket.set(socket, n);
        st.requests += 1;
        if (n === 1) socket.write(OK_RESPONSE);
        else socket.destroy();
      });
      const c = client(s.port);
      await c.request({ method: 'GET', path: '/v1/crews/c1' });
      const e = asServiceError(await rejectionOf(c.request({ method: 'POST', path: '/v1/crews', body: {} })));
      expect([e.status, e.code]).to.deep.equal([502, 'write_outcome_unknown']);
      expect(s.connections).to.equal(1);
    });
  });

  describe('resource hygiene', () => {
    it('leaves no sockets or timers behind after success, timeout, reset and refusal', async () => {
      const handles = (): string[] =>
        process.getActiveResourcesInfo().filter((r) => !['Timeout', 'Immediate', 'FSReqCallback'].includes(r)).sort();
      // Every timer created during the run must be cleared or fired by the end, except the
      // stub server's Date-header cache and mocha's own test timer.
      const liveTimers = new Map<number, string>();
      const hook = createHook({
        init(id, type) {
          if (type === 'Timeout') liveTimers.set(id, new Error().stack ?? '');
        },
        destroy(id) {
          liveTimers.delete(id);
        },
      }).enable();
      const baseline = handles();
      try {
        const ok = await startStub((_req, res, i) => (i === 1 ? res.socket?.destroy() : jsonResponse(res, 200, {})));
        const silent = await startRawStub(() => undefined);
        const c = client(ok.port, { maxRetries: 0 });
        await c.request({ method: 'GET', path: '/v1/a' });
        await rejectionOf(c.request({ method: 'GET', path: '/v1/b' }));
        await rejectionOf(client(silent.port, { timeoutMs: 100, maxRetries: 0 }).request({ method: 'GET', path: '/v1/c' }));
        await rejectionOf(client(await freePort(), { maxRetries: 0 }).request({ method: 'GET', path: '/v1/d' }));
        await ok.close();
        await silent.close();
        destroyAgents();
        for (let i = 0; i < 50 && handles().join() !== baseline.join(); i++) await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
      } finally {
        hook.disable();
      }
      expect(handles()).to.deep.equal(baseline);
      const ours = [...liveTimers.values()].filter((stack) => !stack.includes('utcDate') && !stack.includes('node_modules/mocha'));
      expect(ours, ours.join('\n---\n')).to.deep.equal([]);
    });
  });
});
