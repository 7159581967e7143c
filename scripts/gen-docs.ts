import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateDocs } from './codegen/docs.ts';
import { generateProfileDocs } from './codegen/profile-docs.ts';
import { repoLayout } from './codegen/paths.ts';
import { generateWorkflowsArtefacts, GUIDE_DIR } from './codegen/workflows-artefacts.ts';
import { writeGenerated } from './codegen/write.ts';
import { generateWorkflowsFolder } from './codegen/workflows/helper-flows/folder.ts';

const layout = repoLayout();
for (const [rel, content] of [...(await generateDocs(layout)), ...generateProfileDocs(layout), ...(await generateWorkflowsFolder(layout))]) {
  await mkdir(path.dirname(path.join(layout.root, rel)), { recursive: true });
  await writeFile(path.join(layout.root, rel), content);
  console.log(`gen:docs: wrote ${rel}`);
}
const workflows = await generateWorkflowsArtefacts(layout);
await writeGenerated(layout, workflows, GUIDE_DIR, '.md');
console.log(`gen:docs: wrote docs/openapi.json and ${workflows.size - 1} files in ${GUIDE_DIR}`);
