import { CARDS } from '../../../scripts/codegen/workflows/helper-flows/addresses.ts';
import type { Field, Flo, Flopack, Method } from '../../../scripts/codegen/workflows/helper-flows/format.ts';

/**
 * Runs a generated flow the way the cards it uses are documented to behave, so the tests can
 * drive the real service through the flows' wiring: what each pin carries, the body the
 * Construct and Clear Empty cards build, the URL, the branches, the calls between flows. It is
 * this project's reading of the cards, not Workflows: it proves the wiring, not the platform.
 * Only the cards the generator uses are known; anything else throws.
 */

export class FlowError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RunOptions {
  /** The API Connector connection: headers it adds to every Raw Request. */
  connection: () => Record<string, string>;
  /** Helper flows outside the folder (a streaming target), by the id passed as a Flow value. */
  userFlows?: Record<string, (inputs: Record<string, unknown>) => Promise<Record<string, unknown>> | Record<string, unknown>>;
  /** Every Raw Request made, for assertions on what went over the wire. */
  requests?: { url: string; method: string; headers: Record<string, string>; body: string }[];
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

function compare(left: unknown, operator: unknown, right: unknown): boolean {
  switch (operator) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case 'is empty':
      return isEmpty(left);
    default:
      throw new Error(`operator ${String(operator)} is not modelled`);
  }
}

class FlowRun {
  private readonly values = new Map<string, unknown>();
  private readonly sources = new Map<string, string[]>();
  private readonly byUuid: Map<string, Method>;
  private readonly next = new Map<string, string[]>();
  private result: Record<string, unknown> | undefined;

  constructor(
    private readonly flow: Flo,
    private readonly runner: Interpreter,
  ) {
    this.byUuid = new Map(flow.data.methods.map((m) => [m.uuid, m]));
    for (const method of flow.data.methods) {
      for (const [output, targets] of Object.entries(method.pins)) {
        for (const links of Object.values(targets)) for (const { input } of links) this.sources.set(input, [...(this.sources.get(input) ?? []), output]);
      }
    }
    for (const [from, to] of Object.values(flow.data.orderings)) this.next.set(from, [...(this.next.get(from) ?? []), to]);
  }

  private fields(method: Method, part: 'inputs' | 'outputs'): Field[] {
    return Object.values(method.node.model[part].data);
  }

  /** An input's value: what is pinned into it (from the branch that ran), else what is typed in. */
  private input(method: Method, key: string): unknown {
    const field = this.fields(method, 'inputs').find((f) => f.key === key);
    if (!field) throw new Error(`${method.address} has no input ${key}`);
    return this.valueOf(field);
  }

  private valueOf(field: Field): unknown {
    const pinned = (this.sources.get(field.id) ?? []).filter((output) => this.values.has(output));
    if (pinned.length > 1) throw new Error(`input ${field.key} is fed by ${pinned.length} cards that all ran`);
    return pinned[0] !== undefined ? this.values.get(pinned[0]) : (field.value.data ?? null);
  }

  private custom(method: Method): Field[] {
    return this.fields(method, 'inputs').filter((f) => f.metadata?.custom === true);
  }

  private setOutput(method: Method, key: string, value: unknown): void {
    const field = this.fields(method, 'outputs').find((f) => f.key === key);
    if (!field) throw new Error(`${method.address} has no output ${key}`);
    this.values.set(field.id, value);
  }

  async run(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const start = this.flow.data.methods.find((m) => m.address === CARDS.helperFlow);
    if (!start) throw new Error(`${this.flow.name} has no Helper Flow card`);
    for (const field of this.fields(start, 'outputs')) if (field.metadata?.custom) this.values.set(field.id, inputs[field.key] ?? null);
    await this.runFrom(start.uuid);
    return this.result ?? {};
  }

  /** Runs cards in their order from `uuid`, stopping before `stop` (the Join ending a branch). */
  private async runFrom(uuid: string, stop?: string): Promise<void> {
    let current: string | undefined = uuid;
    while (current !== undefined && current !== stop) {
      const method = this.byUuid.get(current);
      if (!method) throw new Error(`no card ${current}`);
      const join = await this.execute(method);
      if (join) {
        current = join;
        continue;
      }
      const successors: string[] = this.next.get(current) ?? [];
      current = successors.find((s) => s !== stop) ?? successors[0];
    }
  }

