// Which container images the process kubelet can run, and with what local command. A rule
// matches an image's repository (the image without tag or digest); the default rules run the
// project's agent (`…/sveltos-agent`, `…/sveltos-applier`) as `node bin/sveltos-agent` with the
// lab's 5 s heartbeat.
// Pure: no I/O. Tests: image-rules.test.ts.
import { projectPath } from '../../lib/project-paths.js';

/** One runnable image. */
export interface ImageRule {
  /**
   * Matches the image repository: a RegExp tested against it, or a string the repository must
   * equal or end with after a `/` (`sveltos-applier` matches `projectsveltos/sveltos-applier`).
   */
  repository: string | RegExp;
  /** The local command replacing the container's `command`; the container's `args` follow it. */
  command: string[];
  /** Extra environment for the process (the container's own env wins). */
  env?: Record<string, string>;
}

/**
 * The lab's agent heartbeat (issue 10: a 5 s heartbeat against the controller's 30 s
 * `--agent-timeout`), so changes show within seconds whatever the agent's production default.
 * It precedes the container's args, so a Deployment that sets its own interval still wins.
 */
export const LAB_AGENT_HEARTBEAT = '--heartbeat-interval=5s';

/** The project's agent images, run as `node <package>/bin/sveltos-agent --heartbeat-interval=5s ARGS`. */
export function defaultImageRules(): ImageRule[] {
  const command = [process.execPath, projectPath('bin', 'sveltos-agent'), LAB_AGENT_HEARTBEAT];
  return [
    { repository: 'sveltos-agent', command },
    { repository: 'sveltos-applier', command },
  ];
}

/** `registry:5000/org/name:tag@sha256:…` → `registry:5000/org/name`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** The first rule matching an image, if any. */
export function findImageRule(rules: readonly ImageRule[], image: string): ImageRule | undefined {
  const repo = imageRepository(image);
  return rules.find((rule) =>
    typeof rule.repository === 'string'
      ? repo === rule.repository || repo.endsWith(`/${rule.repository}`)
      : rule.repository.test(repo),
  );
}

interface ContainerImage {
  image?: string;
}

/** True when the pod has no init containers and every container has a matching rule. */
export function canRunPod(rules: readonly ImageRule[], podSpec: unknown): boolean {
  const spec = (podSpec ?? {}) as {
    containers?: ContainerImage[];
    initContainers?: ContainerImage[];
  };
  if ((spec.initContainers ?? []).length > 0) return false;
  const containers = spec.containers ?? [];
  return (
    containers.length > 0 &&
    containers.every((c) => findImageRule(rules, c.image ?? '') !== undefined)
  );
}
