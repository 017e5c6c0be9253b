import { describe, expect, it } from 'vitest';
import { applyWorkloadDefaults } from './workload-defaults.js';

describe('applyWorkloadDefaults', () => {
  it('defaults a Deployment and its pod template like kube-apiserver', () => {
    const dep = {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'a', image: 'nginx' },
              { name: 'b', image: 'nginx:1.27', ports: [{ containerPort: 80 }] },
            ],
          },
        },
      },
    };
    applyWorkloadDefaults('apps/deployments', dep);
    expect(dep.spec).toMatchObject({
      replicas: 1,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        spec: {
          restartPolicy: 'Always',
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    const [a, b] = dep.spec.template.spec.containers as Record<string, unknown>[];
    expect(a).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
    });
    expect(b).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    });
  });

  it('keeps what the object sets and leaves Recreate without rollingUpdate', () => {
    const dep = { spec: { replicas: 0, strategy: { type: 'Recreate' } } };
    applyWorkloadDefaults('apps/deployments', dep);
    expect(dep.spec.replicas).toBe(0);
    expect(dep.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('defaults DaemonSet and StatefulSet update strategies', () => {
    const ds = { spec: {} as Record<string, unknown> };
    applyWorkloadDefaults('apps/daemonsets', ds);
    expect(ds.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    const sts = { spec: {} as Record<string, unknown> };
    applyWorkloadDefaults('apps/statefulsets', sts);
    expect(sts.spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      podManagementPolicy: 'OrderedReady',
    });
  });

  it('gives Pods the default service account', () => {
    const pod = { spec: { containers: [] } as Record<string, unknown> };
    applyWorkloadDefaults('/pods', pod);
    expect(pod.spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default' });
  });
});
