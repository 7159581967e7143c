import { expect } from 'chai';
import { startSimulator } from '../../simulator/index.ts';
import { asCrews, BEARER, parseLink, tenantApi, useSimulator } from './helpers.ts';

describe('simulator: list pagination', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 250 } } });

  it('first page: default per_page 10, x-total-count, only next and last (api-pagination), URLs carry only page', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews').set(BEARER).expect(200);
    expect(asCrews(res.body)).to.have.length(10);
    expect(res.headers['x-total-count']).to.equal('250');
    expect(res.headers['x-page']).to.equal('1');
    expect(res.headers['x-per-page']).to.equal('10');
    const links = parseLink(res.headers.link);
    expect(Object.keys(links)).to.deep.equal(['next', 'last']);
    expect(links.next?.href).to.equal(`${ctx.sim.url}/demo/api/v1/crews?page=2`);
    expect(links.last?.href).to.equal(`${ctx.sim.url}/demo/api/v1/crews?page=25`);
  });

  it('Link keeps the other parameters (keys sorted) with per_page as x-per-page says, clamped included', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews?sort=-emp_code&per_page=500&emp_status=employed').set(BEARER).expect(200);
    expect(res.headers['x-per-page']).to.equal('100');
    const next = parseLink(res.headers.link).next;
    expect(next?.search).to.equal('?emp_status=employed&page=2&per_page=100&sort=-emp_code');
  });

  it('a middle page links both ways and keeps the other query parameters (but not access_token)', async () => {
    const res = await tenantApi(ctx.sim)
      .get('/api/v1/crews?per_page=30&page=4&emp_status=employed&access_token=demo-token')
      .expect(200);
    const total = Number(res.headers['x-total-count']);
    const employed = ctx.sim.tenant('demo').crews().filter((c) => c.emp_status === 'employed').length;
    expect(total).to.equal(employed);
    const links = parseLink(res.headers.link);
    expect(Object.keys(links)).to.deep.equal(['first', 'prev', 'next', 'last']);
    expect(links.prev?.searchParams.get('page')).to.equal('3');
    expect(links.next?.searchParams.get('page')).to.equal('5');
    expect(links.last?.searchParams.get('page')).to.equal(String(Math.ceil(employed / 30)));
    for (const link of Object.values(links)) {
      expect(link.searchParams.get('per_page')).to.equal('30');
      expect(link.searchParams.get('emp_status')).to.equal('employed');
      expect(link.searchParams.has('access_token')).to.equal(false);
    }
  });

  it('the last page is short and links only back: first and prev', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=100&page=3').set(BEARER).expect(200);
    const rows = asCrews(res.body);
    expect(rows).to.have.length(50);
    expect(rows[49]?.emp_code).to.equal('0250');
    const links = parseLink(res.headers.link);
    expect(Object.keys(links)).to.deep.equal(['first', 'prev']);
    expect(links.prev?.searchParams.get('page')).to.equal('2');
    expect(links.first?.searchParams.get('page')).to.equal('1');
  });

  it('a single page has no Link header at all', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/job_titles?per_page=100').set(BEARER).expect(200);
    expect(res.body).to.have.length(ctx.sim.tenant('demo').jobTitles().length);
    expect(res.headers).to.not.have.property('link');
    expect(res.headers['x-total-count']).to.equal(String(ctx.sim.tenant('demo').jobTitles().length));
  });

  it('walking every page returns every crew once, in creation order', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await tenantApi(ctx.sim).get(`/api/v1/crews?per_page=100&page=${page}`).set(BEARER).expect(200);
      seen.push(...asCrews(res.body).map((c) => String(c.emp_code)));
    }
    expect(seen).to.have.length(250);
    expect(new Set(seen).size).to.equal(250);
    expect(seen[0]).to.equal('0001');
    expect(seen).to.deep.equal([...seen].sort());
  });

  it('a page beyond the last is an empty array with the headers, linking back only', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews?page=99').set(BEARER).expect(200);
    expect(res.body).to.deep.equal([]);
    expect(res.headers['x-total-count']).to.equal('250');
    const links = parseLink(res.headers.link);
    expect(Object.keys(links)).to.deep.equal(['first', 'prev']);
    expect(links.prev?.searchParams.get('page')).to.equal('98');
  });

  it('per_page above 100 is clamped to 100 by default', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews?per_page=500').set(BEARER).expect(200);
    expect(asCrews(res.body)).to.have.length(100);
    expect(res.headers['x-per-page']).to.equal('100');
  });

  it('page and per_page that are not positive integers are 400 code 1', async () => {
    for (const query of ['page=0', 'per_page=abc', 'per_page=-1']) {
      const res = await tenantApi(ctx.sim).get(`/api/v1/crews?${query}`).set(BEARER).expect(400);
      expect(res.body.code).to.equal(1);
    }
  });

  it('every list endpoint pages the same way', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/departments?per_page=5&page=2').set(BEARER).expect(200);
    const total = ctx.sim.tenant('demo').departments().length;
    expect(res.headers['x-total-count']).to.equal(String(total));
    expect(res.body).to.have.length(5);
    expect(parseLink(res.headers.link).prev?.searchParams.get('page')).to.equal('1');
  });

  describe("with perPageOverMax: 'error'", function () {
    it('per_page above 100 is 400 code 1 naming per_page', async () => {
      const sim = await startSimulator({ quiet: true, perPageOverMax: 'error', tenants: { demo: { employees: 20 } } });
      try {
        const res = await tenantApi(sim).get('/api/v1/crews?per_page=101').set(BEARER).expect(400);
        expect(res.body).to.include({ code: 1, type: 'bad_request' });
        expect(res.body.errors[0].field).to.equal('per_page');
        await tenantApi(sim).get('/api/v1/crews?per_page=100').set(BEARER).expect(200);
      } finally {
        await sim.close();
      }
    });
  });
});

describe('simulator: 10,000 employees', function () {
  const ctx = useSimulator({ tenants: { demo: { employees: 10_000 } } });

  it('lists page 100 with per_page 100 (the last page)', async () => {
    const res = await tenantApi(ctx.sim).get('/api/v1/crews?page=100&per_page=100').set(BEARER).expect(200);
    const rows = asCrews(res.body);
    expect(rows).to.have.length(100);
    expect(rows[0]?.emp_code).to.equal('09901');
    expect(rows[99]?.emp_code).to.equal('10000');
    expect(res.headers['x-total-count']).to.equal('10000');
    expect(parseLink(res.headers.link).next).to.equal(undefined);
  });

  it('a sorted walk stays consistent across pages (cached order)', async () => {
    const first = await tenantApi(ctx.sim).get('/api/v1/crews?sort=-emp_code&per_page=100&page=1').set(BEARER).expect(200);
    const second = await tenantApi(ctx.sim).get('/api/v1/crews?sort=-emp_code&per_page=100&page=2').set(BEARER).expect(200);
    const codes = [...asCrews(first.body), ...asCrews(second.body)].map((c) => String(c.emp_code));
    expect(codes[0]).to.equal('10000');
    expect(codes[199]).to.equal('09801');
  });
});
