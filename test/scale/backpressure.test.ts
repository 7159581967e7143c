import { expect } from 'chai';
import type { IncomingMessage } from 'node:http';
import { DEFAULT_PAGE_CONCURRENCY, MAX_PER_PAGE } from '../../connector/engine/pagination.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { listen, postCard, readLines, splitStream, until, type ListeningService } from './support/service.ts';
import { crewPagesRequested, settledRequestCount } from './support/upstream.ts';

type Json = Record<string, any>;

const STREAM = { options: { 'Result Set': 'Stream Matching Records' } };

/** Reads from a streamed answer until `lines` whole lines have arrived, then stops reading. */
async function readSomeLines(res: IncomingMessage, lines: number): Promise<string> {
  let text = '';
  for await (const chunk of res) {
    text += (chunk as Buffer).toString('utf8');
    if (text.split('\n').length > lines) break;
  }
  return text;
}

/** A stream's reader sets the pace: a gone reader stops SmartHR calls, a paused one holds them. */
describe('scale: backpressure and disconnects', () => {
  let h: Harness;
  let service: ListeningService;
  before(async () => {
    // 200 pages at SmartHR's 10 requests/s would take 20 s; the reader, not the rate limit, is
    // what sets the pace here, so this harness opts out of the per-second window.
    h = await startHarness({ simulator: { tenants: { gone: { employees: 5000 }, slow: { employees: 20000 } }, rateLimit: { perSecond: Number.POSITIVE_INFINITY } } });
    service = await listen(h.app);
  });
  after(async () => {
    await service.close();
    await h.close();
  });
  afterEach(() => h.sim.faults.clear());

  it('a client that disconnects mid-stream stops the upstream calls', async () => {
    // Slow pages keep the 50-page stream running when the client walks away.
    h.sim.faults.set({ tenant: 'gone', path: '/api/v1/crews', latencyMs: 100 });
    const res = await postCard(service.url, 'searchEmployees', h.connection({ tenant: 'gone' }), STREAM);
    expect(res.statusCode).to.equal(200);
    await readSomeLines(res, 150);
    res.destroy();
    const atDisconnect = h.sim.requests.count();
    const settled = await settledRequestCount(h.sim, 500);
   
    // Requests already on their way may still land (at most the fetch-ahead window), then none.
    expect(settled - atDisconnect).to.be.at.most(DEFAULT_PAGE_CONCURRENCY);
    expect(settled).to.be.below(50 / 2);
    expect(crewPagesRequested(h.sim, 'gone')).to.not.include(50);
    // Nothing more trickles out afterwards.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.sim.requests.count()).to.equal(settled);
    await until(() => /"aborted":true/.test(h.logs.text()), 'the request log line of the aborted stream', 5_000);
    // The pages in flight were cancelled, not waited for.
    expect(h.logs.lines.filter((line) => line.includes('"outcome":"cancelled"'))).to.not.be.empty;
  });

  it('a paused reader stops the fetching ahead; it resumes when the reader does', async function () {
    // 20,000 records through the service and the in-process simulator: 15-20 s on a busy 2-core machine.
    this.timeout(60_000);
    const totalPages = 20000 / MAX_PER_PAGE;
    h.sim.requests.clear();
    const res = await postCard(service.url, 'searchEmployees', h.connection({ tenant: 'slow' }), STREAM);
    expect(res.statusCode).to.equal(200);
    res.pause();
    const pagesWhilePaused = await settledRequestCount(h.sim, 500);
    const serverSocket = service.sockets.at(-1);
    const bytesHandedOut = serverSocket?.bytesWritten ?? 0;
    // Loopback socket buffers take a few MB, so some pages are read; the rest wait for the reader.
    expect(pagesWhilePaused).to.be.below(totalPages / 2);

    res.resume();
    const { records, last } = splitStream(await readLines(res));
    expect(last).to.deep.equal({ 'Records Streamed': 20000 });
    expect(new Set(records.map((r) => r['Employee ID'])).size).to.equal(20000);
    expect(h.sim.requests.count()).to.equal(totalPages);

    // How far ahead of the writing the fetching got: the records the service had handed to the
    // socket (bytes, headers and chunk framing included, so an overestimate) give the page being
    // written; at most the fetch-ahead window lies beyond it.
    let bytes = 0;
    let recordsHandedOut = 0;
    for (const record of records) {
      bytes += Buffer.byteLength(`${JSON.stringify(record)}\n`);
      if (bytes > bytesHandedOut) break;
      recordsHandedOut += 1;
    }
    const pageBeingWritten = Math.floor(recordsHandedOut / MAX_PER_PAGE) + 1;
    expect(pagesWhilePaused).to.be.at.most(pageBeingWritten + DEFAULT_PAGE_CONCURRENCY);
  });
});
