// Synthetic Kubernetes objects of mixed sizes for the bundle benchmarks: small ConfigMaps,
// Deployments, large ConfigMaps and CRDs in a fixed, seeded proportion, so two runs build the
// same input. Pure: no I/O.
import type { KubeObject } from '../../lib/kube-client.js';

/** Share of each shape in a mixed set (sums to 100). */
export const MIX = { smallConfigMap: 70, deployment: 20, largeConfigMap: 9, crd: 1 } as const;

const text = (bytes: number, seed: number): string => {
  let s = '';
  let x = seed + 1;
  while (s.length < bytes) {
    // A cheap LCG keeps the text incompressible-looking and reproducible.
    x = (x * 1103515245 + 12345) % 2147483648;
    s += x.toString(36);
  }
  return s.slice(0, bytes);
};

function configMap(i: number, bytes: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, namespace: `ns-${i % 20}`, labels: { app: `app-${i % 50}` } },
    data: { 'config.txt': text(bytes, i) },
  };
}

function deployment(i: number): KubeObject {
  const container = (n: number): Record<string, unknown> => ({
    name: `c${n}`,
    image: `registry.example.com/team/app-${i}:1.${n}.0`,
    args: ['--port=8080', '--log-level=info', `--instance=${i}`],
    env: Array.from({ length: 8 }, (_, e) => ({ name: `VAR_${e}`, value: text(24, i * 10 + e) })),
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    ports: [{ containerPort: 8080, name: 'http' }],
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `deploy-${i}`, namespace: `ns-${i % 20}`, labels: { app: `app-${i}` } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: `app-${i}` } },
      template: {
        metadata: { labels: { app: `app-${i}` } },
        spec: { containers: [container(0), container(1)] },
      },
    },
  };
}

function crd(i: number): KubeObject {
  const properties = Object.fromEntries(
    Array.from({ length: 300 }, (_, p) => [
      `field${p}`,
      { type: 'string', description: text(120, i * 1000 + p) },
    ]),
  );
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets${i}.bench.example.com` },
    spec: {
      group: 'bench.example.com',
      names: { kind: `Widget${i}`, plural: `widgets${i}`, singular: `widget${i}` },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties } } } },
        },
      ],
    },
  };
}

/** `count` objects: 70 % ConfigMaps of ~300 B, 20 % Deployments, 9 % ConfigMaps of 20 KiB, 1 % CRDs of ~45 KiB. */
export function mixedObjects(count: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < count; i++) {
    const slot = i % 100;
    if (slot < MIX.smallConfigMap) out.push(configMap(i, 300));
    else if (slot < MIX.smallConfigMap + MIX.deployment) out.push(deployment(i));
    else if (slot < 100 - MIX.crd) out.push(configMap(i, 20 * 1024));
    else out.push(crd(i));
  }
  return out;
}
