import type { Socket } from 'node:net';
import { expect } from 'chai';
import { MAX_POOLED_ORIGINS, upstreamAgents } from '../../connector/smarthr/agents.ts';
import { clientFor, jsonResponse, rejectionOf, smarthrError, startStub, type Stub } from '../smarthr/support/stub-upstream.ts';
import { guardProcessHygiene } from './support/hygiene.ts';

/**
 * Finding 2 of issue 18: one keep-alive agent per upstream origin, created before the origin had
 * answered and never freed, so a stream of junk tenants (each its own origin on real SmartHR)
 * grew memory without bound. Agents are now pooled only once their origin answered without
 * refusing the token, the pool is bounded (least recently used out, destroyed), and what is not
 * pooled is destroyed after its request. The upstreams here count their open connections: a
 * pooled agent keeps one open (keep-alive), a destroyed one none.
 */

/** A stub upstream that also knows which of its connections are still open. */
type Upstream = Stub & { open: Set<Socket> };

async function upstream(status: number): Promise<Upstream> {
  const open = new Set<Socket>();
  const stub = await startStub(
    (_req, res) => (status === 200 ? jsonResponse(res, 200, { id: 'c1' }) : smarthrError(res, status, 2, 'unauthorized_token', '無効なアクセストークンです')),
    (server) =>
      server.on('connection', (socket: Socket) => {
        open.add(socket);
        socket.on('close', () => open.delete(socket));
      }),
  );
  return Object.assign(stub, { open });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const openConnections = (ups: Upstream[]) => ups.reduce((n, u) => n + u.open.size, 0);

describe('faults: keep-alive agents (issue 18, finding 2)', () => {
  guardProcessHygiene();

  describe('one origin per upstream port', () => {
    const ups: Upstream[] = [];
    afterEach(async () => {
      upstreamAgents.destroy();
      for (const u of ups.splice(0)) await u.close();
    });

    it('an origin that refuses the token gets no pooled agent: its connection is closed after the answer', async () => {
      for (let i = 0; i < 40; i += 1) ups.push(await upstream(401));
      for (const u of ups) expect((await rejectionOf(clientFor(u.port).request({ method: 'GET', path: '/v1/crews' }))) as { status: number }).to.include({ status: 401 });
      await settle();
      expect(upstreamAgents.size).to.equal(0);
      expect(openConnections(ups), 'connections still open').to.equal(0);
    });

    it(`at most ${MAX_POOLED_ORIGINS} origins keep an agent: the least recently used is destroyed with its sockets`, async function () {
      this.timeout(20_000);
      const count = MAX_POOLED_ORIGINS + 40;
      for (let i = 0; i < count; i += 1) ups.push(await upstream(200));
      for (const u of ups) expect((await clientFor(u.port).request({ method: 'GET', path: '/v1/crews/c1' })).status).to.equal(200);
      await settle();
      expect(upstreamAgents.size).to.equal(MAX_POOLED_ORIGINS);
      expect(openConnections(ups), 'keep-alive connections still open').to.equal(MAX_POOLED_ORIGINS);
      // The first 40 origins were evicted; the last ones are still warm.
      expect(openConnections(ups.slice(0, 40))).to.equal(0);
      expect(openConnections(ups.slice(-40))).to.equal(40);
    });

    it('a pooled origin is reused: its keep-alive connection serves the next call', async () => {
      const u = await upstream(200);
      ups.push(u);
      const client = clientFor(u.port);
      await client.request({ method: 'GET', path: '/v1/crews/c1' });
      await client.request({ method: 'GET', path: '/v1/crews/c1' });
      expect(upstreamAgents.size).to.equal(1);
      expect(u.open.size).to.equal(1);
    });
  });
});
