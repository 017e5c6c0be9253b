import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors.js';
import { validateGenerateFlags } from './generate-kubeconfig.js';
import { formatVersion } from './version.js';

const defaults = { namespace: 'projectsveltos', serviceaccount: 'projectsveltos' };

describe('validateGenerateFlags', () => {
  it('defaults to a TokenRequest for projectsveltos/projectsveltos', () => {
    expect(validateGenerateFlags(defaults)).toEqual({
      namespace: 'projectsveltos',
      serviceAccount: 'projectsveltos',
      create: false,
      expirationSeconds: undefined,
    });
  });

  it('accepts --create for a long-lived token', () => {
    expect(validateGenerateFlags({ ...defaults, create: true }).create).toBe(true);
  });

  it.each([
    [{ ...defaults, namespace: 'Bad_NS' }, 'Invalid --namespace "Bad_NS"'],
    [{ ...defaults, serviceaccount: 'UPPER' }, 'Invalid --serviceaccount "UPPER"'],
    [
      { ...defaults, expirationSeconds: 60 },
      'Invalid --expiration-seconds "60": must be an integer of at least 600',
    ],
    [
      { ...defaults, expirationSeconds: 3600, create: true },
      'Flags --create and --expiration-seconds cannot be used together',
    ],
  ])('refuses %j as a usage error', (flags, message) => {
    expect(() => validateGenerateFlags(flags)).toThrow(UsageError);
    expect(() => validateGenerateFlags(flags)).toThrow(message);
  });
});

describe('formatVersion', () => {
  it('prints the server version only when known', () => {
    expect(formatVersion({ clientVersion: { gitVersion: 'v0.1.0' } })).toBe(
      'Client Version: v0.1.0\n',
    );
    expect(
      formatVersion({
        clientVersion: { gitVersion: 'v0.1.0' },
        serverVersion: { major: '1', minor: '32', gitVersion: 'v1.32.5' },
      }),
    ).toBe('Client Version: v0.1.0\nServer Version: v1.32.5\n');
  });
});
