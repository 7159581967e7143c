import { expect } from 'chai';
import { freePort } from '../../bench/lib/processes.ts';
import { destroyAgents } from '../../connector/smarthr/agents.ts';
import { CANARY, captureLogs, clientFor, jsonResponse, rejectionOf, smarthrError, startStub } from './support/stub-upstream.ts';

describe('connector/logging', () => {
  afterEach(() => destroyAgents());

  it('redacts credentials in request and upstream headers wherever they are logged', () => {
    const { lines, logger } = captureLogs();
    logger.info({ req: { headers: { authorization: `Bearer ${CANARY}`, cookie: `s=${CANARY}`, 'x-connector-key': CANARY, accept: '*/*' } } }, 'in');
    logger.info({ upstream: { request: { headers: { authorization: `Bearer ${CANARY}` } } } }, 'deep');
    logger.info({ connection: { tenantId: 'acme', accessToken: CANARY } }, 'conn');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.join('')).not.to.include(CANARY);
    expect(parsed[0]).to.deep.include({
      req: { headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'x-connector-key': '[Redacted]', accept: '*/*' } },
    });
    expect(parsed[1]).to.deep.include({ upstream: { request: { headers: { authorization: '[Redacted]' } } } });
    expect(parsed[2]).to.deep.include({ connection: { tenantId: 'acme', accessToken: '[Redacted]' } });
  });

  it('logs one line per upstream attempt with method, path, status, latency, attempt; never the token or query', async () => {
    const stub = await startStub((_req, res, i) => {
      if (i === 0) return smarthrError(res, 503, 5, 'x', `oops ${CANARY}`);
      if (i === 1) return jsonResponse(res, 200, { ok: CANARY.length });
      return smarthrError(res, 401, 2, 'unauthorized_token', '無効なアクセストークンです');
    });
    const { lines, logger } = captureLogs();
    try {
      const client = clientFor(stub.port, { logger });
      await client.request({ method: 'GET', path: '/v1/crews', query: { q: 'secret-query' } });
      await rejectionOf(client.request({ method: 'GET', path: '/v1/users/me' }));
      await rejectionOf(clientFor(await freePort(), { logger, maxRetries: 0 }).request({ method: 'POST', path: '/v1/crews', body: { token: 'x' } }));
    } finally {
      await stub.close();
    }
    const attempts = lines.map((l) => (JSON.parse(l) as { upstream: Record<string, unknown> }).upstream);
    expect(attempts).to.have.length(4);
    expect(attempts[0]).to.deep.include({ method: 'GET', path: '/acme/api/v1/crews', status: 503, attempt: 1, retryReason: 'status_503' });
    expect(attempts[1]).to.deep.include({ status: 200, attempt: 2 });
    expect(attempts[2]).to.deep.include({ path: '/acme/api/v1/users/me', status: 401, attempt: 1 });
    expect(attempts[3]).to.deep.include({ method: 'POST', failure: 'refused', attempt: 1 });
    for (const a of attempts) expect(a?.['latencyMs']).to.be.a('number');
    const all = lines.join('');
    expect(all).not.to.include(CANARY);
    expect(all).not.to.include('secret-query');
  });
});
