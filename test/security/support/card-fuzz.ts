import http from 'node:http';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { startServer, type StartedServer } from '../../../connector/server.ts';
import { createLogger } from '../../../connector/logging.ts';
import { CapturedLogs, startHarness, type Harness } from '../../helpers/harness.ts';
import { junk, object, POLLUTION_KEYS, toJson, value, type JsonTree } from './json-tree.ts';

/**
 * Generated card bodies (wrong types, missing groups, huge strings, nested junk, prototype
 * pollution keys) for every card the service lists, so a new card is fuzzed without a change
 * here. Each answer is a 4xx envelope (or, for a read card given a body that happens to be
 * valid, a normal answer): never a 5xx, never a crash, never a write upstream.
 */

type Json = Record<string, any>;
type Schema = Record<string, any>;

const RUNS_PER_CARD = 2000;
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** A value that may fit the field's schema, or may not. */
function plausible(schema: Schema | undefined, depth = 0): fc.Arbitrary<JsonTree> {
  if (!schema || depth > 3) return junk;
  const choices: Array<fc.Arbitrary<JsonTree>> = [junk];
  if (Array.isArray(schema.enum)) choices.push(fc.constantFrom(...(schema.enum as Array<string | number | boolean | null>)).map(value));
  const types = ([] as string[]).concat(schema.type ?? []);
  if (types.includes('string')) choices.push(fc.string({ maxLength: 30 }).map(value), fc.constantFrom('2024-04-01', 'demo', '').map(value));
  if (types.includes('number') || types.includes('integer')) choices.push(fc.integer({ min: -5, max: 600_000 }).map(value));
  if (types.includes('boolean')) choices.push(fc.boolean().map(value));
  if (types.includes('array')) choices.push(fc.array(plausible(schema.items as Schema | undefined, depth + 1), { maxLength: 3 }).map((items): JsonTree => ({ kind: 'array', items })));
  if (types.includes('object')) choices.push(group(schema, depth + 1));
  return fc.oneof(...choices);
}

/** An object over the schema's own labels, each present or not, plus sometimes a hostile extra key. */
function group(schema: Schema, depth: number): fc.Arbitrary<JsonTree> {
  const labels = Object.keys((schema.properties ?? {}) as Schema);
  const fields = labels.map((label) => fc.option(plausible((schema.properties as Schema)[label] as Schema, depth).map((v): [string, JsonTree] => [label, v]), { nil: undefined }));
  const extra = fc.option(fc.tuple(fc.constantFrom(...POLLUTION_KEYS), junk), { nil: undefined, freq: 4 });
  return fc.tuple(fc.tuple(...fields), extra).map(([present, more]) => object([...present.filter((e) => e !== undefined), ...(more ? [more] : [])]));
}

/** Changes that no card may accept, so a write card can be fuzzed without writing anything. */
function poisoned(card: Schema, body: fc.Arbitrary<JsonTree>): fc.Arbitrary<JsonTree> {
  const requiredGroups = ((card.inputs?.required ?? []) as string[]);
  return fc.tuple(body, fc.nat(), junk, fc.constantFrom(...POLLUTION_KEYS, 'connection', 'accessToken', 'url')).map(([tree, pick, other, extraKey]) => {
    const entries = tree.kind === 'object' ? [...tree.entries] : [];
    const kinds = ['extraTopLevel', 'notObject', 'inputsNotObject', ...(requiredGroups.length > 0 ? ['requiredGroupMissing', 'requiredGroupWrongType'] : [])];
    const kind = kinds[pick % kinds.length];
    const group = requiredGroups[pick % Math.max(1, requiredGroups.length)] ?? '';
    const otherThan = (k: string) => entries.filter(([name]) => name !== k);
    const inputsOf = (): Array<[string, JsonTree]> => {
      const inputs = entries.find(([name]) => name === 'inputs')?.[1];
      return inputs?.kind === 'object' ? inputs.entries.filter(([name]) => name !== group) : [];
    };
    switch (kind) {
      case 'extraTopLevel':
        return object([...entries, [extraKey, other]]);
      case 'notObject':
        return other.kind === 'object' ? { kind: 'array', items: [other] } : other;
      case 'inputsNotObject':
        return object([...otherThan('inputs'), ['inputs', other.kind === 'object' ? value(42) : other]]);
      case 'requiredGroupMissing':
        return object([...otherThan('inputs'), ['inputs', object(inputsOf())]]);
      default:
        return object([...otherThan('inputs'), ['inputs', object([...inputsOf(), [group, other.kind === 'object' ? value('not a group') : other]])]]);
    }
  });
}

/**
 * One POST over a kept-alive loopback socket. node:http rather than fetch: the fuzz sends ~70,000
 * bodies, and fetch's web streams cost as much per call as the service's own work.
 */
