import { expect } from 'chai';
import request from 'supertest';
import { CARDS } from '../../scripts/codegen/workflows/helper-flows/addresses.ts';
import { SETTINGS, SETTINGS_FLOW_NAME } from '../../scripts/codegen/workflows/helper-flows/card-flows.ts';
import { buildFolder, loadCards } from '../../scripts/codegen/workflows/helper-flows/folder.ts';
import type { Flopack } from '../../scripts/codegen/workflows/helper-flows/format.ts';
import type { CardDefinition } from '../../connector/generated/schemas/card.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';
import { createApp } from '../../connector/app.ts';
import { createLogger } from '../../connector/logging.ts';
import { DEMO_TOKEN, startHarness, type Harness } from '../helpers/harness.ts';
import { comparable, streamed } from '../pages/support.ts';
import { listen, type ListeningService } from '../scale/support/service.ts';
import { FlowError, Interpreter, type RunOptions } from './support/interpreter.ts';

type Json = Record<string, any>;

/** What the admin does after the import: set the service URL, Tenant ID and Account Type once. */
function configured(folder: Flopack, serviceUrl: string): Flopack {
  const settings = Object.values(folder.data.flos).find((f) => f.name === SETTINGS_FLOW_NAME);
  const done = settings?.data.methods.find((m) => m.address === CARDS.returnOutputs);
  const values: Record<keyof typeof SETTINGS, string> = { 'Service URL': serviceUrl, 'Tenant ID': 'demo', 'Account Type': 'Sandbox' };
  for (const field of Object.values(done?.node.model.inputs.data ?? {})) field.value.data = values[field.key as keyof typeof SETTINGS];
  return folder;
}

/**
 * The generated flows run (by test/workflows/support/interpreter.ts, this project's model of the
 * cards) against the real service and the simulator over HTTP: what a flow returns must be what
 * calling the card directly returns, and the request it sends must be the card's contract.
 */
