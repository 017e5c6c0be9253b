// `sveltos-lab demo [--keep] [--dir DIR]`: starts the lab (management cluster mgmt, cluster01
// and cluster02), then replays the seed blog post with real kubectl, helm and `kubectl sveltos`,
// checking every expected state. Exits non-zero naming the first step that did not hold.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../lib/project-paths.js';
import type { LabEnvironment } from '../up.js';
import { DemoShell, type CommandResult } from './demo-shell.js';
import { seedSteps, type Component, type DemoStep } from './seed-steps.js';

export interface DemoOptions {
  keep: boolean;
  dir?: string;
}

/** Parses the demo's flags; throws on anything it does not know. */
export function parseDemoArgs(argv: string[]): DemoOptions {
  const options: DemoOptions = { keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--keep') options.keep = true;
    else if (arg === '--dir') options.dir = argv[++i];
    else if (arg?.startsWith('--dir=')) options.dir = arg.slice('--dir='.length);
    else
      throw new Error(`unknown flag "${arg ?? ''}" (usage: sveltos-lab demo [--keep] [--dir DIR])`);
  }
  return options;
}

/**
 * The components the lab runs: the webhook and the controller as processes (started above), the
 * agent when its binary answers `--help` (the kubelet starts it). Every step needs only these,
 * so a step is skipped only in a build that lacks one, and the summary says so.
 */
async function builtComponents(shell: DemoShell, lab: LabEnvironment): Promise<Set<Component>> {
  const built = new Set<Component>(['webhook']);
  if (lab.controller) built.add('controller');
  const agent = await shell.run(`node ${projectPath('bin', 'sveltos-agent')} --help`);
  if (agent.code === 0) built.add('agent');
  return built;
}

async function runStep(
  shell: DemoShell,
  step: DemoStep,
  interrupted: AbortSignal,
): Promise<string | undefined> {
  const deadline = Date.now() + (step.waitMs ?? 0);
  let result: CommandResult;
  let problem: string | undefined;
  for (;;) {
    result = await shell.run(step.command);
    problem = step.expect?.(result);
    if (problem === undefined || Date.now() >= deadline || interrupted.aborted) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  shell.echo(step.command, result);
  return problem;
}

/** Runs the seed scenario; resolves to the process exit code. */
export async function runDemo(argv: string[]): Promise<number> {
  const started = Date.now();
  const options = parseDemoArgs(argv);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sveltos-demo-'));
  const interruption = watchSignals();
  try {
    return await runWithLab({ options, dir, started, interrupted: interruption.signal });
  } finally {
    interruption.dispose();
  }
}

interface DemoRun {
  options: DemoOptions;
  dir: string;
  started: number;
  interrupted: AbortSignal;
}

async function runWithLab(run: DemoRun): Promise<number> {
  const { options, dir, started, interrupted } = run;
  process.stdout.write(
    'Starting the lab: management cluster mgmt, cluster01 (RKE2, pull), cluster02 (AKS, push), sveltos-webhook, sveltos-controller…\n',
  );
  let lab: LabEnvironment;
  try {
    lab = await startDemoLab(dir);
  } catch (err) {
    process.stderr.write(`\ndemo failed: the lab did not start: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    for (const file of ['deploy-kyverno.yaml', 'tetragon-rke2-deploy.yaml']) {
      copyFileSync(projectPath('test', 'fixtures', 'seed', file), join(dir, file));
    }
    const shell = new DemoShell({ dir, defaultKubeconfig: join(dir, 'mgmt.kubeconfig') });
    const code = await replay({ shell, lab, started, interrupted });
    if (options.keep && !interrupted.aborted) {
      printKeepInstructions(dir);
      await untilAborted(interrupted);
    }
    return code;
  } finally {
    await lab.stop();
  }
}

async function startDemoLab(dir: string): Promise<LabEnvironment> {
  const { startLabEnvironment } = await import('../up.js');
  return startLabEnvironment({
    dir,
    clusters: [
      { name: 'cluster01', version: 'v1.32.5' },
      { name: 'cluster02', version: 'v1.32.5' },
    ],
    mgmtVersion: 'v1.31.6+k3s1',
    webhook: true,
    controller: true,
  });
}

/**
 * Aborted on SIGINT/SIGTERM, so Ctrl-C at any point still stops the lab and every process it
 * started (webhook, controller, agents) instead of leaving them behind.
 */
function watchSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
}

async function replay(run: {
  shell: DemoShell;
  lab: LabEnvironment;
  started: number;
  interrupted: AbortSignal;
}): Promise<number> {
  const { shell, lab, started, interrupted } = run;
  const built = await builtComponents(shell, lab);
  shell.say(`Lab ready in ${lab.dir} after ${seconds(started)}`);
  let skipped = 0;
  for (const [index, step] of seedSteps.entries()) {
    if (interrupted.aborted) return stoppedAt(index);
    const missing = (step.needs ?? []).filter((c) => !built.has(c));
    shell.say(`\n# ${index + 1}. ${step.title}`);
    if (missing.length > 0) {
      skipped++;
      shell.say(
        `[not built yet: ${missing.map((c) => `sveltos-${c}`).join(', ')}] $ ${step.command}`,
      );
      continue;
    }
    const problem = await runStep(shell, step, interrupted);
    if (interrupted.aborted) return stoppedAt(index);
    if (problem !== undefined) {
      process.stderr.write(
        `\ndemo failed at step ${index + 1} (${step.title}): ${problem}\n` +
          `Logs: ${join(lab.dir, 'controller.log')}, ${join(lab.dir, 'logs')}/\n`,
      );
      return 1;
    }
  }
  const notBuilt = skipped ? `, ${skipped} need components not built yet` : '';
  shell.say(
    `\nDemo finished in ${seconds(started)}: ${seedSteps.length - skipped} steps ran and held${notBuilt}.`,
  );
  return 0;
}

/** Exit code 130, as a shell reports an interrupted command. */
function stoppedAt(index: number): number {
  process.stderr.write(`\ndemo interrupted at step ${index + 1}: stopping the lab\n`);
  return 130;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function printKeepInstructions(dir: string): void {
  process.stdout.write(
    `\nThe lab keeps running (stop it with Ctrl-C). Point kubectl at a cluster with:\n` +
      `  export KUBECONFIG=${join(dir, 'mgmt.kubeconfig')}       # management cluster\n` +
      `  kubectl --kubeconfig=${join(dir, 'cluster01.kubeconfig')} get all -A\n` +
      `  kubectl --kubeconfig=${join(dir, 'cluster02.kubeconfig')} get all -A\n` +
      `  helm --kubeconfig=${join(dir, 'cluster02.kubeconfig')} list -A\n` +
      `  kubectl sveltos bundles -A                 # with KUBECONFIG set as above\n` +
      `sveltos-controller's log: ${join(dir, 'controller.log')}\n`,
  );
}