function post(agent: http.Agent, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Registers a suite that fuzzes every card GET /cards lists whose access `include` accepts
 * (split by access so the two halves run side by side under mocha --parallel); `mustInclude`
 * names cards that must be among them, so a broken filter cannot fuzz nothing.
 */
export function fuzzCards(title: string, include: (access: string) => boolean, mustInclude: string[]): void {
  describe(title, () => {
    let h: Harness;
    let server: StartedServer;
    let base: string;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const cards: Schema[] = [];

    before(async () => {
      // Thousands of bodies as fast as they go: under SmartHR's 10 requests/s every valid read body
      // would wait for the pacer. Input handling, not pacing, is fuzzed, so no per-second window.
      // Logged at warn: debug lines for every body would cost more than the bodies (the canary
      // suite checks what the logs hold).
      h = await startHarness({
        simulator: { tenants: { demo: { employees: 20 } }, rateLimit: { perSecond: Number.POSITIVE_INFINITY } },
        app: { rateLimit: false, limits: { attemptTimeoutMs: 1000, cardDeadlineMs: 3000, streamDeadlineMs: 3000 }, logger: createLogger({ level: 'warn', destination: new CapturedLogs() }) },
      });
      server = await startServer(h.app, 0, '127.0.0.1');
      base = `http://127.0.0.1:${server.port}`;
      const list = (await request(h.app).get('/cards').expect(200)).body.cards as Json[];
      for (const { id, access } of list) if (include(access as string)) cards.push((await request(h.app).get(`/cards/${id}`).expect(200)).body as Schema);
    });
    after(async () => {
      agent.destroy();
      await server.close();
      await h.close();
    });

    it('lists the cards to fuzz', () => {
      expect(cards.map((c) => c.id)).to.include.members(mustInclude);
    });

    it(`fuzzes each card with at least ${RUNS_PER_CARD.toLocaleString('en')} bodies: 4xx envelopes, no 5xx, no upstream write`, async function () {
      // About a millisecond per body on a 2-core machine; the budget grows with the catalog.
      this.timeout(cards.length * 10_000);
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
      const summary: Record<string, Record<number, number>> = {};
      for (const card of cards) {
        h.sim.requests.clear();
        const statuses: Record<number, number> = {};
        const free = object([]);
        const shaped = fc.tuple(fc.option(group(card.options ?? {}, 0), { nil: undefined }), fc.option(group(card.inputs ?? {}, 0), { nil: undefined }), fc.option(fc.tuple(fc.constantFrom(...POLLUTION_KEYS), junk), { nil: undefined, freq: 5 }))
          .map(([options, inputs, extra]): JsonTree => object([...(options ? [['options', options] as [string, JsonTree]] : []), ...(inputs ? [['inputs', inputs] as [string, JsonTree]] : []), ...(extra ? [extra] : [])]));
        const body = fc.oneof({ arbitrary: shaped, weight: 8 }, { arbitrary: junk, weight: 1 }, { arbitrary: fc.constant(free), weight: 1 });
        const isWrite = card.access !== 'read';
        const generated = isWrite ? poisoned(card, body).map((tree) => ({ tree, mustRefuse: true })) : fc.oneof(
          poisoned(card, body).map((tree) => ({ tree, mustRefuse: true })),
          body.map((tree) => ({ tree, mustRefuse: false })),
        );

        await fc.assert(
          fc.asyncProperty(generated, async ({ tree, mustRefuse }) => {
            const text = toJson(tree);
            const { status, text: answer } = await post(agent, `${base}/cards/${card.id}`, h.connection(), text);
            statuses[status] = (statuses[status] ?? 0) + 1;
            expect(status, `${card.id} ${text.slice(0, 300)} -> ${answer.slice(0, 300)}`).to.be.below(500);
            if (mustRefuse) expect(status, `${card.id} ${text.slice(0, 300)}`).to.be.within(400, 499);
            if (status >= 400) {
              const envelope = JSON.parse(answer) as Json;
              expect(envelope.error.status).to.equal(status);
              expect(envelope.error.code).to.be.a('string');
              expect(envelope.error.message).to.be.a('string');
              expect(envelope.error.details).to.be.an('array');
            }
          }),
          { numRuns: RUNS_PER_CARD },
        );

        const writes = h.sim.requests.entries().filter((e) => WRITE_METHODS.includes(e.method));
        expect(writes, `${card.id} wrote upstream`).to.deep.equal([]);
        expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype').to.deep.equal(prototypeKeys);
        expect(({} as Json).polluted).to.equal(undefined);
        summary[card.id] = statuses;
      }
      // The service is still up and answering.
      await request(h.app).get('/health').expect(200);
      for (const card of cards) expect(Object.values(summary[card.id] ?? {}).reduce((a, b) => a + b, 0)).to.be.at.least(RUNS_PER_CARD);
    });
  });
}
