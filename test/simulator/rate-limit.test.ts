import { expect } from 'chai';
import request from 'supertest';
import { RateLimiter } from '../../simulator/http/rate-limit.ts';
import { DEFAULT_RATE_LIMITS, startSimulator } from '../../simulator/index.ts';
import { BEARER, READONLY, tenantApi, useSimulator } from './helpers.ts';

const HEADERS = [
  'x-rate-limit-limit',
  'x-rate-limit-remaining',
  'x-rate-limit-reset',
  'x-intensive-rate-limit-limit',
  'x-intensive-rate-limit-remaining',
  'x-intensive-rate-limit-reset',
];

const UNLIMITED = Number.POSITIVE_INFINITY;

describe('simulator: rate limits', function () {
  describe('by default (no opt-out)', function () {
    it('limits 10 per second and 5000 per hour per tenant+token, with real header values; the 11th request in a second is a 429 with Retry-After', async () => {
      expect(DEFAULT_RATE_LIMITS).to.deep.equal({ perSecond: 10, perHour: 5000, perTenantPerMinute: UNLIMITED });
      const sim = await startSimulator({ quiet: true, tenants: { demo: { employees: 5 } } });
      try {
        // Sent together, so all of them fall in the window the first one opened.
        const answers = await Promise.all(Array.from({ length: 12 }, () => tenantApi(sim).get('/api/v1/job_titles').set(BEARER)));
        const ok = answers.filter((res) => res.status === 200);
        const refused = answers.filter((res) => res.status === 429);
        expect([ok.length, refused.length]).to.deep.equal([10, 2]);
        expect(ok.map((res) => res.headers['x-intensive-rate-limit-remaining']).sort()).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        for (const res of ok) {
          expect(res.headers).to.include({ 'x-intensive-rate-limit-limit': '10', 'x-intensive-rate-limit-reset': '1', 'x-rate-limit-limit': '5000' });
          expect(res.headers).to.not.have.property('retry-after');
        }
        for (const res of refused) {
          expect(res.body).to.deep.equal({ code: 6, type: 'too_many_requests', message: res.body.message, errors: null });
          expect(res.headers).to.include({ 'x-intensive-rate-limit-remaining': '0', 'x-intensive-rate-limit-reset': '1', 'retry-after': '1' });
          expect(Number(res.headers['x-rate-limit-remaining'])).to.be.within(4988, 4990);
        }
      } finally {
        await sim.close();
      }
    });
  });

  describe('windows (fake clock)', function () {
    it('a second window admits its limit, refuses the rest until it starts over, and keeps its phase', () => {
      const limiter = new RateLimiter({ perSecond: 3, perHour: 100, perTenantPerMinute: UNLIMITED });
      const t0 = 1_000_000;
      const decisions = [0, 100, 200, 900].map((dt) => limiter.hit('demo', 'token', t0 + dt));
      expect(decisions.map((d) => d.headers['x-intensive-rate-limit-remaining'])).to.deep.equal(['2', '1', '0', '0']);
      expect(decisions.map((d) => d.retryAfter)).to.deep.equal([null, null, null, 1]);
      const next = limiter.hit('demo', 'token', t0 + 2_300);
      expect(next.retryAfter).to.equal(null);
      expect(next.headers['x-intensive-rate-limit-remaining']).to.equal('2');
      // The window that began at t0 + 2000 (phase kept) ends in 0.7 s: reported as 1.
      expect(next.headers['x-intensive-rate-limit-reset']).to.equal('1');
      expect(next.headers['x-rate-limit-remaining']).to.equal('95');
    });

    it('Retry-After is when the last spent window starts over: the hour window when it is spent', () => {
      const limiter = new RateLimiter({ perSecond: 100, perHour: 2, perTenantPerMinute: UNLIMITED });
      const t0 = 5_000_000;
      limiter.hit('demo', 'token', t0);
      limiter.hit('demo', 'token', t0 + 10_000);
      const refused = limiter.hit('demo', 'token', t0 + 20_000);
      expect(refused.retryAfter).to.equal(3580);
      expect(refused.headers['x-rate-limit-reset']).to.equal('3580');
      expect(refused.headers['x-rate-limit-remaining']).to.equal('0');
    });

    it('the optional per-tenant window counts every token of the tenant together, and no other tenant', () => {
      const limiter = new RateLimiter({ perSecond: 100, perHour: 100, perTenantPerMinute: 3 });
      const t0 = 9_000_000;
      const statuses = ['a', 'b', 'a', 'b'].map((token, i) => limiter.hit('demo', token, t0 + i * 1000).retryAfter);
      expect(statuses).to.deep.equal([null, null, null, 57]);
      expect(limiter.hit('other', 'a', t0 + 4000).retryAfter).to.equal(null);
      expect(limiter.hit('demo', 'a', t0 + 60_000).retryAfter).to.equal(null);
    });
  });

  describe('over HTTP', function () {
    const ctx = useSimulator({ tenants: { demo: { employees: 20 }, other: { employees: 5 } } });

    beforeEach(() => ctx.sim.setRateLimit({ ...DEFAULT_RATE_LIMITS, perSecond: 1000, perHour: 1000 }));

    it('every response of a tenant carries both header families, errors included', async () => {
      const responses = [
        await tenantApi(ctx.sim).get('/api/v1/crews').set(BEARER),
        await tenantApi(ctx.sim).get('/api/v1/crews').set('Authorization', 'Bearer bad'),
        await tenantApi(ctx.sim).get('/api/v1/nothing').set(BEARER),
      ];
      expect(responses.map((r) => r.status)).to.deep.equal([200, 401, 404]);
      for (const res of responses) for (const header of HEADERS) expect(res.headers[header], header).to.match(/^\d+$/);
      expect(responses[0]?.headers).to.include({ 'x-rate-limit-limit': '1000', 'x-intensive-rate-limit-limit': '1000', 'x-intensive-rate-limit-reset': '1' });
    });

    it('the remaining count goes down by one per request', async () => {
      ctx.sim.setRateLimit({ perHour: 50 });
      const a = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
      const b = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
      expect(a.headers['x-rate-limit-remaining']).to.equal('49');
      expect(b.headers['x-rate-limit-remaining']).to.equal('48');
      expect(Number(a.headers['x-rate-limit-reset'])).to.be.within(3590, 3600);
    });

    it('over the per-hour limit: 429 code 6 whose Retry-After is the hour window reset; windows are per tenant and token', async () => {
      ctx.sim.setRateLimit({ perHour: 3 });
      for (let i = 0; i < 3; i++) await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
      const res = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(429);
      expect(res.body.code).to.equal(6);
      expect(res.headers['x-rate-limit-remaining']).to.equal('0');
      expect(res.headers['retry-after']).to.equal(res.headers['x-rate-limit-reset']);
      expect(Number(res.headers['retry-after'])).to.be.within(3590, 3600);
      await tenantApi(ctx.sim).get('/api/v1/job_titles').set(READONLY).expect(200);
      await tenantApi(ctx.sim, 'other').get('/api/v1/job_titles').set(BEARER).expect(200);
    });

    it('the simulator\'s own 429 and the rateLimited fault say the same: Retry-After equals the spent windows\' reset', async () => {
      ctx.sim.setRateLimit({ perSecond: 1 });
      await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
      const own = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(429);
      ctx.sim.setRateLimit({ perSecond: 1000 });
      ctx.sim.faults.set({ kind: 'rateLimited', times: 1 });
      const fault = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(429);
      for (const res of [own, fault]) {
        expect(res.body.code).to.equal(6);
        expect(res.headers['x-intensive-rate-limit-remaining']).to.equal('0');
        expect(res.headers['retry-after']).to.equal(res.headers['x-intensive-rate-limit-reset']);
      }
    });

    it('the per-tenant window is off by default and can be switched on over /_sim/rate-limit', async () => {
      const before = await request(ctx.sim.url).get('/_sim/rate-limit').expect(200);
      expect(before.body).to.deep.equal({ perSecond: 1000, perHour: 1000, perTenantPerMinute: null });
      await request(ctx.sim.url).put('/_sim/rate-limit').send({ perTenantPerMinute: 2, perSecond: null }).expect(204);
      const after = await request(ctx.sim.url).get('/_sim/rate-limit').expect(200);
      expect(after.body).to.deep.equal({ perSecond: null, perHour: 1000, perTenantPerMinute: 2 });
      await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
      await tenantApi(ctx.sim).get('/api/v1/job_titles').set(READONLY).expect(200);
      const refused = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(429);
      expect(Number(refused.headers['retry-after'])).to.be.within(59, 60);
      await tenantApi(ctx.sim, 'other').get('/api/v1/job_titles').set(BEARER).expect(200);
    });
  });
});
