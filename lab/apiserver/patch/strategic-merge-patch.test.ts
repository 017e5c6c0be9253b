import { describe, expect, it } from 'vitest';
import { PatchError } from './patch-error.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import type { GroupVersionKind, KubeObject } from '../types.js';

const DEPLOYMENT: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };
const POD: GroupVersionKind = { group: '', version: 'v1', kind: 'Pod' };
const SERVICE: GroupVersionKind = { group: '', version: 'v1', kind: 'Service' };
const CONFIGMAP: GroupVersionKind = { group: '', version: 'v1', kind: 'ConfigMap' };

function deployment(
  podSpec: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'patch-demo' },
    spec: {
      replicas: 2,
      ...extra,
      template: { metadata: { labels: { app: 'nginx' } }, spec: podSpec },
    },
  };
}

function podSpecOf(obj: KubeObject): Record<string, unknown> {
  return (obj.spec as { template: { spec: Record<string, unknown> } }).template.spec;
}

function patchPodSpec(
  original: KubeObject,
  podSpecPatch: Record<string, unknown>,
): Record<string, unknown> {
  return podSpecOf(
    applyStrategicMergePatch(original, { spec: { template: { spec: podSpecPatch } } }, DEPLOYMENT),
  );
}

function errorOf(fn: () => unknown): PatchError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('applyStrategicMergePatch — examples from the Kubernetes docs', () => {
  it('when a container is patched in, containers merge by name and the patch item comes first', () => {
    const original = deployment({ containers: [{ name: 'patch-demo-ctr', image: 'nginx' }] });
    const spec = patchPodSpec(original, {
      containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }],
    });
    expect(spec.containers).toEqual([
      { name: 'patch-demo-ctr-2', image: 'redis' },
      { name: 'patch-demo-ctr', image: 'nginx' },
    ]);
  });

  it('when tolerations are patched, the list is replaced because it has no patch strategy', () => {
    const original = deployment({
      containers: [{ name: 'c', image: 'nginx' }],
      tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }],
    });
    const spec = patchPodSpec(original, {
      tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }],
    });
    expect(spec.tolerations).toEqual([{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }]);
    expect(spec.containers).toEqual([{ name: 'c', image: 'nginx' }]);
  });

  it('when $retainKeys lists only type, the rolling update settings are cleared', () => {
    const original = deployment(
      { containers: [{ name: 'c', image: 'nginx' }] },
      {
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxSurge: '30%', maxUnavailable: '30%' },
        },
      },
    );
    const out = applyStrategicMergePatch(
      original,
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      DEPLOYMENT,
    );
    expect((out.spec as Record<string, unknown>).strategy).toEqual({ type: 'Recreate' });
  });

  it('when the patch has no $retainKeys, a strategy patch merges into the existing strategy', () => {
    const original = deployment(
      {},
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '30%' } } },
    );
    const out = applyStrategicMergePatch(
      original,
      { spec: { strategy: { type: 'Recreate' } } },
      DEPLOYMENT,
    );
    expect((out.spec as Record<string, unknown>).strategy).toEqual({
      type: 'Recreate',
      rollingUpdate: { maxSurge: '30%' },
    });
  });
});

