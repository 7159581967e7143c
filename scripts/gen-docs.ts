import { generateDocFiles } from './codegen/doc-files.ts';
import { repoLayout } from './codegen/paths.ts';
import { writeGenerated } from './codegen/write.ts';
import { GUIDE_DIR } from './codegen/workflows/index.ts';

const layout = repoLayout();
const files = await generateDocFiles(layout);
await writeGenerated(layout, files, GUIDE_DIR, '.md');
for (const rel of files.keys()) console.log(`gen:docs: wrote ${rel}`);
