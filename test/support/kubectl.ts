// Runs the real kubectl and helm binaries against lab clusters, each with its own cache and
// config directories next to the kubeconfig (kubectl's dispatcher caches /version per URL and
// discovery for 10 minutes, so a shared cache would leak between servers). Also `waitFor`.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveHelmBinary } from '../../lib/helm-binary.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface RunOptions {
  /** Path of the kubeconfig file; its directory also holds the per-kubeconfig caches. */
  kubeconfig: string;
  stdin?: string;
  env?: Record<string, string>;
  cwd?: string;
  /** Kill the process after this long (default 60 s). */
  timeoutMs?: number;
}

export const KUBECTL_BINARY = '/usr/bin/kubectl';

function toolHome(kubeconfig: string): string {
  const base = join(dirname(kubeconfig), `.${kubeconfig.split('/').pop() ?? 'kubeconfig'}.home`);
  mkdirSync(base, { recursive: true });
  return base;
}

function run(
  binary: string,
  args: string[],
  opts: RunOptions,
  env: Record<string, string>,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: opts.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** Runs `/usr/bin/kubectl ARGS` with KUBECONFIG, HOME and KUBECACHEDIR private to the kubeconfig. */
export function kubectl(args: string[], opts: RunOptions): Promise<RunResult> {
  const home = toolHome(opts.kubeconfig);
  return run(KUBECTL_BINARY, args, opts, {
    KUBECONFIG: opts.kubeconfig,
    HOME: home,
    KUBECACHEDIR: join(home, 'kube-cache'),
  });
}

/** A long-running kubectl (e.g. `get -w`): output so far, and `stop()` to end it. */
export interface KubectlStream {
  output(): string;
  stop(): Promise<RunResult>;
}

/** Starts kubectl without waiting for it to exit (for `get -w` and similar). */
export function kubectlStream(args: string[], opts: RunOptions): KubectlStream {
  const home = toolHome(opts.kubeconfig);
  const child = spawn(KUBECTL_BINARY, args, {
    cwd: opts.cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      KUBECONFIG: opts.kubeconfig,
      HOME: home,
      KUBECACHEDIR: join(home, 'kube-cache'),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<RunResult>((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ stdout, stderr, code: code ?? (signal ? 128 : 1) }),
    ),
  );
  return {
    output: () => stdout,
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs helm with KUBECONFIG and HELM_{CACHE,CONFIG,DATA}_HOME private to the kubeconfig. */
export function helm(args: string[], opts: RunOptions): Promise<RunResult> {
  const home = toolHome(opts.kubeconfig);
  return run(resolveHelmBinary(), args, opts, {
    KUBECONFIG: opts.kubeconfig,
    HOME: home,
    HELM_CACHE_HOME: join(home, 'helm-cache'),
    HELM_CONFIG_HOME: join(home, 'helm-config'),
    HELM_DATA_HOME: join(home, 'helm-data'),
  });
}

/**
 * Polls `fn` until it returns a value other than undefined/false (returned), or throws after
 * `timeoutMs` with the last error or value in the message. No fixed sleeps in tests: use this.
 */
export async function waitFor<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`Timed out waiting for ${opts.what ?? 'condition'}: ${detail}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}
