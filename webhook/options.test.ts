import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inClusterKubeconfig } from './kube-credentials.js';
import { DEFAULT_CERT_DIR, resolveOptions } from './options.js';

describe('resolveOptions', () => {
  it('uses defaults suited to a Deployment', () => {
    expect(resolveOptions([], {})).toEqual({
      port: 9443,
      host: '0.0.0.0',
      certDir: DEFAULT_CERT_DIR,
      logLevel: 'info',
      kubeconfig: undefined,
      serviceName: 'sveltos-webhook',
      serviceNamespace: 'projectsveltos',
      extraHosts: [],
    });
  });

  it('prefers flags over environment variables', () => {
    const env = {
      SVELTOS_WEBHOOK_PORT: '8443',
      SVELTOS_WEBHOOK_LOG_LEVEL: 'debug',
      SVELTOS_WEBHOOK_EXTRA_HOSTS: '127.0.0.1, localhost',
    };
    const options = resolveOptions(['--port', '0', '--cert-dir=/certs', '--kubeconfig', '/k'], env);
    expect(options).toMatchObject({
      port: 0,
      certDir: '/certs',
      logLevel: 'debug',
      kubeconfig: '/k',
      extraHosts: ['127.0.0.1', 'localhost'],
    });
  });

  it.each([
    [['--port', 'x'], 'Invalid value "x" for --port: use a port number 0-65535'],
    [['--port', '70000'], 'Invalid value "70000" for --port'],
    [
      ['--log-level', 'loud'],
      'Invalid value "loud" for --log-level: use debug, info, warn or error',
    ],
    [['--bogus', '1'], 'Unknown flag "--bogus": see --help'],
    [['positional'], 'Unknown argument "positional": see --help'],
    [['--cert-dir'], 'Flag --cert-dir needs a value'],
  ])('refuses %j naming the flag', (argv, message) => {
    expect(() => resolveOptions(argv, {})).toThrow(message);
  });
});

describe('inClusterKubeconfig', () => {
  it('builds a token kubeconfig from the ServiceAccount files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    try {
      writeFileSync(join(dir, 'token'), 'tok\n');
      writeFileSync(join(dir, 'ca.crt'), 'PEM');
      const loaded = inClusterKubeconfig(
        { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '6443' },
        dir,
      );
      expect(loaded?.server).toBe('https://10.0.0.1:6443');
      expect(loaded?.caData).toBe(Buffer.from('PEM').toString('base64'));
      expect(inClusterKubeconfig({}, dir)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