describe('applyStrategicMergePatch — merge keys of PodSpec and friends', () => {
  const base = deployment({
    containers: [
      {
        name: 'app',
        image: 'app:1',
        args: ['--a', '--b'],
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
        ports: [{ containerPort: 80, name: 'http' }],
        volumeMounts: [{ mountPath: '/data', name: 'data' }],
      },
    ],
    volumes: [{ name: 'data', emptyDir: {} }],
    imagePullSecrets: [{ name: 'reg' }],
  });

  it.each([
    [
      'env merges by name, live items keep their place',
      {
        containers: [
          {
            name: 'app',
            env: [
              { name: 'B', value: '3' },
              { name: 'C', value: '4' },
            ],
          },
        ],
      },
      (s: Record<string, unknown>) => (s.containers as Record<string, unknown>[])[0].env,
      [
        { name: 'A', value: '1' },
        { name: 'B', value: '3' },
        { name: 'C', value: '4' },
      ],
    ],
    [
      'ports merge by containerPort',
      {
        containers: [
          { name: 'app', ports: [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }] },
        ],
      },
      (s: Record<string, unknown>) => (s.containers as Record<string, unknown>[])[0].ports,
      [{ containerPort: 80, name: 'http', protocol: 'TCP' }, { containerPort: 443 }],
    ],
    [
      'volumeMounts merge by mountPath',
      { containers: [{ name: 'app', volumeMounts: [{ mountPath: '/data', readOnly: true }] }] },
      (s: Record<string, unknown>) => (s.containers as Record<string, unknown>[])[0].volumeMounts,
      [{ mountPath: '/data', name: 'data', readOnly: true }],
    ],
    [
      'args are atomic and replaced',
      { containers: [{ name: 'app', args: ['--c'] }] },
      (s: Record<string, unknown>) => (s.containers as Record<string, unknown>[])[0].args,
      ['--c'],
    ],
    [
      'volumes merge by name',
      { volumes: [{ name: 'cache', emptyDir: {} }] },
      (s: Record<string, unknown>) => s.volumes,
      [
        { name: 'cache', emptyDir: {} },
        { name: 'data', emptyDir: {} },
      ],
    ],
    [
      'imagePullSecrets merge by name',
      { imagePullSecrets: [{ name: 'other' }] },
      (s: Record<string, unknown>) => s.imagePullSecrets,
      [{ name: 'other' }, { name: 'reg' }],
    ],
    [
      '$patch: delete removes the container named by the merge key',
      { containers: [{ name: 'app', $patch: 'delete' }] },
      (s: Record<string, unknown>) => s.containers,
      [],
    ],
    [
      '$patch: replace in a list replaces the whole list',
      { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] },
      (s: Record<string, unknown>) => s.containers,
      [{ name: 'only', image: 'x' }],
    ],
    [
      'null deletes a field of a merged item',
      { containers: [{ name: 'app', args: null }] },
      (s: Record<string, unknown>) => 'args' in (s.containers as Record<string, unknown>[])[0],
      false,
    ],
    [
      '$setElementOrder orders the merged list',
      {
        containers: [{ name: 'app', env: [{ name: 'C', value: '5' }] }],
        $setElementOrder: undefined,
      },
      (s: Record<string, unknown>) =>
        ((s.containers as Record<string, unknown>[])[0].env as { name: string }[]).map(
          (e) => e.name,
        ),
      ['C', 'A', 'B'],
    ],
  ])('%s', (_name, podPatch, pick, expected) => {
    const cleaned = JSON.parse(JSON.stringify(podPatch)) as Record<string, unknown>;
    expect(pick(patchPodSpec(base, cleaned))).toEqual(expected);
  });

  it('$setElementOrder/env puts the listed items in the listed order', () => {
    const spec = patchPodSpec(base, {
      containers: [
        {
          name: 'app',
          '$setElementOrder/env': [{ name: 'B' }, { name: 'C' }, { name: 'A' }],
          env: [{ name: 'C', value: '5' }],
        },
      ],
    });
    const env = (spec.containers as Record<string, unknown>[])[0].env;
    expect(env).toEqual([
      { name: 'B', value: '2' },
      { name: 'C', value: '5' },
      { name: 'A', value: '1' },
    ]);
  });

  it('merges the same PodSpec keys inside a CronJob job template', () => {
    const cron: KubeObject = {
      metadata: { name: 'c' },
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }] } } } },
      },
    };
    const out = applyStrategicMergePatch(
      cron,
      {
        spec: {
          jobTemplate: {
            spec: { template: { spec: { containers: [{ name: 'a', image: '2' }] } } },
          },
        },
      },
      { group: 'batch', version: 'v1', kind: 'CronJob' },
    );
    expect(out).toEqual({
      metadata: { name: 'c' },
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: '2' }] } } } },
      },
    });
  });

  it('merges Pod containers by name and initContainers separately', () => {
    const pod: KubeObject = {
      metadata: { name: 'p' },
      spec: {
        initContainers: [{ name: 'init', image: 'i' }],
        containers: [{ name: 'main', image: 'm' }],
      },
    };
    const out = applyStrategicMergePatch(
      pod,
      { spec: { containers: [{ name: 'main', image: 'm2' }] } },
      POD,
    );
    expect(out.spec).toEqual({
      initContainers: [{ name: 'init', image: 'i' }],
      containers: [{ name: 'main', image: 'm2' }],
    });
  });
});

