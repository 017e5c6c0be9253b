import { describe, expect, it } from 'vitest';
import { pullAgentArgs } from '../api/naming.js';
import { OptionsError, parseDuration, parseFlags, resolveOptions } from './options.js';

describe('agent options', () => {
  it('accepts the args register prints and ignores unknown Sveltos flags', () => {
    const argv = [
      ...pullAgentArgs('rke2', 'cluster01'),
      '--v=5',
      '--metrics-bind-address',
      ':8443',
      '--health-probe-bind-address=:8081',
    ];
    const o = resolveOptions(argv, { SVELTOS_LAB_PORT_8081: '40001' });
    expect(o).toMatchObject({
      clusterNamespace: 'rke2',
      clusterName: 'cluster01',
      clusterType: 'sveltos',
      secretWithKubeconfig: 'cluster01-sveltos-kubeconfig',
      secretNamespace: 'projectsveltos',
      heartbeatIntervalMs: 5000,
      probePort: 40001,
    });
  });

  it('uses PORT when no probe address is given, the bare port otherwise', () => {
    const base = pullAgentArgs('a', 'b');
    expect(resolveOptions(base, { PORT: '41000' }).probePort).toBe(41000);
    expect(resolveOptions(base, {}).probePort).toBeUndefined();
    expect(resolveOptions([...base, '--health-probe-bind-address=:8081'], {}).probePort).toBe(8081);
    expect(resolveOptions([...base, '--health-probe-bind-address=0'], {}).probePort).toBe(
      undefined,
    );
  });

  it('parses durations and rejects bad ones', () => {
    expect(parseDuration('5s')).toBe(5000);
    expect(parseDuration('1m')).toBe(60000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2')).toBe(2000);
    expect(() => parseDuration('soon')).toThrow(OptionsError);
  });

  it('names a missing required flag', () => {
    expect(() => resolveOptions(['--cluster-name=x'], {})).toThrow(
      'Flag --cluster-namespace is required',
    );
  });

  it('splits flags with and without values', () => {
    const f = parseFlags(['--a=1', '--b', '2', '--c', '-d']);
    expect([...f]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', true],
      ['d', true],
    ]);
  });
});