  /** Runs one card; for an If/Else, runs the chosen branch and returns the Join it ends at. */
  private async execute(method: Method): Promise<string | undefined> {
    const input = (key: string) => this.input(method, key);
    switch (method.address) {
      case CARDS.helperFlow:
      case CARDS.comment:
      case CARDS.branchStart:
        return undefined;
      case CARDS.construct:
        this.setOutput(method, 'output', Object.fromEntries(this.custom(method).map((f) => [f.key, this.valueOf(f)])));
        return undefined;
      case CARDS.clearEmpty: {
        if (input('recursive') !== false) throw new Error('only the non-recursive Clear Empty is modelled');
        const object = (input('object') ?? {}) as Record<string, unknown>;
        this.setOutput(method, 'output', Object.fromEntries(Object.entries(object).filter(([, v]) => !isEmpty(v))));
        return undefined;
      }
      case CARDS.stringify:
        this.setOutput(method, 'output', JSON.stringify(input('object')));
        return undefined;
      case CARDS.parse:
        this.setOutput(method, 'output', JSON.parse(String(input('string'))));
        return undefined;
      case CARDS.get: {
        const object = input('object') as Record<string, unknown> | null;
        this.setOutput(method, 'output', object?.[String(input('path'))] ?? null);
        return undefined;
      }
      case CARDS.concatenate: {
        const parts = this.fields(method, 'inputs').sort((a, b) => Number(a.metadata?.index) - Number(b.metadata?.index));
        this.setOutput(method, 'output', parts.map((f) => String(this.valueOf(f) ?? '')).join(''));
        return undefined;
      }
      case CARDS.rawRequest: {
        const headers = { ...(input('Headers') as Record<string, string>), ...this.runner.options.connection() };
        const call = { url: String(input('URL')), method: String(input('Method')), headers, body: String(input('Body') ?? '') };
        this.runner.options.requests?.push(call);
        const response = await fetch(call.url, { method: call.method, headers, body: call.method === 'GET' ? undefined : call.body });
        this.setOutput(method, 'Status Code', response.status);
        this.setOutput(method, 'Headers', Object.fromEntries(response.headers));
        this.setOutput(method, 'Body', await response.text());
        return undefined;
      }
      case CARDS.returnErrorIf:
        if (compare(input('left-operand'), input('operator'), input('right-operand'))) throw new FlowError(Number(input('statusCode')), String(input('message')));
        return undefined;
      case CARDS.callFlow: {
        const given = Object.fromEntries(this.custom(method).map((f) => [f.key, this.valueOf(f)]));
        const outputs = await this.runner.call(input('flo'), given);
        for (const field of this.fields(method, 'outputs')) this.values.set(field.id, outputs[field.key] ?? null);
        return undefined;
      }
      case CARDS.forEach: {
        const list = (input('list') ?? []) as unknown[];
        for (const item of list) {
          const given = Object.fromEntries(
            this.custom(method).map((f) => {
              const proxy = f.value.proxy as { dynamic?: boolean; path?: string } | undefined;
              return [f.key, proxy?.dynamic ? item : this.valueOf(f)];
            }),
          );
          await this.runner.call(input('flo'), given);
        }
        return undefined;
      }
      case CARDS.ifElse: {
        const taken = compare(input('left-operand'), input('operator'), input('right-operand'));
        const start = Object.entries(method.branches).find(([, when]) => when === taken)?.[0];
        const join = [...this.byUuid.values()].find((m) => m.address === CARDS.join && Object.values(this.flow.data.orderings).some(([from, to]) => from === start && to === m.uuid));
        if (!start || !join) throw new Error('If/Else without its branch or Join');
        await this.runFrom(start, join.uuid);
        for (const [inputId, links] of Object.entries(join.joins)) {
          const field = join.node.model.inputs.data[inputId];
          for (const { output } of links) if (field) this.values.set(output, this.valueOf(field));
        }
        return this.next.get(join.uuid)?.[0];
      }
      case CARDS.join:
        return undefined;
      case CARDS.returnOutputs:
        this.result = Object.fromEntries(this.custom(method).map((f) => [f.key, this.valueOf(f)]));
        return undefined;
      default:
        throw new Error(`card ${method.address} is not modelled`);
    }
  }
}

export class Interpreter {
  constructor(
    private readonly pack: Flopack,
    readonly options: RunOptions,
  ) {}

  flowNamed(name: string): Flo {
    const flow = Object.values(this.pack.data.flos).find((f) => f.name === name);
    if (!flow) throw new Error(`no flow "${name}"`);
    return flow;
  }

  async call(flow: unknown, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const inFolder = this.pack.data.flos[String(flow)];
    if (inFolder) return new FlowRun(inFolder, this).run(inputs);
    const outside = this.options.userFlows?.[String(flow)];
    if (!outside) throw new Error(`no flow ${String(flow)}`);
    return outside(inputs);
  }

  run(name: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call(this.flowNamed(name).id, inputs);
  }
}
