import { describe, expect, it } from 'vitest';
import type { SveltosCluster } from '../api/types/index.js';
import { kubeconfigFromSecret, kubeconfigSecretOf } from './cluster-kubeconfig.js';
import type { SecretData } from './cluster-kubeconfig.js';

function cluster(spec: SveltosCluster['spec'] = {}): SveltosCluster {
  return {
    apiVersion: 'lib.projectsveltos.io/v1beta1',
    kind: 'SveltosCluster',
    metadata: { name: 'c1', namespace: 'aks' },
    spec,
  };
}

function secret(data: Record<string, string>): SecretData {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  return { metadata: { name: 'c1-sveltos-kubeconfig', namespace: 'aks' }, data: encoded };
}

describe('kubeconfigSecretOf', () => {
  it('defaults to <cluster>-sveltos-kubeconfig in the cluster namespace', () => {
    expect(kubeconfigSecretOf(cluster())).toEqual({
      namespace: 'aks',
      name: 'c1-sveltos-kubeconfig',
    });
  });
  it('uses spec.kubeconfigName when set', () => {
    expect(kubeconfigSecretOf(cluster({ kubeconfigName: 'mine' })).name).toBe('mine');
  });
});

describe('kubeconfigFromSecret', () => {
  const cases: Array<{
    name: string;
    spec?: SveltosCluster['spec'];
    data?: Record<string, string>;
    key?: string;
    message?: string;
  }> = [
    {
      name: 'the kubeconfig key by default',
      data: { kubeconfig: 'A', other: 'B' },
      key: 'kubeconfig',
    },
    { name: 'the only key when it is not named kubeconfig', data: { value: 'A' }, key: 'value' },
    {
      name: 'spec.kubeconfigKeyName when set',
      spec: { kubeconfigKeyName: 're-kubeconfig' },
      data: { kubeconfig: 'A', 're-kubeconfig': 'B' },
      key: 're-kubeconfig',
    },
    {
      name: 'a missing Secret',
      message: "Secret aks/c1-sveltos-kubeconfig with the cluster's kubeconfig does not exist",
    },
    {
      name: 'a missing named key',
      spec: { kubeconfigKeyName: 'x' },
      data: { kubeconfig: 'A' },
      message:
        'Secret aks/c1-sveltos-kubeconfig has no key "x" (spec.kubeconfigKeyName); its keys: "kubeconfig"',
    },
    {
      name: 'several keys and none named kubeconfig',
      data: { a: 'A', b: 'B' },
      message:
        'Secret aks/c1-sveltos-kubeconfig has keys "a", "b" and none named "kubeconfig": set spec.kubeconfigKeyName',
    },
    { name: 'no data', data: {}, message: 'Secret aks/c1-sveltos-kubeconfig has no data' },
    {
      name: 'an empty value',
      data: { kubeconfig: ' ' },
      message: 'Secret aks/c1-sveltos-kubeconfig has an empty key "kubeconfig"',
    },
  ];
  it.each(cases)('handles $name', (c) => {
    const result = kubeconfigFromSecret(cluster(c.spec), c.data ? secret(c.data) : undefined);
    if (c.key) expect(result).toMatchObject({ ok: true, key: c.key });
    else expect(result).toEqual({ ok: false, message: c.message });
  });
});
