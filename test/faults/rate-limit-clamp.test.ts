import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { createAjv, readSchemaFiles, SCHEMA_ID_BASE } from '../../connector/engine/schemas.ts';
import { createLogger } from '../../connector/logging.ts';
import { MAX_RATE_LIMIT_WAIT_SECONDS, rateLimitWaitSeconds, retryAfterHeaderSeconds } from '../../connector/smarthr/rate-limit-headers.ts';
import { RateLimitPacer } from '../../connector/smarthr/rate-limit-pacer.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';
import { connectionHeaders } from '../helpers/harness.ts';
import { FakeClock } from '../smarthr/support/fake-clock.ts';
import { smarthrError, startStub, type Stub } from '../smarthr/support/stub-upstream.ts';
import { guardProcessHygiene } from './support/hygiene.ts';

/**
 * Finding 7 of issue 18: one 429 whose x-rate-limit-reset or Retry-After says "a trillion
 * seconds" (or a date in the year 9999, or 1e308) locked that token out until a restart, and
 * 1e308 turned retryAfter into `null`, breaking the error schema. Waits are clamped to one hour.
 */

const HOUR = 3600;

describe('faults: huge rate-limit resets (issue 18, finding 7)', () => {
  guardProcessHygiene();

  describe('through the service', () => {
    let stub: Stub;
    let headers: Record<string, string> = {};
    let validate: ReturnType<ReturnType<typeof createAjv>['getSchema']>;
    let app: Express;
    before(async () => {
      stub = await startStub((_req, res) => smarthrError(res, 429, 6, 'too_many_requests', 'リクエスト数が上限を超えました', {}, headers));
      validate = createAjv(await readSchemaFiles(repoLayout().schemasDir)).getSchema(`${SCHEMA_ID_BASE}error.schema.json`);
      app = await createApp({ logger: createLogger({ level: 'silent' }), rateLimit: false, upstreamBaseUrl: `${stub.origin}/{tenant}` });
    });
    after(() => stub.close());

    const hostileHeaders: Array<[string, Record<string, string>]> = [
      ['x-rate-limit-reset: 1e12', { 'x-rate-limit-limit': '5000', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1000000000000' }],
      ['x-intensive-rate-limit-reset: 1e308', { 'x-intensive-rate-limit-remaining': '0', 'x-intensive-rate-limit-reset': '1e308' }],
      ['Retry-After: 99999999999999999999', { 'retry-after': '99999999999999999999' }],
      ['Retry-After: a date in the year 9999', { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }],
    ];

    for (const [index, [what, hostile]] of hostileHeaders.entries()) {
      it(`${what}: 429 with a whole retryAfter of at most an hour, on the upstream answer and on the next call the pacer holds`, async () => {
        headers = hostile;
        // A token per case, so each starts with an empty pacer.
        const call = () =>
          request(app)
            .post('/cards/readEmployee')
            .set(connectionHeaders({ token: `token-${index}` }))
            .send({ inputs: { Employee: { 'Employee ID': 'c1' } } });
        const seenBefore = stub.seen.length;
        for (const res of [await call(), await call()]) {
          expect(res.status).to.equal(429);
          expect(validate!(res.body), JSON.stringify(res.body)).to.equal(true);
          expect(res.body.error.retryAfter).to.be.a('number').and.to.be.within(1, HOUR);
          expect(Number.isInteger(res.body.error.retryAfter)).to.equal(true);
          expect(res.headers['retry-after']).to.equal(String(res.body.error.retryAfter));
        }
        expect(stub.seen.length - seenBefore, 'the second call is held by the pacer, not sent').to.equal(1);
      });
    }
  });

  describe('pure parts', () => {
    it('clamps every wait read from the headers to an hour', () => {
      expect(MAX_RATE_LIMIT_WAIT_SECONDS).to.equal(HOUR);
      expect(rateLimitWaitSeconds({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1e308' })).to.equal(HOUR);
      expect(rateLimitWaitSeconds({ 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '30' })).to.equal(30);
      expect(retryAfterHeaderSeconds('Fri, 31 Dec 9999 23:59:59 GMT')).to.equal(HOUR);
      expect(retryAfterHeaderSeconds('1'.repeat(400))).to.equal(HOUR);
      expect(retryAfterHeaderSeconds('120')).to.equal(120);
    });

    it('a pacer told to wait 1e12 seconds lets the token through again within the hour', async () => {
      const clock = new FakeClock();
      const pacer = new RateLimitPacer({ now: clock.now, sleep: clock.sleep });
      await clock.run(pacer.acquire());
      pacer.observe({ 'x-rate-limit-limit': '5000', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1000000000000' }, 429);
      await clock.run(pacer.acquire());
      expect(clock.t).to.be.within(1, HOUR * 1000);
    });
  });
});
