import { describe, expect, it } from 'vitest';
import { changeFromFlags, endpointFromKubeconfig } from './fault-command.js';
import { NO_FAULTS, mergeFaultSettings } from './fault-settings.js';

describe('fault settings', () => {
  it('merges valid changes and names the field of an invalid one', () => {
    expect(mergeFaultSettings(NO_FAULTS, { errorRate: 0.1, outage: true })).toEqual({
      ...NO_FAULTS,
      errorRate: 0.1,
      outage: true,
    });
    expect(() => mergeFaultSettings(NO_FAULTS, { errorRate: 2 })).toThrow(
      'Fault setting "errorRate" must be a number between 0 and 1, got 2',
    );
    expect(() => mergeFaultSettings(NO_FAULTS, { latency: 1 })).toThrow(
      'Unknown fault setting "latency"',
    );
    expect(() => mergeFaultSettings(NO_FAULTS, [])).toThrow('Fault settings must be a JSON object');
  });
});

describe('fault command parsing', () => {
  it('turns flags into a settings change', () => {
    expect(changeFromFlags({ 'error-rate': '0.5', 'error-code': '429', outage: true })).toEqual({
      errorRate: 0.5,
      errorCode: 429,
      outage: true,
    });
    expect(changeFromFlags({ 'no-outage': true })).toEqual({ outage: false });
    expect(() => changeFromFlags({ 'latency-ms': 'soon' })).toThrow(
      'Flag --latency-ms needs a number, got "soon"',
    );
  });

  it('reads server, CA and token from the current context of a kubeconfig', () => {
    const kc = `
apiVersion: v1
kind: Config
current-context: b
contexts:
- {name: a, context: {cluster: ca, user: ua}}
- {name: b, context: {cluster: cb, user: ub}}
clusters:
- {name: ca, cluster: {server: 'https://x/clusters/a'}}
- {name: cb, cluster: {server: 'https://127.0.0.1:1/clusters/b', certificate-authority-data: ${Buffer.from('PEM').toString('base64')}}}
users:
- {name: ua, user: {token: ta}}
- {name: ub, user: {token: tb}}
`;
    const ep = endpointFromKubeconfig(kc);
    expect([ep.url.href, ep.ca, ep.token]).toEqual([
      'https://127.0.0.1:1/clusters/b/lab/faults',
      'PEM',
      'tb',
    ]);
    expect(() => endpointFromKubeconfig('kind: Config')).toThrow(
      'Kubeconfig has no server and bearer token in its current context',
    );
  });
});
