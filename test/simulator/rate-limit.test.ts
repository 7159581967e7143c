import { expect } from 'chai';
import request from 'supertest';
import { BEARER, tenantApi, useSimulator } from './helpers.ts';

const HEADERS = [
  'x-rate-limit-limit',
  'x-rate-limit-remaining',
  'x-rate-limit-reset',
  'x-intensive-rate-limit-limit',
  'x-intensive-rate-limit-remaining',
  'x-intensive-rate-limit-reset',
];

describe('simulator: rate limits', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 20 }, other: { employees: 5 } }, rateLimit: { perSecond: 5, perHour: 1000 } });

  beforeEach(() => ctx.sim.setRateLimit({ perSecond: 5, perHour: 1000 }));

  it('every response carries both header families, errors included', async () => {
    const responses = [
      await tenantApi(ctx.sim).get('/api/v1/crews').set(BEARER),
      await tenantApi(ctx.sim).get('/api/v1/crews').set('Authorization', 'Bearer bad'),
      await tenantApi(ctx.sim).get('/api/v1/nothing').set(BEARER),
      await request(ctx.sim.url).get('/nosuchtenant/api/v1/crews').set(BEARER),
    ];
    expect(responses.map((r) => r.status)).to.deep.equal([200, 401, 404, 404]);
    for (const res of responses) for (const header of HEADERS) expect(res.headers[header], header).to.match(/^\d+$/);
    const first = responses[0];
    expect(first?.headers['x-rate-limit-limit']).to.equal('1000');
    expect(first?.headers['x-intensive-rate-limit-limit']).to.equal('5');
    expect(first?.headers['x-intensive-rate-limit-reset']).to.equal('1');
  });

  it('over the per-second limit answers 429 code 6 with the headers, then recovers', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const statuses: number[] = [];
    let limited: request.Response | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER);
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    // A window admits 5; whichever window boundary the loop crosses, a refusal comes after 5 successes.
    expect(statuses.slice(0, 5)).to.deep.equal([200, 200, 200, 200, 200]);
    expect(statuses.filter((s) => s === 429).length).to.be.greaterThan(0);
    expect(limited?.body).to.deep.equal({ code: 6, type: 'too_many_requests', message: limited?.body.message, errors: null });
    expect(limited?.headers['x-intensive-rate-limit-remaining']).to.equal('0');
    expect(limited?.headers['x-intensive-rate-limit-reset']).to.equal('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
  });

  it('the remaining count goes down by one per request', async () => {
    ctx.sim.setRateLimit({ perSecond: 1000, perHour: 50 });
    const a = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
    const b = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
    expect(a.headers['x-rate-limit-remaining']).to.equal('49');
    expect(b.headers['x-rate-limit-remaining']).to.equal('48');
    expect(Number(a.headers['x-rate-limit-reset'])).to.be.within(3590, 3600);
  });

  it('over the per-hour limit answers 429; windows are per tenant and token', async () => {
    ctx.sim.setRateLimit({ perSecond: 1000, perHour: 3 });
    for (let i = 0; i < 3; i++) await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(200);
    const res = await tenantApi(ctx.sim).get('/api/v1/job_titles').set(BEARER).expect(429);
    expect(res.body.code).to.equal(6);
    expect(res.headers['x-rate-limit-remaining']).to.equal('0');
    // Another token and another tenant have their own windows.
    await tenantApi(ctx.sim).get('/api/v1/job_titles').set('Authorization', 'Bearer demo-readonly').expect(200);
    await tenantApi(ctx.sim, 'other').get('/api/v1/job_titles').set(BEARER).expect(200);
  });
});
