import { expect } from 'chai';
import request from 'supertest';
import { READONLY_TOKEN, type Harness } from '../helpers/harness.ts';

export type Json = Record<string, any>;

/** POST /cards/{id} through the real service, with the demo connection (or another token). */
export function callCard(h: Harness, id: string, body: { options?: Json; inputs?: Json }, token?: string): request.Test {
  return request(h.app).post(`/cards/${id}`).set(h.connection(token ? { token } : {})).send(body);
}

/** A streamed result set: the records, and the closing {"Records Streamed": n} line. */
export async function streamCard(h: Harness, id: string, body: { options?: Json; inputs?: Json }): Promise<{ records: Json[]; last: Json }> {
  const res = await callCard(h, id, body)
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => done(null, text));
    })
    .expect(200);
  expect(res.headers['content-type']).to.match(/^application\/x-ndjson/);
  const lines = (res.body as string).trim().split('\n').map((l) => JSON.parse(l) as Json);
  return { records: lines.slice(0, -1), last: lines.at(-1) as Json };
}

/** The 403 a read-only token gets from a write card: names the SmartHR endpoint and Write. */
export async function expectWriteForbidden(h: Harness, id: string, body: { options?: Json; inputs?: Json }, endpoint: string): Promise<void> {
  const res = await callCard(h, id, body, READONLY_TOKEN).expect(403);
  expect(res.body.error.code).to.equal('forbidden');
  expect(res.body.error.message).to.include(endpoint).and.include('Write');
}
