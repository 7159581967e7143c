import { writeGenerated } from './codegen/write.ts';
import { generateTypes } from './codegen/types.ts';
import { repoLayout } from './codegen/paths.ts';

const layout = repoLayout();
const written = await writeGenerated(layout, await generateTypes(layout), 'connector/generated/');
console.log(`gen:types: ${written} files in connector/generated/`);
