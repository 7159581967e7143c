import { expect } from 'chai';
import { ServiceError } from '../../connector/errors.ts';
import { destroyAgents } from '../../connector/smarthr/agents.ts';
import { RateLimitPacer } from '../../connector/smarthr/rate-limit-pacer.ts';
import { clientFor, jsonResponse, rejectionOf, smarthrError, startStub, type Stub } from './support/stub-upstream.ts';

/** The client and the pacer together, with real time (resets of one second). */

function tooMany(reset: number): Record<string, string> {
  return { 'x-rate-limit-limit': '10', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) };
}

describe('smarthr/client rate limits', () => {
  let stub: Stub | undefined;
  afterEach(async () => {
    await stub?.close();
    destroyAgents();
  });

  it('waitOnRateLimit: a 429 is waited out and the same request repeated', async () => {
    stub = await startStub((_req, res, i) =>
      i === 0 ? smarthrError(res, 429, 6, 'too_many_requests', 'x', {}, tooMany(1)) : jsonResponse(res, 200, [{ id: 'p2' }]),
    );
    const started = Date.now();
    const res = await clientFor(stub.port).request({ method: 'GET', path: '/v1/crews', query: { page: 2 }, waitOnRateLimit: true });
    const elapsed = Date.now() - started;
    expect(res).to.deep.include({ status: 200, attempts: 2, body: [{ id: 'p2' }] });
    expect(stub.seen.map((r) => r.url)).to.deep.equal(['/acme/api/v1/crews?page=2', '/acme/api/v1/crews?page=2']);
    expect(elapsed).to.be.within(950, 2500);
  });

  it('without waitOnRateLimit a 429 is returned at once with retryAfter', async () => {
    stub = await startStub((_req, res) => smarthrError(res, 429, 6, 'too_many_requests', 'x', {}, tooMany(7)));
    const started = Date.now();
    const err = (await rejectionOf(clientFor(stub.port).request({ method: 'GET', path: '/v1/crews' }))) as ServiceError;
    expect([err.status, err.code, err.retryAfter]).to.deep.equal([429, 'rate_limited', 7]);
    expect(stub.seen).to.have.length(1);
    expect(Date.now() - started).to.be.below(500);
  });

  it('waitOnRateLimit gives up at once when the reset is past the deadline', async () => {
    stub = await startStub((_req, res) => smarthrError(res, 429, 6, 'too_many_requests', 'x', {}, tooMany(30)));
    const started = Date.now();
    const call = { method: 'GET' as const, path: '/v1/crews', waitOnRateLimit: true, deadlineAt: Date.now() + 5_000 };
    const err = (await rejectionOf(clientFor(stub.port).request(call))) as ServiceError;
    expect([err.status, err.retryAfter]).to.deep.equal([429, 30]);
    expect(stub.seen).to.have.length(1);
    expect(Date.now() - started).to.be.below(500);
  });

  it('a shared pacer makes the next call wait for a spent window instead of causing a 429', async () => {
    stub = await startStub((_req, res, i) => jsonResponse(res, 200, { i }, i === 0 ? tooMany(1) : {}));
    const pacer = new RateLimitPacer();
    await clientFor(stub.port, { pacer }).request({ method: 'GET', path: '/v1/crews' });
    const started = Date.now();
    const second = await clientFor(stub.port, { pacer }).request({ method: 'GET', path: '/v1/crews' });
    expect(second.body).to.deep.equal({ i: 1 });
    expect(Date.now() - started).to.be.within(900, 2000);
  });

  it('a single call does not sit out a long hold: 429 with the wait, without reaching SmartHR', async () => {
    stub = await startStub((_req, res) => jsonResponse(res, 200, {}, tooMany(20)));
    const pacer = new RateLimitPacer();
    await clientFor(stub.port, { pacer }).request({ method: 'GET', path: '/v1/crews' });
    const err = (await rejectionOf(clientFor(stub.port, { pacer }).request({ method: 'GET', path: '/v1/crews' }))) as ServiceError;
    expect([err.status, err.code, err.retryAfter]).to.deep.equal([429, 'rate_limited', 20]);
    expect(stub.seen).to.have.length(1);
  });
});
