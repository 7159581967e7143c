import { expect } from 'chai';
import fc from 'fast-check';
import { createAjv, readSchemaFiles, SCHEMA_ID_BASE } from '../../connector/engine/schemas.ts';
import { normaliseTenantId } from '../../connector/smarthr/tenant.ts';
import { repoLayout } from '../../scripts/codegen/paths.ts';

describe('schemas/connection.schema.json', () => {
  it('accepts exactly the Tenant IDs the service accepts', async () => {
    const ajv = createAjv(await readSchemaFiles(repoLayout().schemasDir));
    const validate = ajv.getSchema(`${SCHEMA_ID_BASE}connection.schema.json`)!;
    const valid = (tenant: string) => validate({ 'Account Type': 'Sandbox', 'Tenant ID': tenant, 'Access Token': 't' });
    const alphabet = fc.constantFrom(...'abcxAZ09-._@:/#%\u3002\uff41 \t'.split(''));
    const tenants = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 70 }),
      fc.constantFrom('acme', 'ACME', 'acme-01', 'a'.repeat(63), 'a'.repeat(64), '-acme', 'acme-', 'xn--acme', '12345', '0x7f', 'evil.com#', ''),
    );
    fc.assert(fc.property(tenants, (tenant) => valid(tenant) === (normaliseTenantId(tenant) !== undefined)), { numRuns: 3000 });
  });

  it('marks the Access Token as a secret that is only ever written', async () => {
    const [schema] = (await readSchemaFiles(repoLayout().schemasDir)).filter((f) => f.file === 'connection.schema.json');
    const token = (schema!.schema.properties as Record<string, Record<string, unknown>>)['Access Token']!;
    expect(token).to.include({ writeOnly: true, secret: true });
  });
});