describe('Workflows helper flows, run against the service', () => {
  let h: Harness;
  let server: ListeningService;
  let folder: Flopack;
  let folderCards: CardDefinition[];
  let requests: NonNullable<RunOptions['requests']>;
  let flows: Interpreter;
  /** What the streaming target flow ("user-flow") was called with, call by call. */
  let calls: Json[];

  before(async () => {
    h = await startHarness();
    server = await listen(h.app);
    folderCards = await loadCards(repoLayout());
    folder = configured(buildFolder(folderCards), server.url);
  });
  after(async () => {
    await server.close();
    await h.close();
  });
  beforeEach(() => {
    requests = [];
    // The API Connector connection of type Basic: connector key (none set here: any value) and token.
    const basic = Buffer.from(`smarthr:${DEMO_TOKEN}`).toString('base64');
    flows = new Interpreter(folder, { connection: () => ({ authorization: `Basic ${basic}` }), requests, userFlows: { 'user-flow': (inputs) => (calls.push(inputs), {}) } });
    calls = [];
  });

  const run = (name: string, inputs: Json) => flows.run(name, inputs) as Promise<Json>;
  const direct = async (card: string, body: Json) => (await request(h.app).post(`/cards/${card}`).set(h.connection()).send(body).expect(200)).body as Json;
  const employed = () => h.sim.tenant('demo').crews().find((c: Json) => c.emp_status === 'employed') as Json;

  it('Read Employee returns what the card returns', async () => {
    const crew = employed();
    const viaFlow = await run('SmartHR - Read Employee', { 'Employee > Employee ID': crew.id });
    expect(comparable(viaFlow)).to.deep.equal(comparable(await direct('readEmployee', { inputs: { Employee: { 'Employee ID': crew.id } } })));
    expect(viaFlow['Basic Information']['Employee ID']).to.equal(crew.id);
    expect(requests.map((r) => [r.method, new URL(r.url).pathname, r.headers['X-SmartHR-Tenant-Id'], r.headers['X-SmartHR-Account-Type']])).to.deep.equal([
      ['POST', '/cards/readEmployee', 'demo', 'Sandbox'],
    ]);
  });

  it('Update Employee sends only the inputs given, so the fields left empty keep their values', async () => {
    const crew = employed();
    const result = await run('SmartHR - Update Employee', { 'Employee > Employee ID': crew.id, 'Basic Information > Business Last Name': '高橋' });
    expect(result['Basic Information']['Business Last Name']).to.equal('高橋');
    const body = JSON.parse(requests[0]?.body ?? '{}') as Json;
    expect(body.inputs.Employee).to.deep.equal({ 'Employee ID': crew.id });
    expect(body.inputs['Basic Information']).to.deep.equal({ 'Business Last Name': '高橋' });
    const after = h.sim.tenant('demo').crew(crew.id) as Json;
    for (const field of ['last_name', 'first_name', 'email', 'emp_code', 'tel_number', 'birth_at']) expect(after[field], field).to.deep.equal(crew[field]);
  });

  it('Search Employees with a list filter and a result set returns what the card returns', async () => {
    const departments = (employed().departments as Json[]).map((d) => d.id as string);
    const inputs = { 'Result Set': 'First 100 Matching Records', 'Filter By > Department IDs': departments, 'Filter By > Employment Status': 'Employed' };
    const viaFlow = await run('SmartHR - Search Employees', inputs);
    const card = await direct('searchEmployees', { options: { 'Result Set': 'First 100 Matching Records' }, inputs: { 'Filter By': { 'Department IDs': departments, 'Employment Status': 'Employed' } } });
    expect(comparable(viaFlow)).to.deep.equal(comparable(card));
    expect(viaFlow.Result.Employees.length).to.be.greaterThan(0);
  });

  it('Custom API Action passes the request through', async () => {
    const viaFlow = await run('SmartHR - Custom API Action', { 'Request Type': 'GET', 'Request > Relative URL': '/v1/employment_types', 'Request > Query': { per_page: 2 } });
    expect(viaFlow.Response['Status Code']).to.equal(200);
    expect(viaFlow.Response.Body).to.have.length(2);
  });

  it("ends with Return Error carrying the service's error envelope, never the token", async () => {
    const failure = await run('SmartHR - Read Employee', { 'Employee > Employee ID': 'no-such-employee' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(FlowError);
    const { statusCode, message } = failure as FlowError;
    expect(statusCode).to.equal(404);
    expect(JSON.parse(message).error.code).to.equal('not_found');
    expect(message).not.to.include(DEMO_TOKEN);
  });

  it('names a missing required input by its card label', async () => {
    const failure = (await run('SmartHR - Read Employee', {}).catch((error: unknown) => error)) as FlowError;
    expect(failure.statusCode).to.equal(400);
    expect(JSON.parse(failure.message).error.details[0].field).to.equal('Employee ID');
  });

  describe('streaming', () => {
    const pagesCalls = () => requests.filter((r) => r.url.endsWith('/pages')).map((r) => JSON.parse(r.body) as Json);

    it('Search Employees calls the chosen flow with Record and State for each record, as the NDJSON stream has them, up to Record Limit', async () => {
      const filter = { 'Employment Status': 'Employed' };
      const result = await run('SmartHR - Search Employees', {
        'Result Set': 'Stream Matching Records',
        'Filter By > Employment Status': 'Employed',
        'Streaming > Flow': 'user-flow',
        'Streaming > State': { run: 'nightly' },
        'Streaming > Record Limit': 150,
      });
      const stream = await streamed(h.app, 'searchEmployees', { headers: h.connection(), options: { 'Result Set': 'Stream Matching Records' }, inputs: { 'Filter By': filter, Streaming: { 'Record Limit': 150 } } });
      expect(stream.records).to.have.length(150);
      expect(comparable(calls.map((c) => c.Record))).to.deep.equal(comparable(stream.records));
      expect(calls.every((c) => c.State.run === 'nightly')).to.equal(true);
      expect(result).to.deep.equal({ Result: { 'Records Streamed': 150 } });
      const pages = pagesCalls();
      expect(pages.map((p) => [p.cursor === undefined, p.pageSize])).to.deep.equal([[true, 100], [false, 100]]);
      expect(pages[0]).to.deep.equal({ options: { 'Result Set': 'Stream Matching Records' }, inputs: { 'Filter By': filter, Streaming: { 'Record Limit': 150 } }, pageSize: 100 });
    });

    it('List Employee Profiles returns Records Streamed and Next Changed Since; Record Limit 0 calls nothing', async () => {
      const result = await run('SmartHR - List Employee Profiles', { 'Result Set': 'Stream Records', 'Streaming > Flow': 'user-flow', 'Streaming > Record Limit': 5 });
      expect(calls).to.have.length(5);
      expect(calls[0]?.Record).to.include.keys('employeeNumber', 'smarthrId');
      expect(result.Result['Records Streamed']).to.equal(5);
      expect(Date.parse(result.Result['Next Changed Since'])).to.be.a('number').and.not.NaN;
      calls.length = 0;
      const none = await run('SmartHR - List Departments', { 'Result Set': 'Stream Records', 'Streaming > Flow': 'user-flow', 'Streaming > Record Limit': 0 });
      expect(calls).to.deep.equal([]);
      expect(none).to.deep.equal({ Result: { 'Records Streamed': 0 } });
    });

    it('a result set that does not stream goes to POST /cards/{id}, never to /pages', async () => {
      const result = await run('SmartHR - List Job Titles', { 'Result Set': 'First 100 Records', 'Streaming > Flow': 'user-flow' });
      expect(result).to.deep.equal(await direct('listJobTitles', { options: { 'Result Set': 'First 100 Records' } }));
      expect(pagesCalls()).to.deep.equal([]);
      expect(calls).to.deep.equal([]);
    });
  });

  it('carries the connector key in the Basic connection when the service requires one', async () => {
    const keyed = await listen(await createApp({ logger: createLogger({ level: 'silent' }), upstreamBaseUrl: `${h.sim.url}/{tenant}`, apiKey: 'connector-k3y' }));
    try {
      const viaKey = (user: string) =>
        new Interpreter(configured(buildFolder(folderCards), keyed.url), { connection: () => ({ authorization: `Basic ${Buffer.from(`${user}:${DEMO_TOKEN}`).toString('base64')}` }) });
      const crew = employed();
      const read = await viaKey('connector-k3y').run('SmartHR - Read Employee', { 'Employee > Employee ID': crew.id });
      expect((read as Json)['Basic Information']['Employee ID']).to.equal(crew.id);
      const refused = (await viaKey('wrong-key').run('SmartHR - Read Employee', { 'Employee > Employee ID': crew.id }).catch((error: unknown) => error)) as FlowError;
      expect(refused.statusCode).to.equal(401);
    } finally {
      await keyed.close();
    }
  });
});
