import { CARDS } from './addresses.ts';
import type { Catalogue } from './catalogue.ts';
import { isObject, type Flo, type Json, type Method, type Port } from './format.ts';
import { idLooksReal, ownFields, same, validType, type Problems } from './check-support.ts';

/** Rules M1-M5 and W1-W5 of check.ts: the cards of one flow and their wiring. */

interface FlowContext {
  facts: Catalogue;
  problems: Problems;
  claim: (id: string, flow: string, where: string) => void;
  flowIds: Set<string>;
  configs: Record<string, unknown>;
}

export function checkFlow(flow: Flo, named: string, context: FlowContext): void {
  const { facts, problems, claim } = context;
  const byUuid = new Map<string, Method>();
  for (const method of flow.data.methods) {
    if (!isObject(method) || typeof method.uuid !== 'string' || typeof method.address !== 'string') {
      problems.add('M1', named, 'a card without uuid or address');
      continue;
    }
    claim(method.uuid, named, `${named} card ${method.uuid}`);
    if (!idLooksReal(method.uuid, facts.ids.card)) problems.add('M4', `${named} card ${method.uuid}`, 'card id unlike real ones');
    byUuid.set(method.uuid, method);
    checkMethod(method, named, `${named} card ${method.uuid} (${method.address})`, context);
  }
  const inputIds = new Map([...byUuid].map(([uuid, method]) => [uuid, new Set(Object.keys(method.node.model.inputs?.data ?? {}))]));
  const inputsOf = (uuid: string) => inputIds.get(uuid) ?? new Set<string>();
  const pinnedInputs = new Set<string>();
  for (const method of byUuid.values()) {
    const where = `${named} card ${method.uuid}`;
    const outputs = new Set(Object.keys(method.node.model.outputs?.data ?? {}));
    for (const [output, targets] of Object.entries(method.pins ?? {})) {
      if (!outputs.has(output)) problems.add('W1', where, `pins from ${output}, which is not one of its outputs`);
      for (const [target, links] of Object.entries(targets)) {
        if (!byUuid.has(target)) problems.add('W1', where, `pins into card ${target}, which is not in this flow`);
        for (const link of links) {
          if (!inputsOf(target).has(link.input)) problems.add('W1', where, `pins into ${link.input}, which is not an input of card ${target}`);
          pinnedInputs.add(link.input);
        }
      }
    }
    const branchEntries = Object.entries(method.branches ?? {});
    for (const [branch, value] of branchEntries) {
      if (byUuid.get(branch)?.address !== CARDS.branchStart || typeof value !== 'boolean') problems.add('W3', where, `branch ${branch} is not a Noop card of this flow`);
    }
    if (method.address === CARDS.ifElse && !same(branchEntries.map(([, v]) => v).sort(), [false, true])) problems.add('W3', where, 'an If/Else needs one true and one false branch');
    for (const [input, links] of Object.entries(method.joins ?? {}).filter(([, l]) => l.length > 0)) {
      if (!inputsOf(method.uuid).has(input)) problems.add('W3', where, `joins ${input}, which is not one of its inputs`);
      for (const link of links) if (!outputs.has(link.output)) problems.add('W3', where, `joins into ${link.output}, which is not one of its outputs`);
    }
  }
  // The Helper Flow card's inputs are the flow's parameters: the caller fills them.
  for (const method of [...byUuid.values()].filter((m) => m.address !== CARDS.helperFlow)) {
    for (const field of ownFields(method.node.model.inputs)) {
      if (field.value?.type !== 'flo' || pinnedInputs.has(field.id)) continue;
      if (!context.flowIds.has(String(field.value.data))) problems.add('W4', `${named} card ${method.uuid}`, `Flow input "${field.key}" names no flow of the file and is not pinned`);
    }
  }
  const next = new Map<string, string[]>();
  for (const [id, pair] of Object.entries(flow.data.orderings)) {
    claim(id, named, `${named} ordering ${id}`);
    if (!idLooksReal(id, facts.ids.ordering)) problems.add('M4', `${named} ordering ${id}`, 'ordering id unlike real ones');
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((uuid) => byUuid.has(uuid))) {
      problems.add('W2', `${named} ordering ${id}`, `orders ${JSON.stringify(pair)}: not two cards of this flow`);
      continue;
    }
    next.set(pair[0], [...(next.get(pair[0]) ?? []), pair[1]]);
  }
  for (const method of byUuid.values()) next.set(method.uuid, [...(next.get(method.uuid) ?? []), ...Object.keys(method.branches ?? {})]);
  const events = [...byUuid.values()].filter((m) => m.address === CARDS.helperFlow);
  if (events.length !== 1 || !events[0]) {
    problems.add('W5', named, `has ${events.length} event cards, not one Helper Flow`);
    return;
  }
  const reached = new Set<string>();
  const queue = [events[0].uuid];
  for (let uuid = queue.shift(); uuid !== undefined; uuid = queue.shift()) {
    if (reached.has(uuid)) continue;
    reached.add(uuid);
    queue.push(...(next.get(uuid) ?? []));
  }
  for (const uuid of byUuid.keys()) if (!reached.has(uuid)) problems.add('W5', named, `card ${uuid} is not reached from the Helper Flow card`);
}

