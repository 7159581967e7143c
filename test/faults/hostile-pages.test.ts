import type http from 'node:http';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../connector/app.ts';
import { parseLastPage } from '../../connector/engine/link-header.ts';
import { DEFAULT_RECORD_LIMIT, recordLimit } from '../../connector/engine/record-limit.ts';
import { createLogger } from '../../connector/logging.ts';
import { connectionHeaders } from '../helpers/harness.ts';
import { listen, postCard, readLines, splitStream, type ListeningService } from '../scale/support/service.ts';
import { startStub, type Stub } from '../smarthr/support/stub-upstream.ts';
import { guardProcessHygiene } from './support/hygiene.ts';

/**
 * A broken or hostile SmartHR answering list pages (issue 18, findings 4, 5, 9 and 10): a Link
 * header built to make a backtracking regex run for minutes, pages far larger than asked for,
 * an upstream that ignores `page`, JSON nested 100,000 deep. Each is a stub of our own behind the
 * real service; the answers must stay defined and the event loop free.
 */

type Json = Record<string, any>;

const STREAM = { options: { 'Result Set': 'Stream Matching Records' }, inputs: {} };
const FIRST_100 = { options: { 'Result Set': 'First 100 Matching Records' }, inputs: {} };
const CONNECTION = connectionHeaders();

interface PageAnswer {
  body: string;
  headers?: Record<string, string>;
}

const crews = (from: number, count: number, prefix = 'c'): Json[] => Array.from({ length: count }, (_, i) => ({ id: `${prefix}${from + i}`, emp_code: String(from + i) }));
const page = (records: unknown[], headers: Record<string, string> = {}): PageAnswer => ({ body: JSON.stringify(records), headers });

