import { CARDS, type CardRole } from './addresses.ts';
import { catalogue, type CardTemplate, type TemplateField, type TemplatePort } from './catalogue.ts';
import type { Field, Flo, Json, JsonObject, Method, Model, Port, StoredType } from './format.ts';
import { IdSequence } from './ids.ts';

export interface FieldType {
  type: StoredType;
  collection: boolean;
}

export const TEXT: FieldType = { type: 'string', collection: false };
export const NUMBER: FieldType = { type: 'number', collection: false };
export const OBJECT: FieldType = { type: 'object', collection: false };
export const OBJECTS: FieldType = { type: 'object', collection: true };
export const FLOW: FieldType = { type: 'flo', collection: false };

/** An output of a card, to be pinned into inputs of the cards after it. */
export interface Output {
  card: Card;
  id: string;
}

/** The value a field holds before anything is typed or pinned into it, as in real exports. */
function emptyValue({ type, collection }: FieldType): Json {
  if (collection) return [];
  if (typeof type === 'object' || type === 'object') return {};
  if (type === 'number' || type === 'boolean') return null;
  return '';
}

function templateOf(address: string): CardTemplate {
  const template = catalogue().cards[address]?.template;
  if (!template) throw new Error(`catalogue.json has no card shape for ${address}; run scripts/workflows-study.ts`);
  return template;
}

/** One card of a flow, made from the shape of a real card of the same address. */
export class Card {
  constructor(
    readonly method: Method,
    private readonly template: CardTemplate,
    private readonly ids: IdSequence,
  ) {}

  get uuid(): string {
    return this.method.uuid;
  }

  private get model(): Model {
    return this.method.node.model;
  }

  private fieldId(port: Port, key: string): string {
    const field = Object.values(port.data).find((f) => f.key === key);
    if (!field) throw new Error(`${this.method.address} has no field "${key}"`);
    return field.id;
  }

  input(key: string): string {
    return this.fieldId(this.model.inputs, key);
  }

  output(key: string): Output {
    return { card: this, id: this.fieldId(this.model.outputs, key) };
  }

  /** Types a value into one of the card's own inputs. */
  set(key: string, data: Json, type?: FieldType): this {
    const field = this.model.inputs.data[this.input(key)];
    if (field) Object.assign(field.value, type ?? {}, { data });
    return this;
  }

  /** Pins `from` into the input `key`. */
  take(key: string, from: Output, type?: FieldType): this {
    const field = this.model.inputs.data[this.input(key)];
    if (field && type) Object.assign(field.value, type, { data: emptyValue(type) });
    pin(from, this, this.input(key));
    return this;
  }

  /** Gives one of the card's own outputs the type of what it will hold (Get, Parse...). */
  retype(key: string, type: FieldType): this {
    const field = this.model.outputs.data[this.output(key).id];
    if (field) Object.assign(field.value, type, { data: emptyValue(type) });
    return this;
  }

  /** The text of a Comment card. */
  note(title: string, markdown: string): this {
    this.model.comments = { title, markdown };
    return this;
  }

  /** Labels an output as the card's output name in the editor does. */
  label(key: string, displayname: string): this {
    const metadata = this.model.outputs.data[this.output(key).id]?.metadata;
    if (metadata) metadata.displayname = displayname;
    return this;
  }

  private addField(port: Port, sample: TemplateField | undefined, key: string, type: FieldType, changes: Partial<Field> = {}): string {
    if (!sample) throw new Error(`catalogue.json has no sample of a builder-added field on ${this.method.address}`);
    const id = this.ids.next();
    const copy = structuredClone(sample);
    const field: Field = {
      id,
      ...copy,
      key,
      value: { ...copy.value, ...type, data: emptyValue(type) },
      metadata: { ...copy.metadata, index: Object.keys(port.data).length },
      ...changes,
    };
    port.data[id] = field;
    return id;
  }

  /** Adds an input field of the builder's own, as on Construct, Return, Call Flow or the event card. */
  addInput(key: string, type: FieldType, options: { from?: Output; data?: Json; proxy?: JsonObject } = {}): string {
    const id = this.addField(this.model.inputs, this.template.customInput, key, type);
    const field = this.model.inputs.data[id];
    if (field && options.data !== undefined) field.value.data = options.data;
    if (field && options.proxy) field.value.proxy = options.proxy;
    if (options.from) pin(options.from, this, id);
    return id;
  }

