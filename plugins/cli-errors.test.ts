import { describe, expect, it } from 'vitest';
import {
  CliError,
  UsageError,
  commandPath,
  exitCodeFor,
  formatError,
  rewriteYargsMessage,
} from './cli-errors.js';

describe('formatError', () => {
  it('prints error: and a --help hint for usage errors, exit 2', () => {
    const err = new UsageError('Missing required flag --cluster', 'register cluster');
    expect(formatError(err, false)).toBe(
      "error: Missing required flag --cluster\nSee 'kubectl sveltos register cluster --help' for usage.\n",
    );
    expect(exitCodeFor(err)).toBe(2);
  });

  it('prints only the message for failures, exit 1, and no stack without -v', () => {
    const err = new CliError('NotFound', 'SveltosCluster "c" not found');
    expect(formatError(err, false)).toBe('error: SveltosCluster "c" not found\n');
    expect(exitCodeFor(err)).toBe(1);
    expect(exitCodeFor(new Error('x'))).toBe(1);
  });

  it('adds the stack and its causes with -v', () => {
    const err = new CliError('X', 'outer', { cause: new Error('inner') });
    const text = formatError(err, true);
    expect(text).toMatch(/^error: outer\nCliError: outer\n\s+at /);
    expect(text).toContain('caused by: Error: inner');
  });
});

describe('rewriteYargsMessage', () => {
  it('names an unknown command and keeps the suggestion', () => {
    expect(rewriteYargsMessage('Did you mean register?', ['registr'])).toBe(
      'Unknown command "registr". Did you mean register?',
    );
    expect(rewriteYargsMessage('Did you mean cluster?', ['register', 'clust'])).toBe(
      'Unknown command "clust". Did you mean cluster?',
    );
  });

  it('calls unknown options flags', () => {
    expect(rewriteYargsMessage('Unknown argument: bogus', ['version', '--bogus=1'])).toBe(
      'Unknown flag: --bogus',
    );
    expect(rewriteYargsMessage('Unknown arguments: e, f', ['version', 'e', 'f'])).toBe(
      'Unknown arguments: e, f',
    );
  });

  it('puts invalid choices on one line naming the flag', () => {
    expect(
      rewriteYargsMessage(
        'Invalid values:\n  Argument: output, Given: "xml", Choices: "yaml", "json"',
        [],
      ),
    ).toBe('Invalid value "xml" for flag --output: choose one of "yaml", "json"');
  });
});

describe('commandPath', () => {
  it('keeps the known leading command words', () => {
    expect(commandPath(['register', 'cluster', '--namespace=x'])).toBe('register cluster');
    expect(commandPath(['registr', 'cluster'])).toBe('');
  });
});
