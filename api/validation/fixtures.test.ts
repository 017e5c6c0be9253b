// Offline check of every profile fixture: valid ones pass, invalid ones are refused with the
// message fragments their `# expect:` lines name. The webhook suite replays the same files.
import { describe, expect, it } from 'vitest';
import {
  loadInvalidProfiles,
  loadValidProfiles,
} from '../../test/fixtures/profiles/load-fixtures.js';
import { validateManifests } from './manifests.js';
import { formatProblems } from './result.js';

const valid = loadValidProfiles();
const invalid = loadInvalidProfiles();

describe('profile fixtures, offline', () => {
  it('has at least 20 valid and 40 invalid profiles', () => {
    expect(valid.length).toBeGreaterThanOrEqual(20);
    expect(invalid.length).toBeGreaterThanOrEqual(40);
    for (const fx of invalid) expect(fx.expects, fx.file).not.toHaveLength(0);
  });

  it.each(valid.map((fx) => [fx.file, fx] as const))('%s is accepted', (_file, fx) => {
    for (const result of validateManifests(fx.text)) {
      expect(formatProblems(result), fx.file).toEqual([]);
    }
  });

  it.each(invalid.map((fx) => [fx.file, fx] as const))('%s is refused as expected', (_file, fx) => {
    const results = validateManifests(fx.text);
    const messages = results.flatMap((r) => formatProblems(r)).join('\n');
    expect(
      results.some((r) => r.status === 'invalid'),
      fx.file,
    ).toBe(true);
    for (const fragment of fx.expects) expect(messages).toContain(fragment);
  });
});
