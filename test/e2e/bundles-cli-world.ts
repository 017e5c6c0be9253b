// Test world of the `kubectl sveltos bundles` e2e suites: one lab API server per test file with
// a management cluster (Sveltos CRDs installed), and helpers that write pull-mode objects by hand
// in Sveltos' format — SveltosClusters with a heartbeat, ConfigurationBundles with their content
// hash, ConfigurationGroups with labels, annotation, items and agent status. The plugin runs as
// a real process (bin/kubectl-sveltos, built by `npm run build`), or through real kubectl.
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { dump } from 'js-yaml';
import { CONFIGURATION_BUNDLE, CONFIGURATION_GROUP, SVELTOS_CLUSTER } from '../../api/gvk.js';
import type { KindInfo } from '../../api/gvk.js';
import {
  PULL_MODE_CLUSTER_NAME_LABEL,
  PULL_MODE_REQUESTOR_FEATURE_LABEL,
  PULL_MODE_REQUESTOR_KIND_LABEL,
  PULL_MODE_REQUESTOR_NAME_ANNOTATION,
} from '../../api/labels.js';
import type { ConfigurationGroupStatus, SveltosClusterStatus } from '../../api/types/index.js';
import { bundleHash } from '../../lib/bundle-hash.js';
import type { KubeObject } from '../../lib/kube-client.js';
import { KubeHttpClient } from '../../lib/kube-http.js';
import { collectionPath, objectPath } from '../../lib/resource-paths.js';
import { startControllerEnv } from '../support/controller-env.js';
import type { ControllerTestEnv } from '../support/controller-env.js';
import { kubectl } from '../support/kubectl.js';
import { ROOT, run } from './register-harness.js';
import type { RunResult } from './register-harness.js';

const PLUGIN = join(ROOT, 'bin', 'kubectl-sveltos');
const BIN_DIR = join(ROOT, 'node_modules', '.bin');

/** A bundle as written: its name and the hash a group must list for it. */
export interface WrittenBundle {
  name: string;
  hash: string;
}

/** A group to write; `items` are bundles in apply order. */
export interface GroupSpec {
  cluster: string;
  profile?: { kind: 'ClusterProfile' | 'Profile'; name: string };
  feature: 'Resources' | 'Helm' | 'Kustomize';
  items?: WrittenBundle[];
  action?: 'Deploy' | 'Remove';
  requestorHash?: string;
  updatePhase?: 'Ready' | 'Preparing';
}

export interface BundlesWorld {
  env: ControllerTestEnv;
  /** `node bin/kubectl-sveltos ARGS` against mgmt (or the cluster of `kubeconfig`). */
  plugin(args: string[], kubeconfig?: string): Promise<RunResult>;
  /** Real kubectl against mgmt, with the plugin on PATH. */
  kubectl(args: string[]): Promise<RunResult>;
  /** Creates a namespace with a random suffix. */
  namespace(prefix: string): Promise<string>;
  /** A SveltosCluster; `status` is written through the status subresource. */
  cluster(
    ns: string,
    name: string,
    opts: { pullMode: boolean; status?: SveltosClusterStatus },
  ): Promise<void>;
  bundle(ns: string, name: string, objects: KubeObject[]): Promise<WrittenBundle>;
  /** Replaces a bundle's resources (as a hand edit would), keeping the group's listed hash. */
  tamper(ns: string, name: string, objects: KubeObject[]): Promise<void>;
  group(ns: string, name: string, spec: GroupSpec): Promise<void>;
  /** The agent's report on a group; `current` stamps its generation and requestor hash. */
  groupStatus(
    ns: string,
    name: string,
    status: ConfigurationGroupStatus & { current?: boolean },
  ): Promise<void>;
  stop(): Promise<void>;
}

function toYaml(obj: KubeObject): string {
  return dump(obj, { noRefs: true, lineWidth: -1 });
}

async function patchStatus(
  http: KubeHttpClient,
  kind: KindInfo,
  ref: { ns: string; name: string },
  status: unknown,
): Promise<void> {
  await http.request({
    method: 'PATCH',
    path: objectPath(kind, ref.name, ref.ns, 'status'),
    body: { status },
    contentType: 'application/merge-patch+json',
  });
}