  addOutput(key: string, type: FieldType): Output {
    return { card: this, id: this.addField(this.model.outputs, this.template.customOutput, key, type) };
  }

  /** Adds a field to a Join: an input each branch pins into, and the output the cards after it read. */
  addJoined(key: string, type: FieldType): { input: string; output: Output } {
    const input = this.addField(this.model.inputs, this.template.customInput, key, type);
    const output = this.addOutput(key, type);
    this.method.joins[input] = [{ output: output.id, transform: null }];
    return { input, output };
  }
}

export function pin(from: Output, to: Card, inputId: string): void {
  const targets = (from.card.method.pins[from.id] ??= {});
  (targets[to.uuid] ??= []).push({ input: inputId, transform: null });
}

function port(template: TemplatePort, ids: IdSequence): Port {
  const { fields, ...skeleton } = structuredClone(template);
  const data: Record<string, Field> = {};
  for (const field of fields) {
    const id = ids.next();
    data[id] = { id, ...field };
  }
  return { ...skeleton, data };
}

/** The cards, their order and their wiring of one helper flow. */
export class FlowBuilder {
  private readonly methods: Method[] = [];
  private readonly orderings: Record<string, [string, string]> = {};
  private readonly ids: IdSequence;

  /** `seed` makes every id of the flow: the same seed and the same cards give the same ids. */
  constructor(
    readonly flowId: string,
    seed: string,
    private readonly connectionId: string,
  ) {
    this.ids = new IdSequence(seed);
  }

  card(role: CardRole, name?: string): Card {
    const address = CARDS[role];
    const known = catalogue().cards[address];
    const template = templateOf(address);
    const parents = known?.parents[0];
    if (!parents) throw new Error(`catalogue.json has no parents for ${address}`);
    // The real card's keys in the real card's order, with fresh ids for its own fields.
    const model = Object.fromEntries(
      Object.entries(structuredClone(template.model)).map(([key, value]) => [key, key === 'inputs' || key === 'outputs' ? port(value as TemplatePort, this.ids) : value]),
    ) as unknown as Model;
    if (name) model.metadata = { ...model.metadata, name };
    if ('display' in model) model.display = {};
    if (!known.kernel) model.config = this.connectionId;
    const method: Method = {
      joins: {},
      address,
      parents: structuredClone(parents),
      uuid: this.ids.next(),
      branches: {},
      node: { key: model.key, data: { name: name ?? template.name }, model },
      pins: {},
    };
    this.methods.push(method);
    return new Card(method, template, this.ids);
  }

  /** The cards run in this order. */
  then(...cards: Card[]): void {
    for (let i = 1; i < cards.length; i += 1) {
      const [from, to] = [cards[i - 1], cards[i]];
      if (from && to) this.orderings[this.ids.next()] = [from.uuid, to.uuid];
    }
  }

  /**
   * If/Else as real exports store it: the If/Else card names the first card of each branch (a
   * Noop) in `branches`; each branch runs from its Noop to the Join, and the Noop is also ordered
   * straight to the Join. The caller orders the card before the If/Else and the cards after the Join.
   */
  ifElse(decision: Card, whenTrue: Card[], whenFalse: Card[]): Card {
    const yes = this.card('branchStart');
    const no = this.card('branchStart');
    const join = this.card('join');
    decision.method.branches = { [yes.uuid]: true, [no.uuid]: false };
    for (const [start, cards] of [[yes, whenTrue], [no, whenFalse]] as const) {
      this.then(start, ...cards, join);
      if (cards.length > 0) this.then(start, join);
    }
    return join;
  }

  build(name: string, description: string, group: string): Flo {
    return {
      id: this.flowId,
      name,
      description,
      data: {
        id: null,
        uuid: this.flowId,
        display: {
          preview: this.methods.map((m) => ({ module: m.parents.channel.key as string, name: m.node.key, kernel: m.address.startsWith('root:kernel:') })),
          eventConnecterName: 'Helper Flow',
          isCallable: true,
        },
        tree: catalogue().envelope.trees[0] ?? {},
        methods: this.methods,
        model: {},
        orderings: this.orderings,
        cron: {},
        security_level: null,
        log: true,
        inheritLog: true,
        scheduled: false,
        group,
        templateName: null,
        connector_method_meta: { inputs: {}, outputs: {}, options: {} },
        monitor_flo: false,
      },
    };
  }
}
