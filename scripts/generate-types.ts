// Writes api/types/generated.ts from api/schemas, formatted with the repository's Prettier
// settings. Run: npx tsx scripts/generate-types.ts
// api/schemas/types-fresh.test.ts fails when the file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { renderTypes } from '../api/schemas/render-types.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'api', 'types', 'generated.ts');
const options = { ...(await resolveConfig(file)), filepath: file };
writeFileSync(file, await format(renderTypes(), options));
console.log(`Wrote ${file}`);
