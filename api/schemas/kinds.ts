// The eight kinds as CRD definitions: names from api/gvk.ts, root schema, printer columns,
// short names and categories (Sveltos v1beta1 declares none of the latter two for these kinds).
// scripts/generate-crds.ts and scripts/generate-types.ts both start from KIND_SCHEMAS.
import type { KindInfo } from '../gvk.js';
import {
  CLUSTER_PROFILE,
  CLUSTER_SET,
  CLUSTER_SUMMARY,
  CONFIGURATION_BUNDLE,
  CONFIGURATION_GROUP,
  PROFILE,
  SET,
  SVELTOS_CLUSTER,
} from '../gvk.js';
import { clusterSummarySpec, clusterSummaryStatus } from './cluster-summary.js';
import { profileSpec, profileStatus } from './profile-spec.js';
import {
  configurationBundleSpec,
  configurationBundleStatus,
  configurationGroupSpec,
  configurationGroupStatus,
} from './pull-mode.js';
import type { Schema } from './schema.js';
import { obj, str } from './schema.js';
import { setSpec, setStatus } from './set.js';
import { sveltosClusterSpec, sveltosClusterStatus } from './sveltos-cluster.js';

/** apiextensions.k8s.io/v1 CustomResourceColumnDefinition. */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'boolean' | 'date' | 'integer' | 'number';
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** Everything a CRD of one kind is generated from. */
export interface KindSchema {
  info: KindInfo;
  description: string;
  spec: Schema;
  status: Schema;
  printerColumns?: PrinterColumn[];
  shortNames?: string[];
  categories?: string[];
}

const AGE: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

function featureColumn(name: string, featureId: string): PrinterColumn {
  return {
    name,
    type: 'string',
    jsonPath: `.status.featureSummaries[?(@.featureID=="${featureId}")].status`,
    description: `Status of the ${featureId} feature`,
    priority: 2,
  };
}

export const KIND_SCHEMAS: readonly KindSchema[] = [
  {
    info: SVELTOS_CLUSTER,
    description: 'A cluster managed by Sveltos, reached in push or pull mode.',
    spec: sveltosClusterSpec,
    status: sveltosClusterStatus,
    printerColumns: [
      {
        name: 'Ready',
        type: 'boolean',
        jsonPath: '.status.ready',
        description: 'Whether the cluster is ready to be managed',
      },
      {
        name: 'ConnectionStatus',
        type: 'string',
        jsonPath: '.status.connectionStatus',
        description: 'Whether the connection to the cluster is healthy',
        priority: 1,
      },
      {
        name: 'Version',
        type: 'string',
        jsonPath: '.status.version',
        description: 'Kubernetes version of the cluster',
      },
      { ...AGE, description: 'Time since the SveltosCluster was created' },
      {
        name: 'Shard',
        type: 'string',
        jsonPath: ".metadata.annotations['sharding\\.projectsveltos\\.io/key']",
        description: 'Shard the cluster is assigned to',
      },
    ],
  },
  {
    info: CLUSTER_PROFILE,
    description: 'Add-ons to deploy in every cluster, of any namespace, that it selects.',
    spec: profileSpec,
    status: profileStatus,
  },
  {
    info: PROFILE,
    description: 'Add-ons to deploy in the clusters of its own namespace that it selects.',
    spec: profileSpec,
    status: profileStatus,
  },
  {
    info: CLUSTER_SUMMARY,
    description: 'What one profile deploys in one cluster, and how far that got.',
    spec: clusterSummarySpec,
    status: clusterSummaryStatus,
    printerColumns: [
      { ...AGE, description: 'Time since the ClusterSummary was created' },
      featureColumn('HelmCharts', 'Helm'),
      featureColumn('KustomizeRefs', 'Kustomize'),
      featureColumn('PolicyRefs', 'Resources'),
    ],
  },
  {
    info: CONFIGURATION_GROUP,
    description: 'Pull mode: the ordered bundles one requestor wants applied in one cluster.',
    spec: configurationGroupSpec,
    status: configurationGroupStatus,
  },
  {
    info: CONFIGURATION_BUNDLE,
    description: 'Pull mode: a batch of rendered objects a ConfigurationGroup references.',
    spec: configurationBundleSpec,
    status: configurationBundleStatus,
  },
  {
    info: CLUSTER_SET,
    description: 'A pool of clusters from which ClusterProfiles take up to maxReplicas.',
    spec: setSpec,
    status: setStatus,
  },
  {
    info: SET,
    description: 'A pool of clusters of its namespace from which Profiles take up to maxReplicas.',
    spec: setSpec,
    status: setStatus,
  },
];

/** The openAPIV3Schema of a kind: TypeMeta, ObjectMeta, spec and status. */
export function rootSchema(kind: KindSchema): Schema {
  return obj(
    {
      apiVersion: str({
        description: 'Versioned schema of this representation of an object.',
      }),
      kind: str({ description: 'REST resource this object represents.' }),
      metadata: { type: 'object', title: 'ObjectMeta' },
      spec: kind.spec,
      status: kind.status,
    },
    { title: kind.info.kind, description: kind.description },
  );
}
