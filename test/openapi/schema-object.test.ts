import { expect } from 'chai';
import { toSchemaObject, type ConvertOptions } from '../../connector/openapi/schema-object.ts';

const noRefs: ConvertOptions = { resolveRef: (ref) => `#/components/schemas/${ref.split('/').pop() ?? ''}` };

describe('JSON Schema -> OpenAPI 3.0 Schema Object', () => {
  it('turns a "null" among the types into nullable', () => {
    expect(toSchemaObject({ type: ['string', 'null'], maxLength: 3 }, noRefs)).to.deep.equal({ type: 'string', maxLength: 3, nullable: true });
  });

  it('splits several types into anyOf branches, each with the keywords of its type and nullable', () => {
    expect(toSchemaObject({ type: ['string', 'number', 'null'], maxLength: 9, minimum: 0, description: 'd' }, noRefs)).to.deep.equal({
      description: 'd',
      anyOf: [
        { type: 'string', maxLength: 9, nullable: true },
        { type: 'number', minimum: 0, nullable: true },
      ],
    });
  });

  it('gives every array items, moving them into the array branch', () => {
    expect(toSchemaObject({ type: 'array' }, noRefs)).to.deep.equal({ type: 'array', items: {} });
    expect(toSchemaObject({ type: ['object', 'array'], items: { type: 'string' } }, noRefs)).to.deep.equal({
      anyOf: [{ type: 'object' }, { type: 'array', items: { type: 'string' } }],
    });
  });

  it('converts const, examples and numeric exclusive bounds, and drops an empty required', () => {
    expect(toSchemaObject({ const: 'ok', examples: ['ok', 'no'], required: [] }, noRefs)).to.deep.equal({ enum: ['ok'], example: 'ok' });
    expect(toSchemaObject({ type: 'integer', exclusiveMinimum: 0 }, noRefs)).to.deep.equal({ type: 'integer', minimum: 0, exclusiveMinimum: true });
  });

  it('keeps labels with spaces as property names and other keywords as x- extensions, dropping $schema and $id', () => {
    const out = toSchemaObject(
      { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'x', type: 'object', properties: { 'Employee ID': { type: 'string', workflowsType: 'Text', smarthrValues: { A: 'a' } } } },
      noRefs,
    );
    expect(out).to.deep.equal({ type: 'object', properties: { 'Employee ID': { type: 'string', 'x-workflowsType': 'Text', 'x-smarthrValues': { A: 'a' } } } });
  });

  it('converts schema-valued keywords OpenAPI lacks, so no $ref dangles in an extension', () => {
    expect(toSchemaObject({ type: 'object', propertyNames: { $ref: '#/$defs/label' } }, noRefs)).to.deep.equal({
      type: 'object',
      'x-propertyNames': { $ref: '#/components/schemas/label' },
    });
  });

  it('wraps a component reference with a description of its own in allOf (OpenAPI 3.0 ignores siblings of $ref)', () => {
    expect(toSchemaObject({ $ref: '#/$defs/field', description: 'a field' }, noRefs)).to.deep.equal({ allOf: [{ $ref: '#/components/schemas/field' }], description: 'a field' });
  });
});
