import { describe, expect, it } from 'vitest';
import { aSveltosCluster } from '../../test/fixtures/profiles/builders.js';
import { formatProblems } from './result.js';
import {
  validateSveltosClusterCreate,
  validateSveltosClusterDelete,
  validateSveltosClusterUpdate,
} from './sveltos-cluster.js';

const messages = (obj: unknown): string[] => formatProblems(validateSveltosClusterCreate(obj));

describe('validateSveltosClusterCreate', () => {
  it.each([
    ['an empty spec', aSveltosCluster('c1')],
    ['a pull-mode cluster', aSveltosCluster('c1', { spec: { pullMode: true } })],
    [
      'every optional field',
      aSveltosCluster('c1', {
        spec: {
          kubeconfigName: 'c1-kubeconfig',
          kubeconfigKeyName: 'value.yaml',
          paused: false,
          consecutiveFailureThreshold: 5,
          tokenRequestRenewalOption: {
            renewTokenRequestInterval: '1h',
            saName: 'sveltos',
            saNamespace: 'kube-system',
          },
          activeWindow: { from: '0 20 * * 5', to: '0 7 * * 1' },
          readinessChecks: [
            { name: 'ready', condition: 'function evaluate() end', resourceSelectors: [] },
          ],
        },
      }),
    ],
    [
      'a cron descriptor',
      aSveltosCluster('c1', { spec: { activeWindow: { from: '@daily', to: '@hourly' } } }),
    ],
  ])('accepts %s', (_name, obj) => {
    expect(messages(obj)).toEqual([]);
  });

  it.each([
    [
      { kubeconfigName: 'Bad_Name' },
      'spec.kubeconfigName: "Bad_Name": a lowercase RFC 1123 subdomain',
    ],
    [
      { kubeconfigKeyName: 'a/b' },
      "spec.kubeconfigKeyName: \"a/b\": a valid Secret key must consist of alphanumeric characters, '-', '_' or '.'",
    ],
    [{ consecutiveFailureThreshold: 0 }, 'spec.consecutiveFailureThreshold: 0: must be between 1'],
    [{ pullMode: 'yes' }, 'spec.pullMode: "yes": must be a boolean'],
    [
      { tokenRequestRenewalOption: {} },
      'spec.tokenRequestRenewalOption.renewTokenRequestInterval: required value',
    ],
    [
      { tokenRequestRenewalOption: { renewTokenRequestInterval: 'hourly' } },
      'renewTokenRequestInterval: "hourly": not a valid duration',
    ],
    [
      { activeWindow: { from: '0 20 * *', to: '0 7 * * 1' } },
      'spec.activeWindow.from: "0 20 * *": not a valid cron expression',
    ],
    [{ activeWindow: { from: '0 20 * * 5' } }, 'spec.activeWindow.to: required value'],
    [
      {
        readinessChecks: [
          { name: 'a', condition: 'x' },
          { name: 'a', condition: 'y' },
        ],
      },
      'spec.readinessChecks[1].name: "a": duplicate value',
    ],
    [{ livenessChecks: [{ name: 'a' }] }, 'spec.livenessChecks[0].condition: required value'],
  ])('refuses %j', (spec, fragment) => {
    expect(messages(aSveltosCluster('c1', { spec })).join('\n')).toContain(fragment);
  });

  it('refuses a wrong kind, apiVersion or spec without throwing', () => {
    expect(messages({ kind: 'Cluster', apiVersion: 'v1', spec: 'x' })).toEqual([
      'kind: "Cluster": must be SveltosCluster',
      'apiVersion: "v1": must be lib.projectsveltos.io/v1beta1',
      'spec: "x": must be an object',
    ]);
    expect(messages(null)).toEqual([': null: must be an object']);
  });

  it('warns that push-mode fields are ignored in pull mode', () => {
    const obj = aSveltosCluster('c1', { spec: { pullMode: true, kubeconfigName: 'x' } });
    expect(validateSveltosClusterCreate(obj).warnings).toEqual([
      "spec.kubeconfigName: ignored in pull mode (the cluster's agent connects to the management cluster)",
    ]);
  });
});

describe('validateSveltosClusterUpdate', () => {
  it('refuses switching spec.pullMode either way', () => {
    const push = aSveltosCluster('c1');
    const pull = aSveltosCluster('c1', { spec: { pullMode: true } });
    expect(formatProblems(validateSveltosClusterUpdate(push, pull))).toEqual([
      'spec.pullMode: true: field is immutable: a cluster cannot switch between push and pull mode; deregister and register it again',
    ]);
    expect(formatProblems(validateSveltosClusterUpdate(pull, push))[0]).toContain(
      'spec.pullMode: false: field is immutable',
    );
  });

  it('treats an absent pullMode as false', () => {
    const explicit = aSveltosCluster('c1', { spec: { pullMode: false } });
    expect(validateSveltosClusterUpdate(aSveltosCluster('c1'), explicit).fieldErrors).toEqual([]);
  });

  it('lets an object being deleted through', () => {
    const pull = aSveltosCluster('c1', { spec: { pullMode: true } });
    pull.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(validateSveltosClusterUpdate(aSveltosCluster('c1'), pull).fieldErrors).toEqual([]);
  });
});

describe('validateSveltosClusterDelete', () => {
  it('always allows', () => {
    expect(validateSveltosClusterDelete(aSveltosCluster('c1'))).toEqual({
      warnings: [],
      fieldErrors: [],
    });
  });
});
