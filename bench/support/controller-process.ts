// Runs `sveltos-controller` as its own process for the benchmarks, so its memory is measured
// honestly: the bundled binary (bin/sveltos-controller → dist/, needs `npm run build`) or, with
// `source: true`, controller/main.ts through tsx. Finds the /metrics URL in its "Started
// controller" log line, samples RSS and CPU from /proc (current and peak, VmHWM), reads the
// Prometheus samples, and stops it with SIGTERM (its graceful shutdown removes its helm temp dir).
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { projectPath } from '../../lib/project-paths.js';

export interface ControllerProcessOptions {
  /** Flags after the binary, e.g. `['--kubeconfig', path]`. */
  args: string[];
  /** Run controller/main.ts with tsx instead of the bundle in dist/. */
  source?: boolean;
  /** Environment of the process (default: PATH only). */
  env?: Record<string, string>;
  /** How long to wait for the "Started controller" line (default 60 s). */
  startTimeoutMs?: number;
}

export interface ControllerProcess {
  pid: number;
  metricsUrl: string;
  /** Current and peak resident set size in bytes (from /proc/PID/status). */
  memory(): { rss: number; peak: number };
  /** CPU seconds used by the process itself and by its reaped children (helm). */
  cpu(): { own: number; children: number };
  /** Every `sveltos_controller_*` sample of /metrics, by `name{labels}`. */
  metrics(): Promise<Map<string, number>>;
  /** Log lines at warn or error level seen so far (last 50). */
  problems(): string[];
  stop(): Promise<void>;
}

type Child = ChildProcessByStdio<null, null, Readable>;

function command(opts: ControllerProcessOptions): string[] {
  if (opts.source) return ['--import', 'tsx', projectPath('controller', 'main.ts'), ...opts.args];
  if (!existsSync(projectPath('dist', 'sveltos-controller.mjs'))) {
    throw new Error('dist/sveltos-controller.mjs is missing: run "npm run build" first');
  }
  return [projectPath('bin', 'sveltos-controller'), ...opts.args];
}

function readStatus(pid: number): { rss: number; peak: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string): number =>
    Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

// Fields 14–17 of /proc/PID/stat: utime, stime, cutime, cstime in clock ticks (USER_HZ = 100).
function readCpu(pid: number): { own: number; children: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const at = (n: number): number => fields[n - 3] ?? 0;
  return { own: (at(14) + at(15)) / 100, children: (at(16) + at(17)) / 100 };
}

/** Waits for the line naming the metrics URL; rejects when the process exits first. */
function awaitMetricsUrl(child: Child, timeoutMs: number, problems: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error(`sveltos-controller did not start in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`sveltos-controller exited ${String(code)}: ${problems.join('\n')}`));
    };
    child.once('exit', onExit);
    child.stderr.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (/"level":"(warn|error)"/.test(line)) problems.push(line.slice(0, 400));
        if (problems.length > 50) problems.shift();
        const url = /"msg":"Started controller".*"metrics":"(http:\/\/[^"]+)"/.exec(line)?.[1];
        if (!url) continue;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(url);
      }
    });
  });
}

/** Every sample of /metrics by `name{labels}` (labels as printed). */
async function scrape(metricsUrl: string): Promise<Map<string, number>> {
  const res = await fetch(`${metricsUrl}/metrics`);
  const text = await res.text();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^(sveltos_controller_[a-z_]+(?:\{[^}]*\})?) (\S+)$/gm)) {
    out.set(m[1] ?? '', Number(m[2]));
  }
  return out;
}

/**
 * Sums samples of metric `name` by the value of label `by` (e.g. reconcile_total by controller);
 * `where` keeps only samples whose labels contain it.
 */
export function sumBy(
  samples: Map<string, number>,
  name: string,
  opts: { by: string; where?: string },
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of samples) {
    if (!key.startsWith(`${name}{`) || (opts.where && !key.includes(opts.where))) continue;
    const label = new RegExp(`${opts.by}="([^"]+)"`).exec(key)?.[1] ?? '?';
    out[label] = (out[label] ?? 0) + value;
  }
  return out;
}

/** Starts the controller and resolves once it serves /metrics. */
export async function startControllerProcess(
  opts: ControllerProcessOptions,
): Promise<ControllerProcess> {
  const child: Child = spawn(process.execPath, command(opts), {
    cwd: projectPath(),
    env: opts.env ?? { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const problems: string[] = [];
  let metricsUrl: string;
  try {
    metricsUrl = await awaitMetricsUrl(child, opts.startTimeoutMs ?? 60_000, problems);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const pid = child.pid ?? 0;
  let last = { rss: 0, peak: 0 };
  let lastCpu = { own: 0, children: 0 };
  return {
    pid,
    metricsUrl,
    memory: () => {
      if (child.exitCode === null) last = readStatus(pid);
      return last;
    },
    cpu: () => {
      if (child.exitCode === null) lastCpu = readCpu(pid);
      return lastCpu;
    },
    metrics: () => scrape(metricsUrl),
    problems: () => [...problems],
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
