// Start-up cost of the kubectl plugin: wall time of `--help` run directly from the bundle, via
// the bin launcher, and through kubectl's plugin dispatch, beside a bare `node -e 0`. Prints
// medians (and min/max) of N runs; never asserts. Run: `npx tsx bench/cli-startup.ts [runs]`
// after `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');

interface Case {
  name: string;
  command: string;
  args: string[];
}

/** Wall-clock milliseconds of one run; throws if the command fails. */
function timeOnce(c: Case, env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const res = spawnSync(c.command, c.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 0) {
    throw new Error(
      `${c.name} exited ${String(res.status)}: ${res.stderr.toString().slice(0, 300)}`,
    );
  }
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs every case `runs` times (after one warm-up) and returns median/min/max per case. */
export function measureCliStartup(
  runs = 10,
): Array<{ name: string; median: number; min: number; max: number }> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'cli-bench-'));
  const env = {
    ...process.env,
    PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env['PATH'] ?? ''}`,
    KUBECACHEDIR: cacheDir,
    KUBECONFIG: join(cacheDir, 'none'),
  };
  const cases: Case[] = [
    { name: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
    {
      name: 'node dist/kubectl-sveltos.mjs --help',
      command: process.execPath,
      args: ['dist/kubectl-sveltos.mjs', '--help'],
    },
    {
      name: 'node bin/kubectl-sveltos --help',
      command: process.execPath,
      args: ['bin/kubectl-sveltos', '--help'],
    },
    { name: 'kubectl sveltos --help', command: 'kubectl', args: ['sveltos', '--help'] },
  ];
  try {
    return cases.map((c) => {
      timeOnce(c, env);
      const samples = Array.from({ length: runs }, () => timeOnce(c, env));
      return {
        name: c.name,
        median: median(samples),
        min: Math.min(...samples),
        max: Math.max(...samples),
      };
    });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function main(): void {
  if (!existsSync(join(root, 'dist', 'kubectl-sveltos.mjs'))) {
    process.stderr.write('bench/cli-startup: run "npm run build" first\n');
    process.exitCode = 1;
    return;
  }
  const runs = Number(process.argv[2] ?? 10);
  process.stdout.write(`kubectl-sveltos start-up, ${runs} runs each (wall time, ms)\n`);
  const results = measureCliStartup(runs);
  const base = results[0]?.median ?? 0;
  for (const r of results) {
    const extra = r === results[0] ? '' : `  (+${(r.median - base).toFixed(0)} over node -e 0)`;
    process.stdout.write(
      `  ${r.name.padEnd(38)} median ${r.median.toFixed(0).padStart(5)}  min ${r.min.toFixed(0).padStart(5)}  max ${r.max.toFixed(0).padStart(5)}${extra}\n`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
