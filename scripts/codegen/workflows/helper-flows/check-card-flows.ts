import type { CardDefinition } from '../../../../connector/generated/schemas/card.ts';
import { CARDS } from './addresses.ts';
import { PAGES_FLOW_NAME, SETTINGS_FLOW_NAME } from './card-flows.ts';
import { flowInputs, flowName, flowOutputs } from './card-io.ts';
import type { Flo, Port } from './format.ts';
import { ownFields, same, type Problems } from './check-support.ts';

/** Rules F1-F4 of check.ts: one flow per card, with the card's inputs and outputs. */

const customFields = (port: Port | undefined) => ownFields(port).filter((f) => f.metadata?.custom === true);
const typeOf = (field: { value: { type: unknown; collection: unknown } }) => JSON.stringify({ type: field.value.type, collection: field.value.collection });

export function checkCardFlows(flows: Flo[], cards: CardDefinition[], problems: Problems): void {
  const byName = new Map<string, Flo[]>();
  for (const flow of flows) byName.set(flow.name, [...(byName.get(flow.name) ?? []), flow]);
  const expected = new Set([...cards.map(flowName), SETTINGS_FLOW_NAME, PAGES_FLOW_NAME]);
  for (const name of byName.keys()) if (!expected.has(name)) problems.add('F1', `flow "${name}"`, 'matches no card');
  for (const card of cards) {
    const name = flowName(card);
    const found = byName.get(name) ?? [];
    if (found.length !== 1 || !found[0]) {
      problems.add('F1', `card ${card.id}`, `${found.length} flows named "${name}", not one`);
      continue;
    }
    const methods = found[0].data.methods;
    const where = `flow "${name}"`;
    const start = methods.find((m) => m.address === CARDS.helperFlow);
    const inputs = customFields(start?.node.model.inputs).map((f) => `${f.key}: ${typeOf(f)}`);
    const wanted = flowInputs(card).map((i) => `${i.key}: ${JSON.stringify(i.type)}`);
    if (!same(inputs, wanted)) problems.add('F2', where, `inputs ${JSON.stringify(inputs)} are not the card's ${JSON.stringify(wanted)}`);
    const returns = methods.filter((m) => m.address === CARDS.returnOutputs);
    const outputs = returns.length === 1 ? customFields(returns[0]?.node.model.inputs).map((f) => `${f.key}: ${typeOf(f)}`) : [];
    const outputsWanted = flowOutputs(card).map((o) => `${o.key}: ${JSON.stringify(o.type)}`);
    if (returns.length !== 1 || !same(outputs, outputsWanted)) problems.add('F3', where, `returns ${JSON.stringify(outputs)}, not the card's outputs ${JSON.stringify(outputsWanted)}`);
    const path = `/cards/${card.id}`;
    const callsCard = methods.some((m) => m.address === CARDS.concatenate && ownFields(m.node.model.inputs).some((f) => f.value.data === path));
    const posts = methods.some((m) => m.address === CARDS.rawRequest && ownFields(m.node.model.inputs).some((f) => f.key === 'Method' && f.value.data === 'POST'));
    if (!callsCard || !posts) problems.add('F4', where, `does not POST to <service>${path} with a Raw Request`);
  }
}
