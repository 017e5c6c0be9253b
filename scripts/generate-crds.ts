// Writes manifests/crds/<group>_<plural>.yaml from api/schemas, and removes CRD files no kind
// produces any more. Run: npx tsx scripts/generate-crds.ts
// api/schemas/crds-fresh.test.ts fails when the files differ from what this would write.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAllCrds } from '../api/schemas/build-crd.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'manifests', 'crds');
mkdirSync(dir, { recursive: true });
const files = renderAllCrds();
for (const [name, content] of files) writeFileSync(join(dir, name), content);
for (const name of readdirSync(dir)) {
  if (name.endsWith('.yaml') && !files.has(name)) rmSync(join(dir, name));
}
console.log(`Wrote ${files.size} CRDs to ${dir}`);