describe('faults: hostile list pages (issue 18)', () => {
  guardProcessHygiene();

  describe('through the service', () => {
    // One stub SmartHR and one service for every case; each case says how pages are answered.
    let pageFor: (page: number) => PageAnswer = () => page([]);
    let stub: Stub;
    let app: Express;
    let service: ListeningService;
    before(async () => {
      stub = await startStub((req: http.IncomingMessage, res: http.ServerResponse) => {
        const answer = pageFor(Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1'));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer.body), ...answer.headers });
        res.end(answer.body);
      });
      app = await createApp({ logger: createLogger({ level: 'silent' }), rateLimit: false, upstreamBaseUrl: `${stub.origin}/{tenant}`, limits: { streamDeadlineMs: 5_000 } });
      service = await listen(app);
    });
    after(async () => {
      await service.close();
      await stub.close();
    });
    beforeEach(() => {
      stub.seen.length = 0;
    });

    const hostile = (answer: (page: number) => PageAnswer): void => {
      pageFor = answer;
    };
    const pages = (): number[] => stub.seen.map((s) => Number(new URL(s.url, 'http://x').searchParams.get('page')));

    async function stream(service: ListeningService): Promise<{ records: Json[]; last: Json | undefined }> {
      const res = await postCard(service.url, 'searchEmployees', CONNECTION, STREAM);
      expect(res.statusCode).to.equal(200);
      return splitStream(await readLines(res));
    }

    it('finding 4: a 15.9 KB Link header built for regex backtracking is read in linear time; the stream completes', async function () {
      // '<&page=1' repeated: every '<' restarts a cubic backtrack in /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.
      const link = '<&page=1'.repeat(1990);
      expect(link.length).to.be.within(15_900, 16_000);
      hostile((n) => (n === 1 ? page(crews(0, 100), { link }) : n === 2 ? page(crews(100, 50)) : page([])));
      this.timeout(10_000);
      const { records, last } = await stream(service);
      expect(last).to.deep.equal({ 'Records Streamed': 150 });
      expect(records).to.have.length(150);
    });

    it('finding 5: a page holding more records than asked for is a malformed answer (502), not thousands of records', async () => {
      hostile(() => page(crews(0, 5_000)));
      const res = await request(app).post('/cards/searchEmployees').set(CONNECTION).send(FIRST_100);
      expect(res.status, JSON.stringify(res.body)).to.equal(502);
      expect(res.body.error).to.include({ code: 'upstream_error' });
      expect(res.body.error.message).to.include('more records than');
    });

    it('finding 5: a stream whose later pages hold 100,000 tiny records each ends with an error line after the good page', async () => {
      const bomb = JSON.stringify(Array.from({ length: 100_000 }, (_, i) => ({ id: `b${i}` })));
      hostile((n) => (n === 1 ? page(crews(0, 100), { 'x-total-count': '300' }) : { body: bomb, headers: { 'x-total-count': '300' } }));
      const { records, last } = await stream(service);
      expect(records).to.have.length(100);
      expect(last?.error).to.include({ status: 502, code: 'upstream_error' });
      expect(last?.error.message).to.include('more records than');
      expect(Math.max(...pages())).to.be.at.most(3);
    });

    it('finding 5: each list page is capped at a quarter of the answer cap, so the fetch-ahead window holds at most one answer', async () => {
      const big = page(crews(0, 100).map((c) => ({ ...c, last_name: 'x'.repeat(60_000) })));
      hostile(() => big);
      expect(Buffer.byteLength(big.body)).to.be.above(5 * 1024 * 1024).and.below(20 * 1024 * 1024);
      const res = await request(app).post('/cards/searchEmployees').set(CONNECTION).send(FIRST_100);
      expect(res.status).to.equal(502);
      expect(res.body.error.message).to.include('larger');
    });

    it('finding 5: duplicates are dropped between adjacent pages only, so no id set grows with the stream', async () => {
      // Page 2 repeats the last record of page 1 (a record pushed forward by an insert): dropped.
      // Page 4 repeats a record of page 1, three pages back: no stream-long memory, so it comes again.
      hostile((n) => {
        const headers = { 'x-total-count': '400' };
        if (n === 1) return page(crews(0, 100), headers);
        if (n === 2) return page([...crews(99, 1), ...crews(100, 99)], headers);
        if (n === 3) return page(crews(199, 100), headers);
        if (n === 4) return page([...crews(5, 1), ...crews(299, 99)], headers);
        return page([]);
      });
      const { records, last } = await stream(service);
      const ids = records.map((r) => r['Employee ID'] as string);
      expect(ids.filter((id) => id === 'c99')).to.have.length(1);
      expect(ids.filter((id) => id === 'c5')).to.have.length(2);
      expect(last).to.deep.equal({ 'Records Streamed': ids.length });
    });

    it('finding 9: an upstream that ignores `page` (the same full page every time, no count) stops with a defined error, not at the deadline', async () => {
      hostile(() => page(crews(0, 100)));
      const { records, last } = await stream(service);
      expect(records).to.have.length(100);
      expect(last?.error).to.include({ status: 502, code: 'upstream_error' });
      expect(last?.error.message).to.include('ignores');
      expect(stub.seen.length, 'pages requested').to.be.at.most(6);
    });

    it('finding 10: JSON nested 100,000 deep is a 502, not a 500 (Custom API Action and Read Employee)', async () => {
      const deep = `{"id":"c1","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      hostile(() => ({ body: deep }));
      const raw = await request(app).post('/cards/customApiAction').set(CONNECTION).send({ options: { 'Request Type': 'GET' }, inputs: { Request: { 'Relative URL': '/v1/crews/c1' } } });
      expect(raw.status, JSON.stringify(raw.body)).to.equal(502);
      expect(raw.body.error.code).to.equal('upstream_error');
      const read = await request(app).post('/cards/readEmployee').set(CONNECTION).send({ inputs: { Employee: { 'Employee ID': 'c1' } } });
      expect(read.status).to.equal(502);
    });
  });

  describe('pure parts', () => {
    it('finding 4: the Link parser reads rel="last" in any position and ignores a header over its cap', () => {
      const base = 'https://acme.smarthr.jp/api/v1/crews?per_page=100';
      expect(parseLastPage(`<${base}&page=1>; rel="first", <${base}&page=2>; rel="next", <${base}&page=7>; rel="last"`)).to.equal(7);
      expect(parseLastPage(`<${base}&page=9>;rel=last`)).to.equal(9);
      expect(parseLastPage(`<${base}&page=4>; rel="next last"`)).to.equal(4);
      expect(parseLastPage(`<${base}&page=2>; rel="next"`)).to.equal(undefined);
      expect(parseLastPage(`<${base}&xpage=5>; rel="last"`)).to.equal(undefined);
      expect(parseLastPage(`<${base}&page=5>; rel="last", ${' '.repeat(10_000)}`)).to.equal(undefined);
      expect(parseLastPage(undefined)).to.equal(undefined);
    });

    it('finding 5: the default Record Limit applies whatever the body holds (no Streaming group, an empty value)', () => {
      const pagination = { recordLimitInput: 'Streaming.Record Limit' } as Parameters<typeof recordLimit>[1];
      expect(DEFAULT_RECORD_LIMIT).to.equal(500_000);
      expect(recordLimit({ options: {}, inputs: {} }, pagination)).to.equal(500_000);
      expect(recordLimit({ options: {}, inputs: { Streaming: {} } }, pagination)).to.equal(500_000);
      expect(recordLimit({ options: {}, inputs: { Streaming: { 'Record Limit': null } } }, pagination)).to.equal(500_000);
      expect(recordLimit({ options: {}, inputs: { Streaming: { 'Record Limit': 20 } } }, pagination)).to.equal(20);
      expect(recordLimit({ options: {}, inputs: { Streaming: { 'Record Limit': 0 } } }, pagination)).to.equal(0);
      expect(recordLimit({ options: {}, inputs: {} }, {} as Parameters<typeof recordLimit>[1])).to.equal(500_000);
    });
  });
});
