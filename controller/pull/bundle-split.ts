// Pure planning of pull-mode staging: objects serialised one YAML document each, split into
// ConfigurationBundle contents of at most 15 objects and at most `maxBytes` each (CRDs alone),
// and the content hash the ConfigurationGroup lists per item — the same definition as the
// agent's (agent/bundles.ts: SHA-256 over length-prefixed resources in order). No I/O.
import { dump } from 'js-yaml';
import type { KubeObject } from '../../lib/kube-client.js';

/** Sveltos' object count per bundle. */
export const MAX_OBJECTS_PER_BUNDLE = 15;
/** Default byte budget of one bundle (`--bundle-max-bytes`). */
export const DEFAULT_BUNDLE_MAX_BYTES = 512 * 1024;

/** One object too large for any bundle; fails its feature. */
export class BundleTooLargeError extends Error {
  readonly reason = 'BundleTooLarge';
}

/** The content hash the group lists per bundle (one definition, shared with the agent). */
export { bundleHash } from '../../lib/bundle-hash.js';

function describe(obj: KubeObject): string {
  const ns = obj.metadata.namespace ? `${obj.metadata.namespace}/` : '';
  return `${obj.kind} ${ns}${obj.metadata.name}`;
}

/** Splits objects (in order) into bundle resource lists within the count and byte budgets. */
export function splitIntoBundles(
  objects: readonly KubeObject[],
  maxBytes: number = DEFAULT_BUNDLE_MAX_BYTES,
): string[][] {
  const bundles: string[][] = [];
  let current: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (current.length > 0) bundles.push(current);
    current = [];
    size = 0;
  };
  for (const obj of objects) {
    const text = dump(obj, { noRefs: true, lineWidth: -1 });
    const bytes = Buffer.byteLength(text);
    if (bytes > maxBytes) {
      throw new BundleTooLargeError(
        `${describe(obj)} is ${bytes} bytes, over the bundle limit of ${maxBytes} bytes`,
      );
    }
    const alone = obj.kind === 'CustomResourceDefinition';
    if (alone || current.length >= MAX_OBJECTS_PER_BUNDLE || size + bytes > maxBytes) flush();
    current.push(text);
    size += bytes;
    if (alone) flush();
  }
  flush();
  return bundles;
}
