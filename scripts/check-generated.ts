import { findDrift } from './codegen/drift.ts';
import { repoLayout } from './codegen/paths.ts';

const drift = await findDrift(repoLayout());
if (drift.length > 0) {
  console.error('check:generated: generated files drifted from their sources; run `npm run gen` and commit:');
  for (const line of drift) console.error(`  ${line}`);
  process.exit(1);
}
console.log('check:generated: connector/generated/ and docs/ (cards.md, profile-mapping.md, openapi.json, workflows/) match their sources');
