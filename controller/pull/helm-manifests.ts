// Pure splitting of one chart's `helm template` output into ConfigurationBundle contents, the
// way Sveltos stages a release for its agent: install/upgrade pre-hooks by weight, then each CRD
// alone (the chart's crds/ too), then ordinary objects (≤ 15 per bundle, within the byte
// budget), then post-hooks by weight. Test, delete and rollback hooks are left out (the agent
// installs; removal goes by its inventory). Every bundle carries the release's fields and the
// last one `isLastHelmReleaseBundle`. No I/O. Tests: helm-manifests.test.ts.
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../../lib/kube-client.js';
import { splitIntoBundles } from './bundle-split.js';
import type { BundleContent } from './group-plan.js';

export const HOOK_ANNOTATION = 'helm.sh/hook';
export const HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';

/** Where an object goes in the install order. */
export type HelmPhase = 'pre' | 'main' | 'post' | 'skip';

/** The release a chart's bundles belong to. */
export interface HelmReleaseInfo {
  releaseName: string;
  releaseNamespace: string;
  chartVersion: string;
  repoURL: string;
}

/** Parses a multi-document manifest; empty documents and non-objects are dropped. */
export function parseManifest(text: string, defaultNamespace: string): KubeObject[] {
  const docs = loadAll(text);
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    if (!isObject(doc)) continue;
    const obj = doc as KubeObject;
    // helm leaves the namespace to the client; the agent drops it again for cluster-scoped kinds.
    obj.metadata.namespace ||= defaultNamespace;
    objects.push(obj);
  }
  return objects;
}

function isObject(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object') return false;
  const o = doc as Partial<KubeObject>;
  return typeof o.kind === 'string' && typeof o.metadata?.name === 'string';
}

/** The phase of one object from its `helm.sh/hook` annotation. */
export function phaseOf(obj: KubeObject): HelmPhase {
  const hook = obj.metadata.annotations?.[HOOK_ANNOTATION];
  if (!hook) return 'main';
  const events = hook.split(',').map((e) => e.trim());
  if (events.includes('pre-install') || events.includes('pre-upgrade')) return 'pre';
  if (events.includes('post-install') || events.includes('post-upgrade')) return 'post';
  return 'skip';
}

function weightOf(obj: KubeObject): number {
  const n = Number(obj.metadata.annotations?.[HOOK_WEIGHT_ANNOTATION] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Hooks by ascending weight, keeping the rendered order for equal weights. */
export function sortHooks(hooks: readonly KubeObject[]): KubeObject[] {
  return hooks
    .map((obj, i) => ({ obj, i, w: weightOf(obj) }))
    .sort((a, b) => a.w - b.w || a.i - b.i)
    .map((x) => x.obj);
}

/** The chart's objects in install order, grouped so no bundle spans two phases. */
export function orderRelease(objects: readonly KubeObject[]): KubeObject[][] {
  const pre = sortHooks(objects.filter((o) => phaseOf(o) === 'pre'));
  const main = objects.filter((o) => phaseOf(o) === 'main');
  const crds = main.filter((o) => o.kind === 'CustomResourceDefinition');
  const ordinary = main.filter((o) => o.kind !== 'CustomResourceDefinition');
  const post = sortHooks(objects.filter((o) => phaseOf(o) === 'post'));
  return [pre, crds, ordinary, post].filter((g) => g.length > 0);
}

/**
 * One chart's bundle contents in order. Throws BundleTooLargeError (bundle-split.ts) naming an
 * object larger than `maxBytes`.
 */
export function helmBundles(
  manifest: string,
  release: HelmReleaseInfo,
  maxBytes: number,
): BundleContent[] {
  const objects = parseManifest(manifest, release.releaseNamespace);
  const contents = orderRelease(objects).flatMap((phase) => splitIntoBundles(phase, maxBytes));
  return contents.map((resources, i) => ({
    resources,
    extra: {
      helmReleaseName: release.releaseName,
      helmReleaseNamespace: release.releaseNamespace,
      helmChartVersion: release.chartVersion,
      helmRepoURL: release.repoURL,
      isLastHelmReleaseBundle: i === contents.length - 1,
    },
  }));
}
