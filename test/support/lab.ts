// Starts an in-process lab API server for a test file: clusters by name, each with an admin
// kubeconfig written to a private temp dir (so kubectl/helm caches never leak between servers).
// Call `stop()` in afterAll; it also removes the temp dir.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { startLabServer } from '../../lab/apiserver/server.js';
import type { LabServer, LabServerOptions } from '../../lab/apiserver/server.js';

export interface TestLab {
  server: LabServer;
  /** Private temp dir of this lab. */
  dir: string;
  cluster(name: string): LabCluster;
  /** Path of the admin kubeconfig of a cluster. */
  kubeconfig(name: string): string;
  /** Adds a cluster (and writes its kubeconfig). */
  addCluster(name: string, opts?: { version?: string }): LabCluster;
  stop(): Promise<void>;
}

export interface TestLabOptions extends Omit<LabServerOptions, 'port'> {
  clusters?: string[];
}

/** Starts a lab on a free port with the given clusters (default: one named `c1`). */
export async function startTestLab(opts: TestLabOptions = {}): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), 'sveltos-lab-'));
  const server = await startLabServer({ logLevel: 'error', ...opts, port: 0 });
  const kubeconfigs = new Map<string, string>();
  const addCluster = (name: string, o: { version?: string } = {}): LabCluster => {
    const cluster = server.addCluster(name, o);
    const path = join(dir, `${name}.kubeconfig`);
    writeFileSync(path, cluster.kubeconfig(), { mode: 0o600 });
    kubeconfigs.set(name, path);
    return cluster;
  };
  for (const name of opts.clusters ?? ['c1']) addCluster(name);
  for (const name of server.persistedClusters()) if (!kubeconfigs.has(name)) addCluster(name);
  return {
    server,
    dir,
    cluster: (name) => {
      const c = server.cluster(name);
      if (!c) throw new Error(`No lab cluster named ${name}`);
      return c;
    },
    kubeconfig: (name) => {
      const p = kubeconfigs.get(name);
      if (!p) throw new Error(`No lab cluster named ${name}`);
      return p;
    },
    addCluster,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
