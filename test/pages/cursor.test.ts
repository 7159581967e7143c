import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { CursorCodec, type CursorBinding } from '../../connector/engine/cursor.ts';
import { createLogger } from '../../connector/logging.ts';
import { CapturedLogs, startHarness, type Harness } from '../helpers/harness.ts';
import { postPage, type CardCall } from './support.ts';

type Json = Record<string, any>;

const SECRET = 'pages-test-secret-0123456789abcdef';
const HOUR = 60 * 60_000;

function expectCursorRefused(res: request.Response, why: RegExp): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(400);
  expect(res.body.error.code).to.equal('invalid_input');
  expect(res.body.error.details.map((d: Json) => d.field)).to.deep.equal(['cursor']);
  expect(res.body.error.details[0].pointer).to.equal('/cursor');
  expect(res.body.error.details[0].message).to.match(why);
}

/** The payload half of a cursor, decoded. */
const payloadOf = (cursor: string): string => Buffer.from(cursor.split('.')[0]!, 'base64url').toString('utf8');

describe('pages: the cursor and the page request', () => {
  let h: Harness;
  let clock = Date.now();
  const search = (inputs: Json = {}, tenant = 'demo'): CardCall => ({ headers: h.connection({ tenant }), options: { 'Result Set': 'Stream Matching Records' }, inputs });
  before(async () => {
    h = await startHarness({
      simulator: { tenants: { demo: { employees: 40 }, other: { employees: 40 } } },
      app: { cursorSecret: SECRET, now: () => clock, rateLimit: false },
    });
  });
  after(() => h.close());

  async function firstCursor(call: CardCall, cardId = 'searchEmployees'): Promise<string> {
    const res = await postPage(h.app, cardId, call, null, 10).expect(200);
    expect(res.body['Next Cursor']).to.be.a('string');
    return res.body['Next Cursor'] as string;
  }

  it('answers Records, Records Streamed and Next Cursor, and continues from the cursor', async () => {
    const call = search();
    const first = await postPage(h.app, 'searchEmployees', call, null, 10).expect(200);
    expect(Object.keys(first.body)).to.deep.equal(['Records', 'Records Streamed', 'Next Cursor']);
    expect(first.body['Records Streamed']).to.equal(10);
    expect(first.headers['cache-control']).to.equal('no-store');
    const second = await postPage(h.app, 'searchEmployees', call, first.body['Next Cursor'], 10).expect(200);
    expect(second.body['Records Streamed']).to.equal(20);
    const ids = h.sim.tenant('demo').crews().map((c) => c.id);
    expect([...first.body.Records, ...second.body.Records].map((r: Json) => r['Employee ID'])).to.deep.equal(ids.slice(0, 20));
  });

  it('uses pageSize 500 by default', async () => {
    const res = await postPage(h.app, 'searchEmployees', search(), null).expect(200);
    expect(res.body.Records).to.have.length(40);
    expect(res.body['Next Cursor']).to.equal(null);
  });

  it('refuses a tampered cursor: a changed payload, a changed signature, garbage', async () => {
    const cursor = await firstCursor(search());
    const [body, signature] = cursor.split('.') as [string, string];
    const altered = Buffer.from(payloadOf(cursor).replace(/"i":10/, '"i":0'), 'utf8').toString('base64url');
    expect(altered).not.to.equal(body);
    const flip = (text: string) => `${text.slice(0, 5)}${text[5] === 'A' ? 'B' : 'A'}${text.slice(6)}`;
    for (const tampered of [`${altered}.${signature}`, `${body}.${flip(signature)}`, `${flip(body)}.${signature}`]) {
      expectCursorRefused(await postPage(h.app, 'searchEmployees', search(), tampered), /altered/);
    }
    for (const garbage of ['not-a-cursor', `${body}.${signature}.x`, '.', 'x'.repeat(5000)]) {
      expectCursorRefused(await postPage(h.app, 'searchEmployees', search(), garbage), /not one this service issued|longer/);
    }
    const notText = await request(h.app).post('/cards/searchEmployees/pages').set(h.connection()).send({ options: search().options, cursor: 42 });
    expectCursorRefused(notText, /must be null/);
  });

  it('refuses an expired cursor (24 h by default)', async () => {
    const cursor = await firstCursor(search());
    clock += 23 * HOUR;
    await postPage(h.app, 'searchEmployees', search(), cursor, 10).expect(200);
    clock += 2 * HOUR;
    try {
      expectCursorRefused(await postPage(h.app, 'searchEmployees', search(), cursor, 10), /expired/);
    } finally {
      clock = Date.now();
    }
  });

  it('refuses a cursor replayed on another card, with other inputs or options, or for another tenant or account type', async () => {
    const cursor = await firstCursor(search({ 'Filter By': { 'Employment Status': 'Employed' } }));
    expectCursorRefused(await postPage(h.app, 'listDepartments', { headers: h.connection(), options: { 'Result Set': 'Stream Records' } }, cursor), /another card/);
    expectCursorRefused(await postPage(h.app, 'searchEmployees', search({ 'Filter By': { 'Employment Status': 'Retired' } }), cursor), /other options, inputs/);
    expectCursorRefused(await postPage(h.app, 'searchEmployees', search({ 'Filter By': { 'Employment Status': 'Employed' }, Streaming: { 'Record Limit': 5 } }), cursor), /other options, inputs/);
    expectCursorRefused(await postPage(h.app, 'searchEmployees', search({ 'Filter By': { 'Employment Status': 'Employed' } }, 'other'), cursor), /another connection/);
    const production = { ...search({ 'Filter By': { 'Employment Status': 'Employed' } }), headers: h.connection({ accountType: 'production' }) };
    expectCursorRefused(await postPage(h.app, 'searchEmployees', production, cursor), /another connection/);
    // The same filters in another key order are the same inputs.
    const reordered = search({ Streaming: {}, 'Filter By': { 'Employment Status': 'Employed' } });
    await postPage(h.app, 'searchEmployees', reordered, cursor).expect(200);
  });

  it('refuses a cursor signed with another CURSOR_SECRET', async () => {
    const cursor = await firstCursor(search());
    const other = await createApp({ logger: createLogger({ destination: new CapturedLogs() }), upstreamBaseUrl: `${h.sim.url}/{tenant}`, cursorSecret: `${SECRET}-other`, rateLimit: false });
    expectCursorRefused(await postPage(other, 'searchEmployees', search(), cursor), /another CURSOR_SECRET/);
  });

  it('carries no input value, personal data or token', async () => {
    const [one, two] = h.sim.tenant('demo').crews() as Json[];
    const call = search({ 'Filter By': { 'Employee IDs': [one!.id, two!.id] } });
    const res = await postPage(h.app, 'searchEmployees', call, null, 1).expect(200);
    expect(res.body.Records).to.have.length(1);
    const cursor = res.body['Next Cursor'] as string;
    const text = `${cursor} ${payloadOf(cursor)}`;
    for (const crew of [one!, two!]) {
      for (const personal of [crew.id, crew.emp_code, crew.email, crew.last_name]) expect(text).not.to.include(String(personal));
    }
    for (const connection of ['demo-token', 'demo', 'sandbox']) expect(text).not.to.include(connection);
    expect(Object.keys(JSON.parse(payloadOf(cursor)) as Json).sort()).to.deep.equal(['b', 'c', 'i', 'n', 's', 't', 'v', 'x']);
    const next = await postPage(h.app, 'searchEmployees', call, cursor, 1).expect(200);
    expect(next.body.Records.map((r: Json) => r['Employee ID'])).to.deep.equal([two!.id]);
  });

  it('refuses options that do not select the streaming result set, naming Result Set', async () => {
    for (const options of [{ 'Result Set': 'First 100 Matching Records' }, { 'Result Set': 'First Matching Record' }, {}]) {
      const res = await postPage(h.app, 'searchEmployees', { headers: h.connection(), options }, null);
      expect(res.status).to.equal(400);
      expect(res.body.error.details.map((d: Json) => d.field)).to.deep.equal(['Result Set']);
    }
  });

  it('refuses a bad pageSize, naming pageSize', async () => {
    for (const pageSize of [0, 1001, 1.5, -3, '10']) {
      const res = await request(h.app).post('/cards/searchEmployees/pages').set(h.connection()).send({ ...search(), cursor: null, pageSize });
      expect(res.status).to.equal(400);
      expect(res.body.error.details.map((d: Json) => d.field)).to.deep.equal(['pageSize']);
    }
    await postPage(h.app, 'searchEmployees', search(), null, 1000).expect(200);
    await postPage(h.app, 'searchEmployees', search(), null, 1).expect(200);
  });

  it('answers 404 for a card without a streaming result set, and validates inputs as the card call does', async () => {
    const res = await postPage(h.app, 'readEmployee', { headers: h.connection(), options: {}, inputs: { Employee: { 'Employee ID': 'x' } } }, null);
    expect(res.status).to.equal(404);
    const bad = await postPage(h.app, 'searchEmployees', search({ 'Filter By': { Gender: 'Unknown' } }), null);
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.map((d: Json) => d.field)).to.deep.equal(['Gender']);
  });

  describe('CursorCodec', () => {
    const binding: CursorBinding = { cardId: 'searchEmployees', options: { a: 1 }, inputs: { b: { c: 'd' } }, tenantId: 't', accountType: 'sandbox' };
    const state = { position: { index: 1234, total: 5000 }, streamed: 1200, startedAt: 1_700_000_000_000 };

    it('round-trips the state with the same secret, and without CURSOR_SECRET within one codec only', () => {
      const codec = new CursorCodec({ secret: SECRET, ttlMs: HOUR });
      expect(new CursorCodec({ secret: SECRET, ttlMs: HOUR }).open(codec.issue(binding, state), binding)).to.deep.equal(state);
      const random = new CursorCodec({ ttlMs: HOUR });
      expect(random.open(random.issue(binding, state), binding)).to.deep.equal(state);
      expect(() => new CursorCodec({ ttlMs: HOUR }).open(random.issue(binding, state), binding)).to.throw(/altered/);
    });

    it('keeps a position without a total (SmartHR sent no x-total-count)', () => {
      const codec = new CursorCodec({ secret: SECRET, ttlMs: HOUR });
      const noTotal = { ...state, position: { index: 7 } };
      expect(codec.open(codec.issue(binding, noTotal), binding)).to.deep.equal(noTotal);
    });
  });
});
