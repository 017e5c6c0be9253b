// The bundle hash is a wire format between the controller, deployed agents and the CLI: golden
// vectors (computed once with `printf '%s' "<bytes>:<text>\n…" | sha256sum`) pin it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundleHash, bundleHashMatches } from './bundle-hash.js';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('bundleHash', () => {
  it('hashes each resource as <utf-8 bytes>:<text> and a newline, in order', () => {
    expect(bundleHash([])).toBe(sha256(''));
    expect(bundleHash(['a', 'é'])).toBe(sha256('1:a\n2:é\n'));
    expect(bundleHash(['kind: Namespace\n'])).toBe(
      '65eb6498bba98cca3e3918bee61c2a06491614c1bfa4ef8902c66b252b94cec9',
    );
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
