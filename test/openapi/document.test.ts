import { validate, compileErrors } from '@readme/openapi-parser';
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { createApp, DEFAULT_DIRS } from '../../connector/app.ts';
import { CardCatalog } from '../../connector/engine/catalog.ts';
import { readSchemaFiles } from '../../connector/engine/schemas.ts';
import { buildOpenApiDocument } from '../../connector/openapi/document.ts';
import { serialiseOpenApi } from '../../connector/openapi/load.ts';
import { REPO_ROOT } from '../../connector/repo-root.ts';
import { createLogger } from '../../connector/logging.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

type Json = Record<string, any>;

/** An independent validator: the OpenAPI 3.0 specification's schema plus its semantic rules (unique operationIds, path parameters...). */
async function validity(document: unknown): Promise<string> {
  const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
  return result.valid ? 'valid' : compileErrors(result);
}

describe('OpenAPI document', () => {
  let h: Harness;
  let served: request.Response;
  before(async () => {
    h = await startHarness();
    served = await request(h.app).get('/openapi.json').expect(200).expect('content-type', /^application\/json/);
  });
  after(() => h.close());

  it('GET /openapi.json is a valid OpenAPI 3.0 document', async () => {
    expect(served.body.openapi).to.match(/^3\.0\.\d$/);
    expect(await validity(served.body)).to.equal('valid');
  });

  it('the validator refuses what OpenAPI 3.0 lacks (a JSON Schema type array), so the check above can fail', async () => {
    const broken = structuredClone(served.body) as Json;
    broken.components.schemas.ReadEmployeeInputs.properties.Employee.type = ['object', 'null'];
    expect(await validity(broken)).to.not.equal('valid');
  });

  it('GET /openapi.json is docs/openapi.json, byte for byte', async () => {
    expect(served.text).to.equal(await readFile(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8'));
  });

  it('has an operation for every card GET /cards lists: operationId, summary and description from the card', async () => {
    const { cards } = (await request(h.app).get('/cards').expect(200)).body as { cards: Array<{ id: string; name: string; description: string }> };
    expect(cards).to.not.be.empty;
    for (const card of cards) {
      const operation = served.body.paths[`/cards/${card.id}`]?.post as Json | undefined;
      expect(operation, card.id).to.not.equal(undefined);
      expect({ operationId: operation?.operationId, summary: operation?.summary, description: operation?.description }).to.deep.equal({ operationId: card.id, summary: card.name, description: card.description });
    }
  });

  it('streaming cards answer NDJSON too and have a /pages operation with the page body and answer', async () => {
    const definition = (await request(h.app).get('/cards/listDepartments').expect(200)).body as Json;
    expect(definition.pagination.resultSets['Stream Records']).to.equal('stream');
    const paths = served.body.paths as Json;
    expect(Object.keys(paths['/cards/listDepartments'].post.responses[200].content)).to.deep.equal(['application/json', 'application/x-ndjson']);
    const schemas = served.body.components.schemas as Json;
    expect(paths['/cards/listDepartments/pages'].post.operationId).to.equal('listDepartmentsPages');
    expect(schemas.ListDepartmentsPageRequest.properties.pageSize).to.include({ minimum: 1, maximum: 1000, default: 500 });
    expect(schemas.ListDepartmentsPageOptions.properties['Result Set'].enum).to.deep.equal(['Stream Records']);
    expect(schemas.ListDepartmentsPage.required).to.deep.equal(['Records', 'Records Streamed', 'Next Cursor']);
    expect(Object.keys(schemas.ListEmployeeProfilesPage.properties)).to.include('Next Changed Since');
    expect(paths['/cards/readEmployee/pages']).to.equal(undefined);
  });

  it('asks for Account Type (sandbox or production), Tenant ID and Access Token, the connector key, or the Basic form', () => {
    const { securitySchemes, parameters } = served.body.components as Json;
    expect(parameters.AccountType).to.deep.include({ name: 'X-SmartHR-Account-Type', in: 'header', required: true });
    expect(parameters.AccountType.schema.enum).to.deep.equal(['sandbox', 'production']);
    expect(parameters.TenantId).to.deep.include({ name: 'X-SmartHR-Tenant-Id', in: 'header', required: true });
    expect(securitySchemes.SmartHRAccessToken).to.deep.include({ type: 'http', scheme: 'bearer' });
    expect(securitySchemes.ConnectorKey).to.deep.include({ type: 'apiKey', in: 'header', name: 'X-Connector-Key' });
    expect(securitySchemes.ConnectorBasic).to.deep.include({ type: 'http', scheme: 'basic' });
    expect(served.body.security).to.deep.include({ SmartHRAccountType: [], SmartHRTenantId: [], SmartHRAccessToken: [] });
    expect(served.body.paths['/health'].get.security).to.deep.equal([]);
  });

  it('keeps labels with spaces as property names, and card keywords as x- extensions', () => {
    const employee = served.body.components.schemas.ReadEmployeeInputs.properties.Employee as Json;
    expect(employee.properties['Employee ID']).to.deep.include({ type: 'string', 'x-workflowsType': 'Text' });
    const lastName = served.body.components.schemas.ReadEmployeeOutputs.properties['Basic Information'].properties['Last Name'] as Json;
    expect(lastName).to.deep.include({ type: 'string', nullable: true, 'x-smarthr': 'last_name' });
  });

  it('is the same document whatever order the cards come in', async () => {
    const cards = (await CardCatalog.load(DEFAULT_DIRS)).list();
    const schemas = await readSchemaFiles(DEFAULT_DIRS.schemasDir);
    const forwards = serialiseOpenApi(buildOpenApiDocument({ cards, schemas, version: '1.2.3' }));
    const backwards = serialiseOpenApi(buildOpenApiDocument({ cards: [...cards].reverse(), schemas, version: '1.2.3' }));
    expect(backwards).to.equal(forwards);
  });

  it('each security alternative it declares is accepted by the service (bearer, bearer + connector key, Basic)', async () => {
    const keyed = await startHarness({ simulator: { tenants: { demo: { employees: 5 } } }, app: { apiKey: 'the-key' } });
    try {
      const { authorization: _bearer, ...place } = keyed.connection();
      const basic = `Basic ${Buffer.from('the-key:demo-token').toString('base64')}`;
      await request(h.app).post('/connection/test').set(h.connection()).expect(200);
      await request(keyed.app).post('/connection/test').set({ ...keyed.connection(), 'x-connector-key': 'the-key' }).expect(200);
      await request(keyed.app).post('/connection/test').set({ ...place, authorization: basic }).expect(200);
      await request(keyed.app).post('/connection/test').set(keyed.connection()).expect(401);
    } finally {
      await keyed.close();
    }
    expect(served.body.security).to.have.length(3);
  });

  it('is behind the connector key like the catalog, when the operator set one', async () => {
    const app = await createApp({ apiKey: 'the-key', logger: createLogger({ level: 'silent' }) });
    await request(app).get('/openapi.json').expect(401);
    await request(app).get('/openapi.json').set('x-connector-key', 'the-key').expect(200);
  });
});
