// What every command handler receives instead of touching globals: the environment and home
// folder (for kubeconfig lookup), verbosity, the requested output format, and the three sinks —
// requested output to stdout, progress and warnings to stderr. Built once per run in main.ts.
import { homedir } from 'node:os';
import type { OutputFormat } from './output.js';

/** Per-run dependencies of a command. */
export interface CommandContext {
  /** Environment variables (KUBECONFIG), passed in, never read at import time. */
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** `-v` count; 0 is quiet. */
  verbose: number;
  /** `-o` value, when the user asked for one. */
  output?: OutputFormat | undefined;
  /** Writes requested output (stdout). */
  print: (text: string) => void;
  /** Writes a progress line (stderr), e.g. `namespace/rke2 created`. */
  progress: (line: string) => void;
  /** Writes `warning: <line>` (stderr). */
  warn: (line: string) => void;
  /** Writes a debug line (stderr) when `-v` is given. */
  debug: (line: string) => void;
}

/** Global flags every command accepts. */
export interface GlobalFlags {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  v?: number | undefined;
  output?: OutputFormat | undefined;
}

/** Builds the context of one run from the process's environment and streams. */
export function processContext(flags: GlobalFlags): CommandContext {
  const verbose = flags.v ?? 0;
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  return {
    env: process.env,
    homeDir: process.env['HOME'] || homedir(),
    verbose,
    output: flags.output,
    print: (text) => void process.stdout.write(text),
    progress: err,
    warn: (line) => err(`warning: ${line}`),
    debug: (line) => {
      if (verbose > 0) err(`debug: ${line}`);
    },
  };
}
