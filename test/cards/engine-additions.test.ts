import { expect } from 'chai';
import type { CardDefinition, Field } from '../../connector/generated/schemas/card.ts';
import { fillComputed } from '../../connector/engine/computed.ts';
import { buildRequest } from '../../connector/engine/request-builder.ts';

/** Unit tests for the engine pieces added for the catalog: path values (targetId) and computed outputs. */
describe('engine additions for the card catalog', () => {
  const noTemplates = { records: async () => [] };

  it('buildRequest reports the raw values filled into the path, the last being the target ID', async () => {
    const card = {
      request: { method: 'POST', path: '/v1/departments/{{inputs.Department.Department ID}}/discontinue' },
      inputs: { type: 'object', properties: { Department: { type: 'object', properties: { 'Department ID': { type: 'string' } } } } },
    } as unknown as CardDefinition;
    const built = await buildRequest(card, { options: {}, inputs: { Department: { 'Department ID': 'a b/c' } } }, noTemplates);
    expect(built.path).to.equal('/v1/departments/a%20b%2Fc/discontinue');
    expect(built.pathValues).to.deep.equal(['a b/c']);
  });

  it('fillComputed writes targetId and recordFound where the card declares them, inside groups', () => {
    const outputs = {
      type: 'object',
      properties: {
        Result: { type: 'object', properties: { 'Status Code': { computed: 'statusCode' }, 'Job Title ID': { computed: 'targetId' }, Found: { computed: 'recordFound' } } },
      },
    } as unknown as Field;
    expect(fillComputed(outputs, {}, { statusCode: 204, targetId: 'j-1', recordFound: false })).to.deep.equal({ Result: { 'Status Code': 204, 'Job Title ID': 'j-1', Found: false } });
    expect(fillComputed(outputs, {}, { statusCode: 200 })).to.deep.equal({ Result: { 'Status Code': 200 } });
  });
});
