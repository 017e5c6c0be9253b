import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIONS,
  parseBindAddress,
  parseDuration,
  parseMirror,
  resolveOptions,
} from './options.js';

describe('parseDuration', () => {
  const cases: Array<[string, number]> = [
    ['2s', 2000],
    ['1m', 60_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['10', 10_000],
  ];
  it.each(cases)('reads %s', (text, ms) => expect(parseDuration(text, 'x')).toBe(ms));
  it('names the flag for a bad value', () => {
    expect(() => parseDuration('soon', 'health-interval')).toThrow(
      'Invalid value "soon" for --health-interval: use a duration such as 30s, 2m or 1h30m',
    );
  });
});

describe('resolveOptions', () => {
  it('uses Sveltos-like defaults', () => {
    expect(resolveOptions({})).toEqual({
      ...DEFAULT_OPTIONS,
      kubeconfig: undefined,
      context: undefined,
      helmRepositoryMirrorConfigMap: undefined,
    });
    expect(DEFAULT_OPTIONS).toMatchObject({
      workers: 10,
      healthIntervalMs: 60_000,
      agentTimeoutMs: 600_000,
      bundleMaxBytes: 524_288,
      leaderElect: true,
      leaderElectionNamespace: 'projectsveltos',
    });
  });

  it('reads the lab flags', () => {
    const o = resolveOptions({
      kubeconfig: '/tmp/mgmt.kubeconfig',
      healthInterval: '2s',
      agentTimeout: '30s',
      helmRepositoryMirror: [
        'https://kyverno.github.io/kyverno/=http://127.0.0.1:1/kyverno/',
        'https://helm.cilium.io/=http://127.0.0.1:1/cilium/',
      ],
      helmRepositoryMirrorConfigmap: 'projectsveltos/mirrors',
      registerManagementCluster: true,
    });
    expect(o).toMatchObject({
      healthIntervalMs: 2000,
      agentTimeoutMs: 30_000,
      registerManagementCluster: true,
      helmRepositoryMirrorConfigMap: { namespace: 'projectsveltos', name: 'mirrors' },
    });
    expect(o.helmRepositoryMirrors[0]).toEqual({
      from: 'https://kyverno.github.io/kyverno/',
      to: 'http://127.0.0.1:1/kyverno/',
    });
  });

  it('refuses bad values naming the flag', () => {
    expect(() => resolveOptions({ workers: 0 })).toThrow(
      'Invalid value "0" for --workers: use a positive integer',
    );
    expect(() => resolveOptions({ logLevel: 'loud' })).toThrow(
      'Invalid value "loud" for --log-level',
    );
    expect(() => parseMirror('nope')).toThrow(
      'Invalid value "nope" for --helm-repository-mirror: use FROM=TO',
    );
    expect(() => resolveOptions({ helmRepositoryMirrorConfigmap: 'only-name' })).toThrow(
      'use NAMESPACE/NAME',
    );
  });
});

describe('parseBindAddress', () => {
  it('reads :PORT, HOST:PORT and 0', () => {
    expect(parseBindAddress(':8080', 'x')).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(parseBindAddress('127.0.0.1:0', 'x')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(parseBindAddress('0', 'x')).toBeUndefined();
    expect(() => parseBindAddress('localhost', 'metrics-bind-address')).toThrow(
      '--metrics-bind-address',
    );
  });
});
