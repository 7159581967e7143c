import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { REPO_ROOT } from '../../connector/repo-root.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { Contract, explain, type OpenApiDoc } from './support/contract.ts';
import { withSeededIds } from './support/seeded-ids.ts';

type Json = Record<string, unknown>;
type Example = { summary: string; value: { options?: Json; inputs?: Json } };

/**
 * The document drives this test: every operation it lists is called on the real service (against
 * the simulator) and every answer, errors included, must match the document's schema for its
 * status. The operations are read from the committed document so mocha can name the tests; the
 * validators come from the document the service serves, which the document test proves equal.
 */
const committed = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8')) as OpenApiDoc;
const cardOperations = Object.entries(committed.paths)
  .filter(([p, item]) => /^\/cards\/[A-Za-z0-9]+$/.test(p) && item.post)
  .map(([p, item]) => ({ path: p, operation: item.post as Json }));

const examplesOf = (operation: Json): Example[] => {
  const content = (operation.requestBody as { content: Record<string, { examples?: Record<string, Example> }> }).content;
  return Object.values(content['application/json']?.examples ?? {});
};

/** Each card runs on a tenant of its own, so one card's example writes cannot break another's. */
const tenantOf = (operationId: string) => operationId.toLowerCase().slice(0, 63);

const ndjson = (res: request.Response) => String(typeof res.body === 'string' ? res.body : res.text).trim().split('\n').map((line) => JSON.parse(line) as Json);

const asText = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (chunk: Buffer) => (text += chunk.toString()));
    res.on('end', () => done(null, text));
  });

/** A component a `$ref` names. */
const component = (doc: OpenApiDoc, ref: unknown) => doc.components.schemas[String(ref).replace('#/components/schemas/', '')] as Json | undefined;

/** The option that selects a stream, and its streaming value: the /pages operation's options narrow Result Set to it. */
function streamingValue(operation: Json, doc: OpenApiDoc): { option: string; value: string } | undefined {
  const pages = doc.paths[`/cards/${String(operation.operationId)}/pages`]?.post as { requestBody: { content: Record<string, { schema: Json }> } } | undefined;
  if (!pages) return undefined;
  const pageRequest = component(doc, pages.requestBody.content['application/json']?.schema.$ref) as { properties: { options: Json } } | undefined;
  const options = component(doc, pageRequest?.properties.options.$ref) as { properties: Record<string, { enum?: string[] }> } | undefined;
  const [option, field] = Object.entries(options?.properties ?? {}).find(([, f]) => f.enum?.length === 1) ?? [];
  return option && field?.enum?.[0] ? { option, value: field.enum[0] } : undefined;
}

