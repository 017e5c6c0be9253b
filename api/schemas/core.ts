// Schemas of the Kubernetes core types Sveltos embeds (corev1.ObjectReference, SecretReference,
// LocalObjectReference, metav1.LabelSelector), shaped exactly as controller-gen renders them.
// `LabelSelector` and `LabelSelectorRequirement` are typed by api/label-selector.ts.
import { arr, obj, str, stringMap } from './schema.js';

/** corev1.ObjectReference: a reference to any object, replaced as a whole on apply. */
export const objectReference = obj(
  {
    apiVersion: str({ description: 'API version of the referent.' }),
    fieldPath: str({
      description: 'A field inside the referent, when the reference is to a part of it.',
    }),
    kind: str({ description: 'Kind of the referent.' }),
    name: str({ description: 'Name of the referent.' }),
    namespace: str({ description: 'Namespace of the referent.' }),
    resourceVersion: str({ description: 'Specific resourceVersion the reference is made to.' }),
    uid: str({ description: 'UID of the referent.' }),
  },
  { title: 'ObjectReference', atomic: true },
);

/** corev1.SecretReference: a Secret by name and optional namespace. */
export const secretReference = obj(
  {
    name: str({ description: 'Name of the Secret.' }),
    namespace: str({ description: 'Namespace of the Secret.' }),
  },
  { title: 'SecretReference', atomic: true },
);

/** corev1.LocalObjectReference: an object in the same namespace. */
export const localObjectReference = obj(
  { name: str({ default: '', description: 'Name of the referent.' }) },
  { title: 'LocalObjectReference', atomic: true },
);

/** metav1.LabelSelectorRequirement. */
export const labelSelectorRequirement = obj(
  {
    key: str({ description: 'Label key the selector applies to.' }),
    operator: str({ description: 'In, NotIn, Exists or DoesNotExist.' }),
    values: arr(str(), {
      listType: 'atomic',
      description: 'Values for In/NotIn; must be empty for Exists/DoesNotExist.',
    }),
  },
  { title: 'LabelSelectorRequirement', required: ['key', 'operator'] },
);

/** metav1.LabelSelector (libsveltos `Selector` embeds it inline). */
export const labelSelector = obj(
  {
    matchExpressions: arr(labelSelectorRequirement, {
      listType: 'atomic',
      description: 'Requirements that must all hold.',
    }),
    matchLabels: stringMap({ description: 'Labels that must all be present with these values.' }),
  },
  { title: 'LabelSelector', atomic: true },
);