function groupObject(ns: string, name: string, spec: GroupSpec): KubeObject {
  const profile = spec.profile ?? { kind: 'ClusterProfile', name: 'p' };
  return {
    apiVersion: CONFIGURATION_GROUP.apiVersion,
    kind: CONFIGURATION_GROUP.kind,
    metadata: {
      name,
      namespace: ns,
      labels: {
        [PULL_MODE_CLUSTER_NAME_LABEL]: spec.cluster,
        [PULL_MODE_REQUESTOR_KIND_LABEL]: 'ClusterSummary',
        [PULL_MODE_REQUESTOR_FEATURE_LABEL]: spec.feature,
      },
      annotations: {
        [PULL_MODE_REQUESTOR_NAME_ANNOTATION]: `${profile.name}-sveltos-${spec.cluster}`,
      },
    },
    spec: {
      action: spec.action ?? 'Deploy',
      updatePhase: spec.updatePhase ?? 'Ready',
      requestorHash: spec.requestorHash ?? requestorHashOf(name),
      sourceRef: { apiVersion: 'config.projectsveltos.io/v1beta1', ...profile },
      configurationItem: (spec.items ?? []).map((b) => ({
        contentRef: {
          apiVersion: CONFIGURATION_BUNDLE.apiVersion,
          kind: CONFIGURATION_BUNDLE.kind,
          name: b.name,
          namespace: ns,
        },
        hash: b.hash,
      })),
    },
  };
}

/** The requestor hash a group gets by default (base64, as the CRD's `format: byte` wants). */
export function requestorHashOf(group: string): string {
  return Buffer.from(`requestor state of ${group}`).toString('base64');
}

/** Starts the lab for one test file; requires `npm run build`. */
export async function startBundlesWorld(): Promise<BundlesWorld> {
  if (!existsSync(join(ROOT, 'dist', 'kubectl-sveltos.mjs'))) {
    throw new Error('dist/kubectl-sveltos.mjs is missing: run "npm run build" first');
  }
  const env = await startControllerEnv();
  const kc = new KubeConfig();
  kc.loadFromString(readFileSync(env.mgmtKubeconfig, 'utf8'));
  const http = new KubeHttpClient(kc);
  const path = `${BIN_DIR}${delimiter}${process.env['PATH'] ?? ''}`;
  const post = (kind: KindInfo, ns: string, body: KubeObject): Promise<unknown> =>
    http.request({ method: 'POST', path: collectionPath(kind, ns), body });
  return {
    env,
    plugin: (args, kubeconfig) =>
      run(process.execPath, [PLUGIN, ...args], {
        env: { PATH: path, HOME: env.lab.dir, KUBECONFIG: kubeconfig ?? env.mgmtKubeconfig },
        cwd: env.lab.dir,
      }),
    kubectl: (args) => kubectl(args, { kubeconfig: env.mgmtKubeconfig, env: { PATH: path } }),
    namespace: async (prefix) => {
      const ns = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
      await env.ensureNamespace(ns);
      return ns;
    },
    cluster: async (ns, name, opts) => {
      await post(SVELTOS_CLUSTER, ns, {
        apiVersion: SVELTOS_CLUSTER.apiVersion,
        kind: SVELTOS_CLUSTER.kind,
        metadata: { name, namespace: ns },
        spec: { pullMode: opts.pullMode },
      });
      if (opts.status) await patchStatus(http, SVELTOS_CLUSTER, { ns, name }, opts.status);
    },
    bundle: async (ns, name, objects) => {
      const resources = objects.map(toYaml);
      await post(CONFIGURATION_BUNDLE, ns, {
        apiVersion: CONFIGURATION_BUNDLE.apiVersion,
        kind: CONFIGURATION_BUNDLE.kind,
        metadata: { name, namespace: ns },
        spec: { resources },
      });
      return { name, hash: bundleHash(resources) };
    },
    tamper: async (ns, name, objects) => {
      await http.request({
        method: 'PATCH',
        path: objectPath(CONFIGURATION_BUNDLE, name, ns),
        body: { spec: { resources: objects.map(toYaml) } },
        contentType: 'application/merge-patch+json',
      });
    },
    group: async (ns, name, spec) => {
      await post(CONFIGURATION_GROUP, ns, groupObject(ns, name, spec));
    },
    groupStatus: async (ns, name, status) => {
      const { current, ...rest } = status;
      let stamped: ConfigurationGroupStatus = rest;
      if (current) {
        const group = await http.request<KubeObject & { spec: { requestorHash: string } }>({
          method: 'GET',
          path: objectPath(CONFIGURATION_GROUP, name, ns),
        });
        stamped = {
          ...rest,
          observedGeneration: group.metadata['generation'] as number,
          observedRequestorHash: group.spec.requestorHash,
        };
      }
      await patchStatus(http, CONFIGURATION_GROUP, { ns, name }, stamped);
    },
    stop: async () => {
      http.close();
      await env.stop();
    },
  };
}

/** Builders of the objects bundles carry. */
export const objects = {
  namespace: (name: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  }),
  configMap: (ns: string, name: string, data: Record<string, string> = {}): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns },
    data,
  }),
};

/** Parses a kubectl-style table (columns start where their header starts) into records. */
export function parseTable(text: string): Array<Record<string, string>> {
  const [header = '', ...lines] = text.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({
    name: m[0],
    at: m.index,
  }));
  return lines.map((line) =>
    Object.fromEntries(
      starts.map((s, i) => [s.name, line.slice(s.at, starts[i + 1]?.at ?? undefined).trim()]),
    ),
  );
}
