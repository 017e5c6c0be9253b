// Builders of valid API objects for the controller's unit tests (STYLE §15):
// `aCluster('fleet/c1').labelled({env:'prod'}).ready()`, `aClusterProfile('p').selecting({...})`.
// Owned by the controller "core" developer.
import { CLUSTER_PROFILE, CLUSTER_SUMMARY, PROFILE, SVELTOS_CLUSTER } from '../../api/gvk.js';
import type {
  ClusterProfile,
  ClusterSummary,
  FeatureSummary,
  Profile,
  Spec,
  SveltosCluster,
} from '../../api/types/index.js';

export class ClusterBuilder {
  readonly obj: SveltosCluster;
  constructor(ref: string) {
    const [namespace, name] = ref.split('/');
    this.obj = {
      apiVersion: SVELTOS_CLUSTER.apiVersion as SveltosCluster['apiVersion'],
      kind: 'SveltosCluster',
      metadata: { namespace, name, labels: {}, resourceVersion: '1' },
      spec: {},
      status: {},
    };
  }
  labelled(labels: Record<string, string>): this {
    this.obj.metadata.labels = { ...this.obj.metadata.labels, ...labels };
    return this;
  }
  ready(version = 'v1.32.5'): this {
    this.obj.status = { ...this.obj.status, ready: true, version, connectionStatus: 'Healthy' };
    return this;
  }
  withSpec(spec: SveltosCluster['spec']): this {
    this.obj.spec = { ...this.obj.spec, ...spec };
    return this;
  }
  withStatus(status: SveltosCluster['status']): this {
    this.obj.status = { ...this.obj.status, ...status };
    return this;
  }
  deleting(): this {
    this.obj.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    return this;
  }
  build(): SveltosCluster {
    return structuredClone(this.obj);
  }
}

export const aCluster = (ref: string): ClusterBuilder => new ClusterBuilder(ref);

export class ProfileBuilder<T extends ClusterProfile | Profile> {
  constructor(readonly obj: T) {}
  selecting(matchLabels: Record<string, string>): this {
    this.obj.spec = { ...this.obj.spec, clusterSelector: { matchLabels } };
    return this;
  }
  withSpec(spec: Spec): this {
    this.obj.spec = { ...this.obj.spec, ...spec };
    return this;
  }
  build(): T {
    return structuredClone(this.obj);
  }
}

export function aClusterProfile(name: string): ProfileBuilder<ClusterProfile> {
  return new ProfileBuilder<ClusterProfile>({
    apiVersion: CLUSTER_PROFILE.apiVersion as ClusterProfile['apiVersion'],
    kind: 'ClusterProfile',
    metadata: { name, uid: `uid-${name}` },
    spec: {},
  });
}

export function aProfile(ref: string): ProfileBuilder<Profile> {
  const [namespace, name] = ref.split('/');
  return new ProfileBuilder<Profile>({
    apiVersion: PROFILE.apiVersion as Profile['apiVersion'],
    kind: 'Profile',
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: {},
  });
}

/** A summary as the cache would hold it, with optional feature summaries. */
export function aSummary(base: ClusterSummary, features: FeatureSummary[] = []): ClusterSummary {
  return {
    ...structuredClone(base),
    apiVersion: CLUSTER_SUMMARY.apiVersion as ClusterSummary['apiVersion'],
    status: features.length ? { featureSummaries: features } : {},
  };
}
