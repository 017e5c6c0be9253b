// The shared bundle hash must equal the agent's and the controller's, or `bundles show` would
// report good bundles as tampered.
import { describe, expect, it } from 'vitest';
import { bundleHash as agentHash } from '../agent/bundles.js';
import { bundleHash as controllerHash } from '../controller/pull/bundle-split.js';
import { bundleHash, bundleHashMatches } from './bundle-hash.js';

const SAMPLES: string[][] = [
  [],
  ['apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kyverno\n'],
  ['a', 'b', 'é ünïcode', ''],
];

describe('bundleHash', () => {
  it.each(SAMPLES.map((s) => [s]))('equals the agent and controller definition for %j', (s) => {
    expect(bundleHash(s)).toBe(agentHash(s));
    expect(bundleHash(s)).toBe(controllerHash(s));
  });

  it('depends on the order and the boundaries of the resources', () => {
    expect(bundleHash(['a', 'b'])).not.toBe(bundleHash(['b', 'a']));
    expect(bundleHash(['ab'])).not.toBe(bundleHash(['a', 'b']));
  });

  it('matches only the listed hash of the same content', () => {
    const listed = bundleHash(['x']);
    expect(bundleHashMatches(['x'], listed)).toBe(true);
    expect(bundleHashMatches(['y'], listed)).toBe(false);
    expect(bundleHashMatches(['x'], undefined)).toBe(false);
    expect(bundleHashMatches([], '')).toBe(false);
  });
});
