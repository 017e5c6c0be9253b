// The content hash of a ConfigurationBundle: SHA-256 over its resources in order, each entry
// length-prefixed. The one definition: the controller lists it per bundle in the group, the agent
// and `kubectl sveltos bundles show` verify it. Changing it breaks every staged bundle and every
// agent already deployed, so a golden vector pins it. Pure; tests in bundle-hash.test.ts.
import { createHash } from 'node:crypto';

/** SHA-256 (lower-case hex) over `resources` in order; each entry hashed as `<bytes>:<text>\n`. */
export function bundleHash(resources: readonly string[]): string {
  const h = createHash('sha256');
  for (const r of resources) h.update(`${Buffer.byteLength(r)}:${r}\n`);
  return h.digest('hex');
}

/** True when `resources` hash to `listed` (the hash the group lists for the bundle). */
export function bundleHashMatches(
  resources: readonly string[],
  listed: string | undefined,
): boolean {
  return listed !== undefined && listed !== '' && bundleHash(resources) === listed;
}
