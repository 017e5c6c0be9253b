import { describe, expect, it } from 'vitest';
import { podPhase, podStatus, type ContainerStatusLike } from './pod-status.js';

const running = (name: string, ready: boolean): ContainerStatusLike => ({
  name,
  ready,
  restartCount: 0,
  state: { running: {} },
});
const waiting = (name: string, restartCount = 0): ContainerStatusLike => ({
  name,
  ready: false,
  restartCount,
  state: { waiting: {} },
});
const exited = (name: string, exitCode: number): ContainerStatusLike => ({
  name,
  ready: false,
  restartCount: 0,
  state: { terminated: { exitCode } },
});

describe('podPhase', () => {
  it.each([
    ['Pending before any container ran', [waiting('a')], 'Always', 'Pending'],
    ['Running while a container runs', [running('a', false)], 'Always', 'Running'],
    ['Running while a crashed container waits to restart', [waiting('a', 2)], 'Always', 'Running'],
    ['Succeeded when all exited 0 and nothing restarts', [exited('a', 0)], 'Never', 'Succeeded'],
    [
      'Failed when one exited non-zero and nothing restarts',
      [exited('a', 0), exited('b', 1)],
      'OnFailure',
      'Failed',
    ],
  ])('%s', (_name, containers, policy, phase) => {
    expect(podPhase(containers, policy)).toBe(phase);
  });
});

describe('podStatus', () => {
  const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a' }, { name: 'b' }] } };

  it('names the unready containers in the Ready and ContainersReady conditions', () => {
    const status = podStatus({
      pod,
      containers: [running('a', true), running('b', false)],
      startTime: 't0',
      now: 't1',
    });
    const ready = (status.conditions as { type: string; status: string; message?: string }[]).find(
      (c) => c.type === 'Ready',
    );
    expect(ready).toMatchObject({
      status: 'False',
      message: 'containers with unready status: [b]',
    });
    expect(status.podIP).toBe('127.0.0.1');
  });

  it('keeps the transition time of a condition whose status did not change', () => {
    const first = podStatus({
      pod,
      containers: [running('a', true), running('b', true)],
      startTime: 't0',
      now: 't1',
    });
    const second = podStatus({
      pod: { ...pod, status: first },
      containers: [running('a', true), running('b', true)],
      startTime: 't0',
      now: 't2',
    });
    expect(second).toEqual(first);
  });
});
