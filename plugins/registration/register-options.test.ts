import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors.js';
import { validateIdentity, validateRegisterFlags } from './register-options.js';

const IMAGE = 'ghcr.io/sveltos-ts/sveltos-agent:v0.1.0';
const base = { namespace: 'rke2', cluster: 'cluster01' };

function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('validateRegisterFlags', () => {
  it('reads the seed pull-mode command', () => {
    expect(validateRegisterFlags({ ...base, pullmode: true, labels: 'env=test' }, IMAGE)).toEqual({
      id: { namespace: 'rke2', name: 'cluster01' },
      labels: { env: 'test' },
      mode: { kind: 'pull', managementUrl: undefined, agentImage: IMAGE },
      management: { kubeconfig: undefined, context: undefined },
    });
  });

  it('reads push mode with the managed kubeconfig and the management overrides', () => {
    const req = validateRegisterFlags(
      { ...base, kubeconfig: 'aks.kubeconfig', managementKubeconfig: 'mgmt.yaml', context: 'm' },
      IMAGE,
    );
    expect(req.mode).toEqual({ kind: 'push-file', kubeconfigFile: 'aks.kubeconfig' });
    expect(req.management).toEqual({ kubeconfig: 'mgmt.yaml', context: 'm' });
  });

  it('reads push mode from a fleet cluster context', () => {
    expect(validateRegisterFlags({ ...base, fleetClusterContext: 'kind-dev' }, IMAGE).mode).toEqual(
      {
        kind: 'push-context',
        context: 'kind-dev',
      },
    );
  });

  it('keeps --management-url and --agent-image in pull mode, trimming a trailing slash', () => {
    const req = validateRegisterFlags(
      {
        ...base,
        pullmode: true,
        managementUrl: 'https://mgmt.example:6443/',
        agentImage: 'my/agent:1',
      },
      IMAGE,
    );
    expect(req.mode).toEqual({
      kind: 'pull',
      managementUrl: 'https://mgmt.example:6443',
      agentImage: 'my/agent:1',
    });
  });

  it.each([
    [{ cluster: 'c' }, 'Missing required flag --namespace'],
    [{ namespace: 'n' }, 'Missing required flag --cluster'],
    [
      { ...base },
      'One of --kubeconfig, --fleet-cluster-context (push mode) or --pullmode is required',
    ],
    [
      { ...base, pullmode: true, kubeconfig: 'k' },
      'Flags --kubeconfig and --pullmode cannot be used together',
    ],
    [
      { ...base, kubeconfig: 'k', managementUrl: 'https://x' },
      'Flag --management-url requires --pullmode',
    ],
    [{ ...base, kubeconfig: 'k', agentImage: 'x' }, 'Flag --agent-image requires --pullmode'],
    [
      { ...base, pullmode: true, managementUrl: 'mgmt:6443' },
      'Invalid --management-url "mgmt:6443"',
    ],
    [
      { ...base, namespace: 'RKE2', pullmode: true },
      'Invalid --namespace "RKE2": a lowercase RFC 1123 label',
    ],
    [{ ...base, cluster: 'c_1', pullmode: true }, 'Invalid --cluster "c_1"'],
    [
      { ...base, pullmode: true, labels: 'env' },
      'Invalid --labels: "env" is not of the form key=value',
    ],
  ])('refuses %j as a usage error', (flags, message) => {
    const err = usage(() => validateRegisterFlags(flags, IMAGE));
    expect(err.message).toContain(message);
    expect(err.exitCode).toBe(2);
    expect(err.command).toBe('register cluster');
  });
});

describe('validateIdentity', () => {
  it('names the command whose help explains the flags', () => {
    expect(usage(() => validateIdentity('n', undefined, 'deregister cluster')).command).toBe(
      'deregister cluster',
    );
  });
});
