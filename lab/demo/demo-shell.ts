// Runs the demo's commands the way a user types them: through bash, in the lab directory, with
// real kubectl, helm and `kubectl sveltos` on PATH, printing `$ command` and the real output.
// It owns process plumbing only; what each step expects lives in seed-steps.ts.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../../lib/project-paths.js';
import { resolveHelmBinary } from '../../lib/helm-binary.js';

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface DemoShellOptions {
  /** The lab directory: kubeconfigs live here and commands run here. */
  dir: string;
  /** Kubeconfig used when a command names none (the management cluster's). */
  defaultKubeconfig: string;
  write?: (text: string) => void;
}

/** A shell bound to one lab directory. */
export class DemoShell {
  private readonly env: NodeJS.ProcessEnv;
  private readonly write: (text: string) => void;

  constructor(private readonly options: DemoShellOptions) {
    this.write = options.write ?? ((t) => void process.stdout.write(t));
    const home = join(options.dir, '.home');
    const toolBin = join(options.dir, '.bin');
    mkdirSync(toolBin, { recursive: true });
    this.env = {
      PATH: [
        projectPath('node_modules', '.bin'),
        dirname(resolveHelmBinary()),
        process.env.PATH,
      ].join(':'),
      HOME: home,
      KUBECONFIG: options.defaultKubeconfig,
      KUBECACHEDIR: join(home, 'kube-cache'),
      HELM_CACHE_HOME: join(home, 'helm-cache'),
      HELM_CONFIG_HOME: join(home, 'helm-config'),
      HELM_DATA_HOME: join(home, 'helm-data'),
      LANG: 'C.UTF-8',
    };
  }

  /** Runs a command line without printing it. */
  run(commandLine: string, timeoutMs = 60_000): Promise<CommandResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', commandLine], { cwd: this.options.dir, env: this.env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code: code ?? 1 });
      });
    });
  }

  /** Prints `$ command` and then its output, as a terminal would show it. */
  echo(commandLine: string, result: CommandResult): void {
    this.write(`\n$ ${commandLine}\n${result.stdout}${result.stderr}`);
  }

  /** Prints a line of narration. */
  say(text: string): void {
    this.write(`${text}\n`);
  }
}