function checkMethod(method: Method, named: string, where: string, context: FlowContext): void {
  const { facts, problems, claim } = context;
  const known = facts.cards[method.address];
  if (!known) {
    problems.add('M1', where, 'address never seen in a real export');
    return;
  }
  if (!known.parents.some((parents) => same(parents, method.parents))) problems.add('M1', where, 'parents (channel, version) differ from every real card of this address');
  const model = method.node?.model;
  const key = method.address.split(':').at(-1);
  if (!model || method.node.key !== key || model.key !== key) {
    problems.add('M1', where, `node key is not "${key}"`);
    return;
  }
  for (const [part, port] of [['inputs', model.inputs], ['outputs', model.outputs]] as const) {
    for (const [id, field] of Object.entries(port?.data ?? {})) {
      claim(id, named, `${where} ${part}`);
      if (!idLooksReal(id, facts.ids.field)) problems.add('M4', where, `field id ${id} unlike real ones`);
      if (!isObject(field) || field.id !== id || typeof field.key !== 'string' || !isObject(field.value) || !validType(field.value.type) || typeof field.value.collection !== 'boolean') {
        problems.add('M3', where, `${part} field ${id} is not {id, key, value:{type, collection}} under its id`);
      }
    }
  }
  const connection = context.configs[String(model.config)];
  const connected = known.kernel ? model.config === null : isObject(connection) && connection.module === known.channel;
  if (!connected) problems.add('M5', where, known.kernel ? 'a kernel card names a connection' : `names no ${known.channel} connection of the file`);
  const template = known.template;
  if (!template) return;
  const { inputs, outputs, ...attributes } = template.model;
  for (const [name, value] of Object.entries(attributes)) {
    if (['config', 'metadata', 'display', 'comments'].includes(name)) continue;
    if (!same(model[name], value)) problems.add('M2', where, `${name} differs from the real card's`);
  }
  if (!same(model.metadata?.description, (template.model.metadata as { description?: Json } | undefined)?.description)) problems.add('M2', where, "metadata differs from the real card's");
  for (const [part, real] of [['inputs', inputs], ['outputs', outputs]] as const) {
    const port = model[part];
    const { fields, ...skeleton } = real;
    for (const [name, value] of Object.entries(skeleton)) if (!same(port?.[name as keyof Port], value)) problems.add('M2', where, `${part}.${name} differs from the real card's`);
    for (const own of fields) {
      if (!ownFields(port).some((f) => f.key === own.key && f.group === own.group)) problems.add('M2', where, `${part} lack the card's own field "${own.key}"`);
    }
  }
}

