// The life of a long-running binary's process (sveltos-agent, sveltos-webhook): run `main`, exit
// with its code, print a failure as `BINARY: message` (exit 2 for a usage error, 1 otherwise),
// and wait for SIGTERM/SIGINT to stop. Only process-level wiring; no logic of any component.

/** Resolves with the first SIGTERM or SIGINT received. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/** Runs `main(argv)` and sets the exit code; a thrown error is printed on one line. */
export function runMain(
  binary: string,
  main: (argv: string[]) => Promise<number>,
  isUsageError: (err: unknown) => boolean,
): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`${binary}: ${message}\n`);
      process.exitCode = isUsageError(err) ? 2 : 1;
    },
  );
}
