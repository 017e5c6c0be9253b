import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HelmNotFoundError, resolveHelmBinary } from './helm-binary.js';

describe('resolveHelmBinary', () => {
  it('finds the helm extracted by the install step, and it runs `helm version`', () => {
    const helm = resolveHelmBinary({});
    const out = execFileSync(helm, ['version', '--short'], { encoding: 'utf8' });
    expect(out).toMatch(/^v4\.\d+\.\d+/);
  });

  it('honours HELM_BIN when it points at an existing file', () => {
    const helm = resolveHelmBinary({});
    expect(resolveHelmBinary({ HELM_BIN: helm })).toBe(helm);
  });

  it('names the bad HELM_BIN path in its error', () => {
    expect(() => resolveHelmBinary({ HELM_BIN: '/nonexistent/helm' })).toThrow(HelmNotFoundError);
    expect(() => resolveHelmBinary({ HELM_BIN: '/nonexistent/helm' })).toThrow(
      /\/nonexistent\/helm/,
    );
  });
});
