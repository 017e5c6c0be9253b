// Runs the real `bin/sveltos-agent` binary as a child process against an agent test world
// (KUBECONFIG = the managed cluster's admin kubeconfig, as the lab's process kubelet provides),
// collecting its JSON log lines; `kill(signal)` and `exited` let tests crash or stop it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { projectPath } from '../../lib/project-paths.js';
import { agentArgs } from './agent-world.js';
import type { AgentWorld } from './agent-world.js';

export interface AgentProcess {
  child: ChildProcess;
  /** Log lines so far (stderr, JSON lines). */
  logs(): string[];
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
}

/** Spawns bin/sveltos-agent for the world; throws when dist/ is not built. */
export function spawnAgent(world: AgentWorld, extraArgs: string[] = []): AgentProcess {
  if (!existsSync(projectPath('dist', 'sveltos-agent.mjs'))) {
    throw new Error('dist/sveltos-agent.mjs is missing: run "npm run build" before this test');
  }
  const child = spawn(
    process.execPath,
    [projectPath('bin', 'sveltos-agent'), ...agentArgs(world), ...extraArgs],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', KUBECONFIG: world.localKubeconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (text += c.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return { child, logs: () => text.split('\n').filter((l) => l !== ''), exited };
}
