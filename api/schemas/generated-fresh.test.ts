// manifests/crds and api/types/generated.ts are generated from api/schemas; these tests
// regenerate them in memory and fail when a checked-in file is stale. Fix with:
//   npx tsx scripts/generate-crds.ts && npx tsx scripts/generate-types.ts
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderAllCrds } from './build-crd.js';
import { renderTypes } from './render-types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const crdDir = join(root, 'manifests', 'crds');

describe('generated files', () => {
  const expected = renderAllCrds();

  it.each([...expected])('manifests/crds/%s is up to date with api/schemas', (name, content) => {
    expect(readFileSync(join(crdDir, name), 'utf8')).toBe(content);
  });

  it('manifests/crds holds no CRD that api/schemas does not produce', () => {
    const present = readdirSync(crdDir).filter((f) => f.endsWith('.yaml'));
    expect(present.sort()).toEqual([...expected.keys()].sort());
  });

  it('api/types/generated.ts is up to date with api/schemas', async () => {
    const file = join(root, 'api', 'types', 'generated.ts');
    const fresh = await format(renderTypes(), { ...(await resolveConfig(file)), filepath: file });
    expect(readFileSync(file, 'utf8')).toBe(fresh);
  });
});
