import { expect } from 'chai';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { connectionHeaders } from '../helpers/harness.ts';
import { listen, postCard, until, type ListeningService } from '../scale/support/service.ts';
import { jsonResponse, startStub, type Stub } from '../smarthr/support/stub-upstream.ts';
import { guardProcessHygiene } from './support/hygiene.ts';

/**
 * Finding 8 of issue 18: a reader that stops reading a stream held it (its socket, its generator,
 * its place in the upstream pool) past the stream deadline, because the wait for 'drain' listened
 * only for the caller going away. The deadline now ends that wait and the stream with it.
 */

const STREAM_DEADLINE_MS = 1_500;

describe('faults: a stream whose reader stops reading (issue 18, finding 8)', () => {
  guardProcessHygiene();

  describe('through the service', () => {
    let stub: Stub;
    let service: ListeningService;
    before(async () => {
      // Endless pages of large records, so the socket's buffers fill long before the list ends.
      const padding = 'x'.repeat(20_000);
      stub = await startStub((req, res) => {
        const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
        const records = Array.from({ length: 100 }, (_, i) => ({ id: `c${page}-${i}`, emp_code: String(i), last_name: padding }));
        jsonResponse(res, 200, records, { 'x-total-count': '1000000' });
      });
      const app = await createApp({ logger: createLogger({ level: 'silent' }), rateLimit: false, upstreamBaseUrl: `${stub.origin}/{tenant}`, limits: { streamDeadlineMs: STREAM_DEADLINE_MS } });
      service = await listen(app);
    });
    after(async () => {
      await service.close();
      await stub.close();
    });

    it('ends the stream at the deadline even though the reader never reads again; upstream calls stop', async function () {
      this.timeout(10_000);
      const res = await postCard(service.url, 'searchEmployees', connectionHeaders(), { options: { 'Result Set': 'Stream Matching Records' }, inputs: {} });
      expect(res.statusCode).to.equal(200);
      res.pause();
      const serverSocket = () => service.sockets.at(-1);
      // Generous: the deadline plus time for the check; the service must let go by itself.
      await until(() => serverSocket()?.destroyed === true, 'the service to end the stalled stream', STREAM_DEADLINE_MS + 4_000);
      const requestsAtEnd = stub.seen.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stub.seen.length, 'no SmartHR page is fetched once the stream has ended').to.equal(requestsAtEnd);
      res.destroy();
    });
  });
});
