import { expect } from 'chai';
import { resolveCard } from '../../connector/engine/cards/resolve.ts';

const library = new Map<string, unknown>([
  [
    'fields/people.json',
    {
      $defs: {
        names: { type: 'object', description: 'Names', properties: { Last: { type: ['string', 'null'], description: 'Family name' }, First: { type: ['string', 'null'] } } },
      },
    },
  ],
]);
const REF = '../fields/people.json#/$defs/names';

describe('resolving a card $ref', () => {
  it('merges properties written beside it name by name, each over the shared property, and adds new names at the end', () => {
    const { resolved, issues } = resolveCard('people/card.json', { $ref: REF, required: ['Last'], properties: { Last: { type: 'string', minLength: 1 }, Nick: { type: 'string' } } }, library);
    expect(issues).to.deep.equal([]);
    expect(resolved).to.deep.equal({
      type: 'object',
      description: 'Names',
      required: ['Last'],
      properties: { Last: { type: 'string', description: 'Family name', minLength: 1 }, First: { type: ['string', 'null'] }, Nick: { type: 'string' } },
    });
    expect(Object.keys((resolved as { properties: object }).properties)).to.deep.equal(['Last', 'First', 'Nick']);
  });

  it('replaces every other key written beside it whole', () => {
    const { resolved } = resolveCard('people/card.json', { $ref: REF, description: 'Own' }, library);
    expect(resolved).to.deep.include({ description: 'Own' });
  });

  it('stands what the replacer returns in for the definition, under the keys beside the $ref', () => {
    const seen: string[] = [];
    const { resolved, issues } = resolveCard('people/card.json', { properties: { Who: { $ref: REF, description: 'Own' } } }, library, (ref, from) => {
      seen.push(`${from} ${ref}`);
      return { tsType: 'PeopleNames' };
    });
    expect(issues).to.deep.equal([]);
    expect(seen).to.deep.equal([`people/card.json ${REF}`]);
    expect(resolved).to.deep.equal({ properties: { Who: { tsType: 'PeopleNames', description: 'Own' } } });
  });
});
