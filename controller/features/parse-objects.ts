// Parses the text of a ConfigMap/Secret entry into Kubernetes objects: YAML or JSON, one or many
// documents, `List` kinds flattened. Server-set metadata is dropped so the objects can be applied
// anywhere. Pure. Tests: parse-objects.test.ts.
import { loadAll } from 'js-yaml';
import type { KubeObject } from '../../lib/kube-client.js';
import { NonRetriableError } from '../../lib/reconcile-result.js';

const SERVER_METADATA = [
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/**
 * Every object in `text`. `origin` names the entry in errors (`ConfigMap default/x key "a.yaml"`).
 * Throws NonRetriableError for text that is not YAML/JSON or a document that is not an object
 * with apiVersion, kind and metadata.name.
 */
export function parseObjects(text: string, origin: string): KubeObject[] {
  let docs: unknown[];
  try {
    docs = loadAll(text);
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new NonRetriableError('InvalidYAML', `${origin} is not valid YAML or JSON: ${why}`, {
      cause: err,
    });
  }
  const out: KubeObject[] = [];
  docs.forEach((doc, index) => {
    if (doc === null || doc === undefined) return;
    for (const obj of flattenList(doc))
      out.push(checkObject(obj, `${origin} document ${index + 1}`));
  });
  return out;
}

function flattenList(doc: unknown): unknown[] {
  const list = doc as { kind?: unknown; items?: unknown };
  if (typeof list.kind === 'string' && list.kind.endsWith('List') && Array.isArray(list.items)) {
    return list.items;
  }
  return [doc];
}

function checkObject(doc: unknown, where: string): KubeObject {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalid(where, 'is not an object');
  }
  const obj = doc as Partial<KubeObject>;
  const missing = missingField(obj);
  if (missing) throw invalid(where, missing);
  const copy = structuredClone(obj) as KubeObject;
  for (const key of SERVER_METADATA) delete copy.metadata[key];
  return copy;
}

/** What makes `obj` unusable as a Kubernetes object, or '' (STYLE §8: reasons, not booleans). */
function missingField(obj: Partial<KubeObject>): string {
  if (typeof obj.apiVersion !== 'string' || !obj.apiVersion) return 'has no apiVersion';
  if (typeof obj.kind !== 'string' || !obj.kind) return 'has no kind';
  const name = (obj.metadata as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || !name) return `(${obj.kind}) has no metadata.name`;
  return '';
}

function invalid(where: string, why: string): NonRetriableError {
  return new NonRetriableError('InvalidObject', `${where} ${why}`);
}
