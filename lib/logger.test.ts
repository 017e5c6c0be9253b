import { describe, expect, it } from 'vitest';
import { createLogger, parseLogLevel } from './logger.js';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes one JSON line per event with child fields', () => {
    const { lines, logger } = capture();
    logger.child({ cluster: 'rke2/cluster01' }).info('Applied ConfigMap', { name: 'x' });
    expect(lines).toEqual([
      {
        time: '2026-01-01T00:00:00.000Z',
        level: 'info',
        msg: 'Applied ConfigMap',
        cluster: 'rke2/cluster01',
        name: 'x',
      },
    ]);
  });

  it('drops events below the level', () => {
    const { lines, logger } = capture('warn');
    logger.info('hidden');
    logger.error('shown', { err: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'shown', err: { message: 'boom' } });
  });

  it('never prints values of secret-looking keys', () => {
    const { lines, logger } = capture();
    logger.info('Registered cluster', {
      token: 'abc',
      kubeconfig: 'apiVersion: v1',
      bearerToken: 'x',
    });
    expect(JSON.stringify(lines)).not.toMatch(/abc|apiVersion: v1/);
    expect(lines[0]).toMatchObject({ token: '[redacted]', kubeconfig: '[redacted]' });
  });

  it('parses levels and names the accepted ones on error', () => {
    expect(parseLogLevel('debug')).toBe('debug');
    expect(() => parseLogLevel('loud')).toThrow('use one of debug, info, warn, error');
  });
});
