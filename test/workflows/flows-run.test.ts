import { expect } from 'chai';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { CARDS } from '../../scripts/codegen/workflows/addresses.ts';
import { SETTINGS, SETTINGS_FLOW_NAME } from '../../scripts/codegen/workflows/card-flows.ts';
import { buildFolder, loadCards } from '../../scripts/codegen/workflows/folder.ts';
import type { Flopack } from '../../scripts/codegen/workflows/format.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';
import { DEMO_TOKEN, startHarness, type Harness } from '../helpers/harness.ts';
import { FlowError, Interpreter, type RunOptions } from './support/interpreter.ts';

type Json = Record<string, any>;

/** File links carry an expiry time, which differs between two reads a second apart. */
const comparable = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/expires=\d+/g, 'expires=*')) as unknown;

/**
 * The generated flows run (by test/workflows/support/interpreter.ts, this project's model of the
 * cards) against the real service and the simulator over HTTP: what a flow returns must be what
 * calling the card directly returns, and the request it sends must be the card's contract.
 */
describe('Workflows helper flows, run against the service', () => {
  let h: Harness;
  let server: Server;
  let folder: Flopack;
  let requests: NonNullable<RunOptions['requests']>;
  let flows: Interpreter;

  before(async () => {
    h = await startHarness();
    server = h.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    folder = buildFolder(await loadCards(repoLayout()));
    // What the admin does after the import: set the service URL, Tenant ID and Account Type once.
    const settings = Object.values(folder.data.flos).find((f) => f.name === SETTINGS_FLOW_NAME);
    const done = settings?.data.methods.find((m) => m.address === CARDS.returnOutputs);
    const values: Record<keyof typeof SETTINGS, string> = { 'Service URL': `http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'Tenant ID': 'demo', 'Account Type': 'Sandbox' };
    for (const field of Object.values(done?.node.model.inputs.data ?? {})) field.value.data = values[field.key as keyof typeof SETTINGS];
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });
  beforeEach(() => {
    requests = [];
    flows = new Interpreter(folder, { connection: () => ({ authorization: `Bearer ${DEMO_TOKEN}` }), requests });
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
    const result = await run('SmartHR - Update Employee', { 'Employee > Employee ID': crew.id, 'Names > Business Last Name': '高橋' });
    expect(result['Basic Information']['Business Last Name']).to.equal('高橋');
    const body = JSON.parse(requests[0]?.body ?? '{}') as Json;
    expect(body.inputs.Employee).to.deep.equal({ 'Employee ID': crew.id });
    expect(body.inputs.Names).to.deep.equal({ 'Business Last Name': '高橋' });
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
});
