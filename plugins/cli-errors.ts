// How the plugin fails, kubectl-style: `error: <message>` on stderr, exit 2 for usage errors
// (bad or missing flags) and 1 for everything else, a stack trace only with `-v`. Pure
// formatting; main.ts owns the process exit code. Tests in cli-errors.test.ts.

/** Exit codes, as kubectl uses them. */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong (a flag is missing, unknown or inconsistent): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly exitCode = EXIT_USAGE;
  /** The command path whose `--help` explains the usage, e.g. `register cluster`. */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** A failure the plugin recognised and explained; `reason` is stable for tests. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode = EXIT_FAILURE;
  constructor(
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The exit code for an error thrown by a command. */
export function exitCodeFor(err: unknown): number {
  return err instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

function causeChain(err: unknown): string[] {
  const lines: string[] = [];
  let current = err instanceof Error ? err.cause : undefined;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(
      `caused by: ${current instanceof Error ? (current.stack ?? current.message) : JSON.stringify(current)}`,
    );
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines;
}

/**
 * The text printed on stderr for a failed command: `error: …`, a `--help` hint for usage
 * errors, and with `verbose` the stack and its causes.
 */
export function formatError(
  err: unknown,
  verbose: boolean,
  scriptName = 'kubectl sveltos',
): string {
  const lines = [`error: ${messageOf(err)}`];
  if (err instanceof UsageError) {
    const command = err.command ? ` ${err.command}` : '';
    lines.push(`See '${scriptName}${command} --help' for usage.`);
  }
  if (verbose && err instanceof Error && err.stack) lines.push(err.stack, ...causeChain(err));
  return `${lines.join('\n')}\n`;
}

const COMMAND_WORDS = new Set([
  'register',
  'deregister',
  'generate',
  'version',
  'validate',
  'cluster',
  'kubeconfig',
  'bundles',
  'show',
]);

/** Known leading words of the command line (`register cluster`), for the `--help` hint. */
export function commandPath(args: readonly string[]): string {
  const words: string[] = [];
  for (const arg of args) {
    if (!COMMAND_WORDS.has(arg) || words.length === 2) break;
    words.push(arg);
  }
  return words.join(' ');
}

/** Turns yargs' validation messages into one-line, kubectl-like ones naming the flag. */
export function rewriteYargsMessage(msg: string, args: readonly string[]): string {
  if (msg.startsWith('Did you mean')) {
    const known = commandPath(args).split(' ').filter(Boolean).length;
    const unknown = args.filter((a) => !a.startsWith('-'))[known] ?? '';
    return `Unknown command "${unknown}". ${msg}`;
  }
  const unknownArg = /^Unknown arguments?: (.+)$/.exec(msg);
  if (unknownArg) return unknownArguments(unknownArg[1] ?? '', args);
  const choice = /Argument: (\S+), Given: ("[^"]*"), Choices: (.+)$/s.exec(msg);
  if (choice)
    return `Invalid value ${choice[2]} for flag --${choice[1]}: choose one of ${choice[3]}`;
  return msg.replace(/\s*\n\s*/g, ' ');
}

function unknownArguments(list: string, args: readonly string[]): string {
  const names = list.split(', ');
  const flags = names.map((n) => (args.some((a) => a.split('=')[0] === `--${n}`) ? `--${n}` : n));
  const allFlags = flags.every((f) => f.startsWith('--'));
  const noun = allFlags ? 'flag' : 'argument';
  return `Unknown ${noun}${flags.length > 1 ? 's' : ''}: ${flags.join(', ')}`;
}
