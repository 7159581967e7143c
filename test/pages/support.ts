import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';

type Json = Record<string, any>;

export interface CardCall {
  /** Connection headers. */
  headers: Record<string, string>;
  options: Json;
  inputs?: Json;
}

/** The NDJSON answer of POST /cards/{id}: the records, then the last (count) line. */
export async function streamed(app: Express | string, cardId: string, call: CardCall): Promise<{ records: Json[]; last: Json }> {
  const res = await request(app).post(`/cards/${cardId}`).set(call.headers).send({ options: call.options, inputs: call.inputs ?? {} })
    .buffer(true)
    .parse((r, done) => {
      let text = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (text += chunk));
      r.on('end', () => done(null, text));
    });
  expect(res.status).to.equal(200);
  expect(res.type).to.equal('application/x-ndjson');
  const lines = (res.body as string).trim().split('\n').map((line) => JSON.parse(line) as Json);
  return { records: lines.slice(0, -1), last: lines.at(-1) as Json };
}

export interface PageCall {
  status: number;
  body: Json;
  ms: number;
}

export function postPage(app: Express | string, cardId: string, call: CardCall, cursor: string | null, pageSize?: number): request.Test {
  const body: Json = { options: call.options, inputs: call.inputs ?? {}, cursor };
  if (pageSize !== undefined) body.pageSize = pageSize;
  return request(app).post(`/cards/${cardId}/pages`).set(call.headers).send(body);
}

/**
 * Walks POST /cards/{id}/pages from cursor null until Next Cursor is null, checking on the way
 * that every page is a 200 whose Records Streamed adds up; `between` runs after each page.
 */
export async function walk(
  app: Express | string,
  cardId: string,
  call: CardCall,
  pageSize?: number,
  between?: (pageNumber: number, page: Json) => void | Promise<void>,
): Promise<{ records: Json[]; pages: PageCall[] }> {
  const records: Json[] = [];
  const pages: PageCall[] = [];
  let cursor: string | null = null;
  do {
    const started = performance.now();
    const res = await postPage(app, cardId, call, cursor, pageSize);
    pages.push({ status: res.status, body: res.body as Json, ms: performance.now() - started });
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).to.equal(200);
    expect(res.body.Records).to.be.an('array');
    if (pageSize !== undefined) expect(res.body.Records.length).to.be.at.most(pageSize);
    records.push(...(res.body.Records as Json[]));
    expect(res.body['Records Streamed']).to.equal(records.length);
    cursor = res.body['Next Cursor'] as string | null;
    if (cursor !== null) expect(cursor).to.be.a('string').and.not.equal('');
    if (pages.length > 10_000) throw new Error('the walk does not end');
    await between?.(pages.length, res.body as Json);
  } while (cursor !== null);
  return { records, pages };
}

/**
 * Records as compared between two reads: attachment URLs of custom fields carry a signed expiry
 * that SmartHR (and the simulator) computes from the time of each read, so it is left out.
 */
export function comparable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/([?&]expires=)\d+/g, '$1')) as T;
}
