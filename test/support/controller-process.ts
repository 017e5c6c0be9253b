// Runs `sveltos-controller` as a real process (controller/main.ts under tsx, in its own process
// group) against a ControllerTestEnv, so a test can kill it with SIGKILL the way a node failure
// kills a Pod: the controller and every helm it started die at once, mid-work.
import { spawn } from 'node:child_process';
import { projectPath } from '../../lib/project-paths.js';
import type { ControllerTestEnv } from './controller-env.js';

export interface ControllerProcess {
  /** Kills the whole process group with SIGKILL and waits for the controller to exit. */
  kill(): Promise<void>;
  /** stderr so far (JSON log lines). */
  logs(): string;
}

/** Starts the controller process with test flags plus `extra` (e.g. mirrors, workers). */
export function startControllerProcess(env: ControllerTestEnv, extra: string[]): ControllerProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      projectPath('controller', 'main.ts'),
      '--kubeconfig',
      env.mgmtKubeconfig,
      '--leader-elect=false',
      '--health-interval',
      '1s',
      '--metrics-bind-address',
      '127.0.0.1:0',
      '--health-probe-bind-address',
      '127.0.0.1:0',
      '--log-level',
      'info',
      ...extra,
    ],
    {
      cwd: projectPath(),
      env: { PATH: process.env.PATH ?? '', HOME: env.lab.dir },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      running = false;
      resolve();
    }),
  );
  return {
    kill: async () => {
      if (running && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
    logs: () => stderr,
  };
}
