import { expect } from 'chai';
import { ServiceError } from '../../connector/errors.ts';
import { destroyAgents } from '../../connector/smarthr/agents.ts';
import {
  CANARY,
  clientFor,
  jsonResponse,
  rejectionOf,
  smarthrError,
  startStub,
  type Stub,
  type StubHandler,
} from './support/stub-upstream.ts';

/** Each row of DESIGN.md section 5, against a real loopback upstream. */

let stub: Stub | undefined;
let handler: StubHandler = (_req, res) => jsonResponse(res, 200, {});


function port(): number {
  if (!stub) throw new Error('stub not started');
  return stub.port;
}

async function failureOf(call: Parameters<ReturnType<typeof clientFor>['request']>[0]): Promise<ServiceError> {
  const err = await rejectionOf(clientFor(port(), { maxRetries: 0 }).request(call));
  expect(err).to.be.instanceOf(ServiceError);
  const e = err as ServiceError;
  expect(JSON.stringify(e.toEnvelope())).not.to.include(CANARY);
  return e;
}

describe('smarthr/client translation', () => {
  before(async () => {
    stub = await startStub((req, res, i) => handler(req, res, i));
  });
  after(async () => {
    await stub?.close();
    destroyAgents();
  });

  beforeEach(() => {
    stub?.seen.splice(0);
  });

  it('200: parsed JSON, lower-case headers, one attempt, bearer auth and JSON accept sent', async () => {
    handler = (_req, res) => jsonResponse(res, 200, [{ id: 'c1', big: 12345678901234 }], { 'X-Total-Count': '1' });
    const res = await clientFor(port()).request({ method: 'GET', path: '/v1/crews', query: { page: 1, per_page: 100, q: undefined } });
    expect(res).to.deep.include({ status: 200, attempts: 1, body: [{ id: 'c1', big: 12345678901234 }] });
    expect(res.headers['x-total-count']).to.equal('1');
    const seen = stub?.seen[0];
    expect(seen?.url).to.equal('/acme/api/v1/crews?page=1&per_page=100');
    expect(seen?.headers.authorization).to.equal(`Bearer ${CANARY}`);
    expect(seen?.headers.accept).to.equal('application/json');
  });

  it('PATCH sends a JSON body; 204 resolves with null body', async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    const res = await clientFor(port()).request({ method: 'PATCH', path: '/v1/crews/c1', body: { last_name: '山田' } });
    expect(res).to.deep.include({ status: 204, body: null });
    expect(stub?.seen[0]?.body).to.equal('{"last_name":"山田"}');
    expect(stub?.seen[0]?.headers['content-type']).to.equal('application/json');
  });

  it('400 -> 400 invalid_input with SmartHR errors[] as details and its message kept', async () => {
    handler = (_req, res) =>
      smarthrError(res, 400, 1, 'bad_request', '不正なリクエストです', {
        errors: [{ message: 'を入力してください', resource: 'crew', field: 'last_name' }, { message: 'no field', field: null }],
      });
    const e = await failureOf({ method: 'POST', path: '/v1/crews', body: {} });
    expect([e.status, e.code]).to.deep.equal([400, 'invalid_input']);
    expect(e.message).to.include('不正なリクエストです');
    expect(e.details).to.deep.equal([{ smarthrField: 'last_name', message: 'を入力してください' }, { message: 'no field' }]);
  });

  it('401 -> 401 unauthorized with SmartHR message', async () => {
    handler = (_req, res) => smarthrError(res, 401, 2, 'unauthorized_token', '無効なアクセストークンです');
    const e = await failureOf({ method: 'GET', path: '/v1/users/me' });
    expect([e.status, e.code]).to.deep.equal([401, 'unauthorized']);
    expect(e.message).to.include('無効なアクセストークンです');
  });

  it('403 code 3 on GET names the endpoint and Read permission', async () => {
    handler = (_req, res) => smarthrError(res, 403, 3, 'forbidden', 'アクセス権がありません');
    const e = await failureOf({ method: 'GET', path: '/v1/crews/abc' });
    expect([e.status, e.code]).to.deep.equal([403, 'forbidden']);
    expect(e.message).to.include('Read permission for /api/v1/crews').and.include('アクセス権がありません');
  });

  it('403 code 3 on PATCH of a template group names the templates endpoint as Okta spells it, and Write', async () => {
    handler = (_req, res) => smarthrError(res, 403, 3, 'forbidden', 'アクセス権がありません');
    const e = await failureOf({ method: 'PATCH', path: '/v1/crew_custom_field_template_groups/g1', body: {} });
    expect(e.message).to.include('Write permission for /api/v1/crew_custom_field_template').and.not.include('/api/v1/crew_custom_field_templates');
  });

  it('403 code 7 -> 403 forbidden naming the plan limit', async () => {
    handler = (_req, res) => smarthrError(res, 403, 7, 'plan_limit_exceeded', 'プランの上限です');
    const e = await failureOf({ method: 'POST', path: '/v1/crews', body: {} });
    expect([e.status, e.code]).to.deep.equal([403, 'forbidden']);
    expect(e.message).to.include('plan limit').and.include('プランの上限です');
    expect(e.message).not.to.include('permission');
  });

  it('404 -> 404 not_found', async () => {
    handler = (_req, res) => smarthrError(res, 404, 4, 'not_found', '見つかりません');
    const e = await failureOf({ method: 'GET', path: '/v1/crews/nope' });
    expect([e.status, e.code]).to.deep.equal([404, 'not_found']);
  });

  it('429 -> 429 rate_limited with retryAfter from the exhausted family', async () => {
    handler = (_req, res) =>
      smarthrError(res, 429, 6, 'too_many_requests', 'リクエスト過多', {}, {
        'x-rate-limit-limit': '5000', 'x-rate-limit-remaining': '4000', 'x-rate-limit-reset': '1800',
        'x-intensive-rate-limit-limit': '10', 'x-intensive-rate-limit-remaining': '0', 'x-intensive-rate-limit-reset': '1',
      });
    const e = await failureOf({ method: 'GET', path: '/v1/crews' });
    expect([e.status, e.code, e.retryAfter]).to.deep.equal([429, 'rate_limited', 1]);
  });

  it('429 with reset 0 still says retryAfter >= 1', async () => {
    handler = (_req, res) =>
      smarthrError(res, 429, 6, 'too_many_requests', 'x', {}, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '0' });
    const e = await failureOf({ method: 'GET', path: '/v1/crews' });
    expect(e.retryAfter).to.equal(1);
  });

  it('503 code 9 -> 503 maintenance with retryAfter, and a GET is not retried', async () => {
    handler = (_req, res) => smarthrError(res, 503, 9, 'service_maintenance', 'メンテナンス中', {}, { 'retry-after': '120' });
    const err = await rejectionOf(clientFor(port()).request({ method: 'GET', path: '/v1/crews' }));
    const e = err as ServiceError;
    expect([e.status, e.code, e.retryAfter]).to.deep.equal([503, 'maintenance', 120]);
    expect(stub?.seen).to.have.length(1);
  });

  it('503 without code 9 -> 503 upstream_unavailable', async () => {
    handler = (_req, res) => res.writeHead(503).end('busy');
    const e = await failureOf({ method: 'GET', path: '/v1/crews' });
    expect([e.status, e.code]).to.deep.equal([503, 'upstream_unavailable']);
  });

  for (const status of [500, 502, 501]) {
    it(`${status} -> 502 upstream_error`, async () => {
      handler = (_req, res) => smarthrError(res, status, 5, 'internal_server_error', 'エラー');
      const e = await failureOf({ method: 'GET', path: '/v1/crews' });
      expect([e.status, e.code]).to.deep.equal([502, 'upstream_error']);
    });
  }

  it('504 -> 504 upstream_timeout', async () => {
    handler = (_req, res) => res.writeHead(504).end();
    const e = await failureOf({ method: 'GET', path: '/v1/crews' });
    expect([e.status, e.code]).to.deep.equal([504, 'upstream_timeout']);
  });

  it('an HTML error page on 502 maps by status with our own message', async () => {
    handler = (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
    const e = await failureOf({ method: 'GET', path: '/v1/crews' });
    expect([e.status, e.code]).to.deep.equal([502, 'upstream_error']);
    expect(e.message).not.to.include('<html>');
  });

  const malformed: Array<[string, StubHandler, RegExp]> = [
    ['malformed JSON', (_q, r) => r.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "c1",'), /malformed JSON/],
    ['an HTML page with 200', (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'), /not JSON/],
    ['an empty 200', (_q, r) => r.writeHead(200, { 'content-type': 'application/json', 'content-length': '0' }).end(), /empty/],
    ['JSON under a text content type', (_q, r) => r.writeHead(200, { 'content-type': 'text/plain' }).end('{}'), /not JSON/],
  ];
  for (const [name, h, message] of malformed) {
    it(`${name} -> 502 upstream_error`, async () => {
      handler = h;
      const e = await failureOf({ method: 'GET', path: '/v1/crews' });
      expect([e.status, e.code]).to.deep.equal([502, 'upstream_error']);
      expect(e.message).to.match(message);
    });
  }

  it('SmartHR text echoing the token is scrubbed', async () => {
    handler = (_req, res) => smarthrError(res, 400, 1, 'bad_request', `token ${CANARY} is odd`, { errors: [{ field: 'x', message: CANARY }] });
    const e = await failureOf({ method: 'GET', path: '/v1/crews' });
    expect(e.message).to.include('[redacted]');
  });

  describe('requestRaw', () => {
    it('resolves for a 404 with the parsed SmartHR body', async () => {
      handler = (_req, res) => smarthrError(res, 404, 4, 'not_found', '見つかりません');
      const res = await clientFor(port()).requestRaw({ method: 'GET', path: '/v1/crews/x' });
      expect(res.status).to.equal(404);
      expect(res.body).to.deep.equal({ code: 4, type: 'not_found', message: '見つかりません', errors: null });
    });

    it('resolves text for a non-JSON body and null for an empty one', async () => {
      handler = (_req, res, i) => (i === 0 ? res.writeHead(200, { 'content-type': 'text/plain' }).end('hello') : res.writeHead(204).end());
      const client = clientFor(port());
      expect((await client.requestRaw({ method: 'GET', path: '/v1/x' })).body).to.equal('hello');
      expect((await client.requestRaw({ method: 'DELETE', path: '/v1/x/1' })).body).to.equal(null);
    });
  });
});
