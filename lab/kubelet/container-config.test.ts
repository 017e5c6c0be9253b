import { describe, expect, it } from 'vitest';
import { expandVars, podField } from './container-config.js';

describe('expandVars', () => {
  it.each([
    ['--name=$(NAME)', '--name=agent'],
    ['$(MISSING) stays', '$(MISSING) stays'],
    ['$$(NAME) is escaped', '$(NAME) is escaped'],
    ['plain', 'plain'],
  ])('expands %s', (input, output) => {
    expect(expandVars(input, { NAME: 'agent' })).toBe(output);
  });
});

describe('podField', () => {
  const pod = {
    metadata: {
      name: 'p',
      namespace: 'ns',
      uid: 'u',
      labels: { app: 'a' },
      annotations: { note: 'n' },
    },
    spec: { serviceAccountName: 'sa' },
  };
  it.each([
    ['metadata.name', 'p'],
    ['metadata.namespace', 'ns'],
    ['metadata.uid', 'u'],
    ["metadata.labels['app']", 'a'],
    ["metadata.annotations['note']", 'n'],
    ['spec.serviceAccountName', 'sa'],
    ['status.podIP', '127.0.0.1'],
    ['spec.unknown', ''],
  ])('resolves %s', (path, value) => {
    expect(podField(pod, path)).toBe(value);
  });
});
