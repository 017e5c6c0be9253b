// Schema of the spec and status ClusterSet (cluster-scoped) and Set (namespaced) share: a pool
// of clusters from which up to maxReplicas are picked. libsveltos names these Go types `Spec`
// and `Status`; here they are SetSpec and SetStatus to keep them apart from the profile's.
import { labelSelector, objectReference } from './core.js';
import { arr, documented, int, obj } from './schema.js';

export const setSpec = obj(
  {
    clusterRefs: arr(objectReference, { description: 'Candidate clusters by reference.' }),
    clusterSelector: documented(labelSelector, 'Candidate clusters by their labels.'),
    maxReplicas: int({ description: 'How many candidates are selected at most.' }),
  },
  { title: 'SetSpec' },
);

export const setStatus = obj(
  {
    matchingClusterRefs: arr(objectReference, { description: 'Candidates currently matching.' }),
    selectedClusterRefs: arr(objectReference, { description: 'Candidates selected.' }),
  },
  { title: 'SetStatus' },
);