describe('Contract: the OpenAPI document against the running service', () => {
  let h: Harness;
  let contract: Contract;
  const exercised = new Set<string>();

  before(async () => {
    const tenants = Object.fromEntries(cardOperations.map(({ operation }) => [tenantOf(String(operation.operationId)), { employees: 20 }]));
    h = await startHarness({ simulator: { tenants: { demo: { employees: 20 }, ...tenants } } });
    const served = await request(h.app).get('/openapi.json').expect(200);
    contract = new Contract(served.body as OpenApiDoc);
  });
  after(() => h?.close());

  /** Asserts the answer matches the document's schema for its status and media type, and records the operation as covered. */
  function expectDocumented(pathName: string, method: string, res: request.Response): void {
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const validate = contract.responseValidator(pathName, method, res.status, mediaType);
    const bodies = mediaType === 'application/x-ndjson' ? ndjson(res) : mediaType === 'application/json' ? [res.body as unknown] : [res.text];
    for (const [line, body] of bodies.entries()) {
      expect(validate(body), `${method.toUpperCase()} ${pathName} ${res.status}, ${mediaType} body ${bodies.length > 1 ? `line ${line + 1} ` : ''}does not match the document: ${explain(validate)}`).to.equal(true);
    }
    exercised.add(`${method} ${pathName}`);
  }

  for (const { path: cardPath, operation } of cardOperations) {
    const id = String(operation.operationId);
    describe(`${String(operation.summary)} (${id})`, () => {
      it('every example is a valid request of the document, and the answer matches its 200 schema', async () => {
        const examples = examplesOf(operation);
        expect(examples, 'the document carries the card examples').to.not.be.empty;
        for (const example of examples) {
          const body = withSeededIds(example.value, h.sim.tenant(tenantOf(id)));
          const validRequest = contract.requestValidator(cardPath, 'post');
          expect(validRequest(body), `example "${example.summary}": ${explain(validRequest)}`).to.equal(true);
          const res = await request(h.app).post(cardPath).set(h.connection({ tenant: tenantOf(id) })).send(body);
          expect(res.status, `example "${example.summary}": ${res.text}`).to.equal(200);
          expectDocumented(cardPath, 'post', res);
        }
      });

      it('a refused input answers the documented error envelope', async () => {
        const res = await request(h.app).post(cardPath).set(h.connection({ tenant: tenantOf(id) })).send({ inputs: { 'Not A Label': 1 } });
        expect(res.status).to.equal(400);
        expectDocumented(cardPath, 'post', res);
      });

      const streamValue = streamingValue(operation, committed);
      if (streamValue) {
        it(`streams ("${streamValue.value}") as the document's NDJSON lines`, async () => {
          const [example] = examplesOf(operation);
          const inputs = { ...withSeededIds(example?.value.inputs ?? {}, h.sim.tenant(tenantOf(id))), Streaming: { 'Record Limit': 3 } };
          const body = { options: { ...example?.value.options, [streamValue.option]: streamValue.value }, inputs };
          const validRequest = contract.requestValidator(cardPath, 'post');
          expect(validRequest(body), explain(validRequest)).to.equal(true);
          const res = await asText(request(h.app).post(cardPath).set(h.connection({ tenant: tenantOf(id) })).send(body));
          expect(res.status, String(res.body)).to.equal(200);
          expect(res.headers['content-type']).to.match(/^application\/x-ndjson/);
          expect(ndjson(res).at(-1)).to.have.property('Records Streamed');
          expectDocumented(cardPath, 'post', res);
        });

        it(`walks its pages (POST ${cardPath}/pages): each page and a refused cursor match the document`, async () => {
          const pagesPath = `${cardPath}/pages`;
          const [example] = examplesOf(operation);
          const first = {
            options: { ...example?.value.options, [streamValue.option]: streamValue.value },
            inputs: withSeededIds(example?.value.inputs ?? {}, h.sim.tenant(tenantOf(id))),
            cursor: null,
            pageSize: 2,
          };
          const validRequest = contract.requestValidator(pagesPath, 'post');
          expect(validRequest(first), explain(validRequest)).to.equal(true);
          const page = await request(h.app).post(pagesPath).set(h.connection({ tenant: tenantOf(id) })).send(first);
          expect(page.status, page.text).to.equal(200);
          expectDocumented(pagesPath, 'post', page);
          const cursor = page.body['Next Cursor'] as string | null;
          if (cursor !== null) {
            const next = await request(h.app).post(pagesPath).set(h.connection({ tenant: tenantOf(id) })).send({ ...first, cursor });
            expect(next.status, next.text).to.equal(200);
            expectDocumented(pagesPath, 'post', next);
          }
          const refused = await request(h.app).post(pagesPath).set(h.connection({ tenant: tenantOf(id) })).send({ ...first, cursor: 'not-a-cursor' });
          expect(refused.status).to.equal(400);
          expect(JSON.stringify(refused.body.error.details)).to.include('cursor');
          expectDocumented(pagesPath, 'post', refused);
        });
      }
    });
  }

  describe('service operations', () => {
    it('GET /health', async () => {
      expectDocumented('/health', 'get', await request(h.app).get('/health'));
    });

    it('GET /cards and GET /cards/{id} of every listed card', async () => {
      const list = await request(h.app).get('/cards').expect(200);
      expectDocumented('/cards', 'get', list);
      for (const { id } of list.body.cards as Array<{ id: string }>) {
        expectDocumented('/cards/{id}', 'get', await request(h.app).get(`/cards/${id}`).expect(200));
      }
      expectDocumented('/cards/{id}', 'get', await request(h.app).get('/cards/noSuchCard').expect(404));
    });

    it('GET / (the console page)', async () => {
      expectDocumented('/', 'get', await request(h.app).get('/').expect(200));
    });

    it('GET /openapi.json', async () => {
      expectDocumented('/openapi.json', 'get', await request(h.app).get('/openapi.json'));
    });

    it('POST /connection/test: the permission report, and a refused token', async () => {
      expectDocumented('/connection/test', 'post', await request(h.app).post('/connection/test').set(h.connection()).expect(200));
      expectDocumented('/connection/test', 'post', await request(h.app).post('/connection/test').set(h.connection({ token: 'not-a-token' })).expect(401));
    });
  });

  describe('coverage', () => {
    it('every operation of the document was called', () => {
      const documented = Object.entries(contract.doc.paths).flatMap(([p, item]) => Object.keys(item).map((method) => `${method} ${p}`));
      expect(documented.filter((op) => !exercised.has(op))).to.deep.equal([]);
    });
  });
});