describe('applyStrategicMergePatch — metadata, Service and plain maps', () => {
  const cm: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'x',
      labels: { a: '1', b: '2' },
      finalizers: ['f1', 'f2'],
      ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 's', uid: 'u1' }],
    },
    data: { k: 'v' },
  };

  it('null deletes a label and other labels are kept', () => {
    const out = applyStrategicMergePatch(
      cm,
      { metadata: { labels: { a: null, c: '3' } } },
      CONFIGMAP,
    );
    expect(out.metadata.labels).toEqual({ b: '2', c: '3' });
  });

  it('finalizers are a merging list of scalars', () => {
    const out = applyStrategicMergePatch(cm, { metadata: { finalizers: ['f3', 'f1'] } }, CONFIGMAP);
    expect(out.metadata.finalizers).toEqual(['f3', 'f1', 'f2']);
  });

  it('$deleteFromPrimitiveList/finalizers removes the named finalizers', () => {
    const out = applyStrategicMergePatch(
      cm,
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['f1'] } },
      CONFIGMAP,
    );
    expect(out.metadata.finalizers).toEqual(['f2']);
  });

  it('ownerReferences merge by uid', () => {
    const patch = {
      metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: 's2', uid: 'u2' }] },
    };
    const out = applyStrategicMergePatch(cm, patch, CONFIGMAP);
    expect(out.metadata.ownerReferences?.map((o) => o.uid)).toEqual(['u2', 'u1']);
  });

  it('Service ports merge by port', () => {
    const svc: KubeObject = {
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: 8080, name: 'http' }], selector: { app: 'a' } },
    };
    const out = applyStrategicMergePatch(
      svc,
      { spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] } },
      SERVICE,
    );
    expect((out.spec as Record<string, unknown>).ports).toEqual([
      { port: 80, targetPort: 9090, name: 'http' },
      { port: 443 },
    ]);
  });

  it('a kind the lab has no types for merges maps and replaces lists', () => {
    const obj: KubeObject = { metadata: { name: 'x' }, spec: { items: [{ name: 'a' }], keep: 1 } };
    const out = applyStrategicMergePatch(
      obj,
      { spec: { items: [{ name: 'b' }] } },
      { group: 'example.com', version: 'v1', kind: 'Widget' },
    );
    expect(out.spec).toEqual({ items: [{ name: 'b' }], keep: 1 });
  });

  it('$patch: replace on a map replaces it and $patch: delete empties it', () => {
    const replaced = applyStrategicMergePatch(
      cm,
      { data: { $patch: 'replace', only: 'x' } },
      CONFIGMAP,
    );
    expect(replaced.data).toEqual({ only: 'x' });
    const deleted = applyStrategicMergePatch(cm, { data: { $patch: 'delete' } }, CONFIGMAP);
    expect(deleted.data).toEqual({});
  });

  it('values taken from the patch carry no directives or nulls', () => {
    const out = applyStrategicMergePatch(
      cm,
      { spec: { a: null, b: { $retainKeys: ['x'], x: 1 } } },
      CONFIGMAP,
    );
    expect(out.spec).toEqual({ b: { x: 1 } });
  });

  it('never mutates its inputs', () => {
    const patch = { metadata: { labels: { a: null } } };
    const before = JSON.stringify(cm);
    applyStrategicMergePatch(cm, patch, CONFIGMAP);
    expect(JSON.stringify(cm)).toBe(before);
    expect(patch).toEqual({ metadata: { labels: { a: null } } });
  });
});

describe('applyStrategicMergePatch — patches kubectl apply generates', () => {
  it('an image bump with $setElementOrder/containers changes only that container', () => {
    const original = deployment({
      containers: [
        { name: 'nginx', image: 'nginx:1.1', ports: [{ containerPort: 80 }] },
        { name: 'log', image: 'fluent' },
      ],
    });
    const spec = patchPodSpec(original, {
      '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }],
      containers: [{ image: 'nginx:1.2', name: 'nginx' }],
    });
    expect(spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.2', ports: [{ containerPort: 80 }] },
      { name: 'log', image: 'fluent' },
    ]);
  });

  it('a volume switched from emptyDir to configMap drops emptyDir through $retainKeys', () => {
    const original = deployment({ volumes: [{ name: 'v', emptyDir: {} }] });
    const spec = patchPodSpec(original, {
      '$setElementOrder/volumes': [{ name: 'v' }],
      volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cfg' }, name: 'v' }],
    });
    expect(spec.volumes).toEqual([{ name: 'v', configMap: { name: 'cfg' } }]);
  });

  it('a removed container is deleted with $patch: delete while the order list keeps the rest', () => {
    const original = deployment({
      containers: [
        { name: 'a', image: '1' },
        { name: 'b', image: '2' },
      ],
    });
    const spec = patchPodSpec(original, {
      '$setElementOrder/containers': [{ name: 'b' }],
      containers: [{ $patch: 'delete', name: 'a' }],
    });
    expect(spec.containers).toEqual([{ name: 'b', image: '2' }]);
  });
});

describe('applyStrategicMergePatch — errors worded as kube words them', () => {
  const base = deployment(
    { containers: [{ name: 'app', image: 'a' }] },
    { strategy: { type: 'RollingUpdate' } },
  );

  it.each([
    [
      'a merge item without its merge key',
      { spec: { template: { spec: { containers: [{ image: 'b' }] } } } },
      500,
      'map: map[image:b] does not contain declared merge key: name',
    ],
    [
      '$retainKeys that is not a list',
      { spec: { strategy: { $retainKeys: 'type', type: 'Recreate' } } },
      400,
      'invalid patch format of retainKeys',
    ],
    [
      'a patched key missing from $retainKeys',
      { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
      400,
      'invalid patch format of retainKeys',
    ],
    [
      'an unknown $patch directive',
      { spec: { $patch: 'frobnicate' } },
      500,
      'unknown patch type: frobnicate in map: map[$patch:frobnicate]',
    ],
    [
      '$patch: merge in a list',
      { spec: { template: { spec: { containers: [{ $patch: 'merge' }] } } } },
      500,
      'merging lists cannot yet be specified in the patch',
    ],
    [
      'a list of lists',
      { spec: { template: { spec: { containers: [['x']] } } } },
      422,
      'lists of lists are not supported',
    ],
    [
      'a malformed deletion list key',
      { metadata: { $deleteFromPrimitiveList: ['x'] } },
      400,
      'invalid patch format of primitive list',
    ],
  ])('%s', (_name, patch, code, message) => {
    const err = errorOf(() => applyStrategicMergePatch(base, patch, DEPLOYMENT));
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });
});
