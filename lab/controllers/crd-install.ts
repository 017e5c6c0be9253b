// Installs CustomResourceDefinitions from YAML files into a lab cluster through the in-process
// client, as `kubectl apply -f DIR` would for a fresh cluster, and waits until each is served.
// Used by `sveltos-lab up` for the project's manifests/crds/.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import type { LabCluster } from '../apiserver/extension-points.js';
import type { KubeObject } from '../apiserver/types.js';
import { CRDS } from './gvrs.js';
import { ignoreExists } from './object-ops.js';

/** A CRD file could not be read or installed; names the file. */
export class CrdInstallError extends Error {
  override readonly name = 'CrdInstallError';
  readonly reason = 'CrdInstallFailed';
}

/** Reads every `*.yaml`/`*.yml` in `dir` (sorted) and returns the CRD documents in them. */
export async function readCrdFiles(dir: string): Promise<{ file: string; crd: KubeObject }[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const out: { file: string; crd: KubeObject }[] = [];
  for (const file of files) {
    const docs = loadAll(await readFile(join(dir, file), 'utf8')) as (KubeObject | null)[];
    for (const doc of docs) {
      if (doc?.kind === 'CustomResourceDefinition') out.push({ file, crd: doc });
    }
  }
  return out;
}

/**
 * Creates every CRD found in `dir` (existing ones are kept) and returns their names once the
 * cluster serves them. Throws CrdInstallError naming the file the server refused.
 */
export async function installCrds(cluster: LabCluster, dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const { file, crd } of await readCrdFiles(dir)) {
    try {
      await ignoreExists(cluster.client.create(CRDS, crd));
    } catch (err) {
      throw new CrdInstallError(`Installing ${file} failed: ${(err as Error).message}`, {
        cause: err,
      });
    }
    names.push(crd.metadata.name ?? '');
  }
  return names;
}
