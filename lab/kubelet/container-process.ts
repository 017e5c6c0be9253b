// One container of a pod as a local process: prepare (env, files), spawn with stdout/stderr
// appended to its log file, restart after exit with kubelet's exponential back-off
// (CrashLoopBackOff), probe readiness, and stop with SIGTERM then SIGKILL after the grace period.
// It reports state through `onChange`; the pod status is built from `status()`.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ContainerConfigError } from './container-config.js';
import { probeOnce, type ResolvedProbe } from './readiness-probe.js';

/** What to run for one start of the container. */
export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  probe?: ResolvedProbe;
}

/** kube's container state union (`v1.ContainerState`), times as RFC 3339. */
export type ContainerState =
  | { waiting: { reason: string; message?: string } }
  | { running: { startedAt: string } }
  | {
      terminated: {
        exitCode: number;
        signal?: number;
        reason: string;
        startedAt: string;
        finishedAt: string;
      };
    };

/** Options of a {@link ContainerProcess}. */
export interface ContainerProcessOptions {
  name: string;
  image: string;
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** Called before every start; throws ContainerConfigError while references are missing. */
  prepare: () => Promise<LaunchSpec>;
  logFile: string;
  backoffBaseMs: number;
  backoffMaxMs: number;
  graceMs: number;
  probePeriodMs: number;
  onChange: () => void;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** A supervised container process. */
export class ContainerProcess {
  private child?: ChildProcess;
  private state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  private lastState?: ContainerState;
  private restarts = 0;
  private crashes = 0;
  private ready = false;
  private stopping = false;
  private timer?: NodeJS.Timeout;
  private probeTimer?: NodeJS.Timeout;
  private exited?: Promise<void>;

  constructor(private readonly opts: ContainerProcessOptions) {}

  /** Starts the first run; later runs follow exits according to the restart policy. */
  start(): void {
    void this.launch();
  }

  /** The pid while running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** kube's ContainerStatus for this container. */
  status(): Record<string, unknown> {
    const running = 'running' in this.state;
    return {
      name: this.opts.name,
      image: this.opts.image,
      imageID: '',
      ...(running && this.child?.pid ? { containerID: `lab://${this.child.pid}` } : {}),
      ready: running && this.ready,
      started: running,
      restartCount: this.restarts,
      state: this.state,
      ...(this.lastState ? { lastState: this.lastState } : { lastState: {} }),
    };
  }

  /** True once the process ran to completion and will not be restarted. */
  get finished(): boolean {
    return 'terminated' in this.state;
  }

  private setState(state: ContainerState, ready = false): void {
    this.state = state;
    this.ready = ready;
    this.opts.onChange();
  }

  private async launch(): Promise<void> {
    if (this.stopping) return;
    let spec: LaunchSpec;
    try {
      spec = await this.opts.prepare();
    } catch (err) {
      const reason = err instanceof ContainerConfigError ? err.reason : 'CreateContainerError';
      this.setState({ waiting: { reason, message: (err as Error).message } });
      return this.later(() => void this.launch(), this.opts.backoffBaseMs);
    }
    if (this.stopping) return;
    this.spawn(spec);
  }

  private spawn(spec: LaunchSpec): void {
    const log = openSync(this.opts.logFile, 'a', 0o600);
    const startedAt = new Date().toISOString();
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('close', (code, signal) => {
        if (child.pid !== undefined) this.onExit(startedAt, code, signal);
        resolve();
      });
    });
    // A command that cannot start (ENOENT, EACCES) has no pid and never runs: kube's
    // RunContainerError, retried with back-off like a crash.
    child.once('error', (err) => {
      if (child.pid !== undefined) return;
      this.child = undefined;
      this.setState({ waiting: { reason: 'RunContainerError', message: err.message } });
      this.later(() => void this.launch(), this.opts.backoffBaseMs);
    });
    if (child.pid === undefined) return;
    this.setState({ running: { startedAt } }, !spec.probe);
    if (spec.probe) this.startProbe(spec.probe);
  }

  private startProbe(probe: ResolvedProbe): void {
    let failures = 0;
    const tick = async (): Promise<void> => {
      const ok = await probeOnce(probe);
      failures = ok ? 0 : failures + 1;
      const ready = ok || (this.ready && failures < probe.failureThreshold);
      if (!('running' in this.state) || this.stopping) return;
      if (ready !== this.ready) this.setState(this.state, ready);
    };
    this.probeTimer = setInterval(
      () => void tick(),
      Math.min(probe.periodMs, this.opts.probePeriodMs),
    );
    this.probeTimer.unref();
    void tick();
  }

  private onExit(startedAt: string, code: number | null, signal: NodeJS.Signals | null): void {
    clearInterval(this.probeTimer);
    this.child = undefined;
    const exitCode = code ?? 128 + (SIGNALS[signal ?? ''] ?? 0);
    const terminated = {
      exitCode,
      ...(signal ? { signal: SIGNALS[signal] ?? 0 } : {}),
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt,
      finishedAt: new Date().toISOString(),
    };
    if (this.stopping) return this.setState({ terminated });
    if (!this.shouldRestart(exitCode)) return this.setState({ terminated });
    this.lastState = { terminated };
    this.restarts++;
    this.crashes =
      Date.parse(terminated.finishedAt) - Date.parse(startedAt) > 2 * this.opts.backoffMaxMs
        ? 1
        : this.crashes + 1;
    const delay = Math.min(
      this.opts.backoffBaseMs * 2 ** (this.crashes - 1),
      this.opts.backoffMaxMs,
    );
    const message = `back-off ${formatDelay(delay)} restarting failed container=${this.opts.name}`;
    this.setState({ waiting: { reason: 'CrashLoopBackOff', message } });
    this.later(() => void this.launch(), delay);
  }

  private shouldRestart(exitCode: number): boolean {
    if (this.opts.restartPolicy === 'Always') return true;
    return this.opts.restartPolicy === 'OnFailure' && exitCode !== 0;
  }

  private later(fn: () => void, ms: number): void {
    this.timer = setTimeout(fn, ms);
    this.timer.unref();
  }

  /** Stops restarting; sends SIGTERM, then SIGKILL after the grace period; resolves on exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    clearInterval(this.probeTimer);
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), this.opts.graceMs);
    await this.exited;
    clearTimeout(kill);
  }
}

function formatDelay(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}
