// Runs `sveltos-controller` for a lab environment the way a cluster would: a real child process
// against mgmt with the lab's short intervals, chart mirrors to the lab's chart repository, and
// its JSON log in DIR/controller.log. Resolves only once /readyz answers 200, so callers never
// race an unsynced controller. It must not reach into the controller's code: flags only.
// Tests: test/e2e/lab-up-controller.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../lib/project-paths.js';
import { stopChild } from './webhook-process.js';

/** A running controller process. */
export interface ControllerProcess {
  pid: number;
  /** `http://127.0.0.1:PORT` of /healthz and /readyz. */
  healthUrl: string;
  /** `http://127.0.0.1:PORT` of /metrics. */
  metricsUrl: string;
  /** DIR/controller.log: the process's JSON log lines. */
  logFile: string;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

/** Options of {@link startControllerProcess}. */
export interface ControllerProcessOptions {
  dir: string;
  mgmtKubeconfig: string;
  /** `FROM=TO` chart repository rewrites, one `--helm-repository-mirror` each. */
  mirrors: { from: string; to: string }[];
  /** Extra flags, appended after the lab's (later flags win). */
  extraArgs?: string[];
  /** Bound on start-up until /readyz is 200; default 60 s. */
  timeoutMs?: number;
}

/** The process did not start or never became ready; the message quotes the log's tail. */
export class ControllerStartError extends Error {
  override readonly name = 'ControllerStartError';
  readonly reason = 'ControllerNotReady';
}

/** The flags the lab passes; exported so the docs and tests can show them. */
export function controllerArgs(opts: ControllerProcessOptions): string[] {
  return [
    projectPath('bin', 'sveltos-controller'),
    `--kubeconfig=${opts.mgmtKubeconfig}`,
    '--health-interval=2s',
    '--agent-timeout=30s',
    '--register-management-cluster',
    '--leader-elect=false',
    '--health-probe-bind-address=127.0.0.1:0',
    '--metrics-bind-address=127.0.0.1:0',
    ...opts.mirrors.map((m) => `--helm-repository-mirror=${m.from}=${m.to}`),
    ...(opts.extraArgs ?? []),
  ];
}

/**
 * Starts `node bin/sveltos-controller` and waits for its "Started controller" line and a 200 from
 * /readyz. Rejects with ControllerStartError (after stopping the process) when it exits first or
 * `timeoutMs` passes.
 */
export async function startControllerProcess(
  opts: ControllerProcessOptions,
): Promise<ControllerProcess> {
  const logFile = join(opts.dir, 'controller.log');
  const child = spawn(process.execPath, controllerArgs(opts), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: opts.dir, LANG: 'C.UTF-8' },
  });
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = (): Promise<void> => stopChild(child, 10_000);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    const urls = await startedUrls(child, deadline, logFile);
    await waitReady(child, urls.health, deadline, logFile);
    return { pid: child.pid ?? 0, healthUrl: urls.health, metricsUrl: urls.metrics, logFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function logTail(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
    return lines.slice(-8).join('\n');
  } catch {
    return '(no log written)';
  }
}

function startError(what: string, logFile: string): ControllerStartError {
  return new ControllerStartError(
    `sveltos-controller ${what}; last lines of ${logFile}:\n${logTail(logFile)}`,
  );
}

function exitedText(child: ChildProcess): string {
  return `exited with ${child.signalCode ?? `code ${String(child.exitCode)}`}`;
}

/** The health and metrics URLs from the "Started controller" JSON log line on stderr. */
function startedUrls(
  child: ChildProcess,
  deadline: number,
  logFile: string,
): Promise<{ health: string; metrics: string }> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(startError('did not log "Started controller" in time', logFile)),
      Math.max(0, deadline - Date.now()),
    );
    const onExit = (): void => {
      clearTimeout(timer);
      // Let the log stream flush the last lines before quoting them.
      setTimeout(() => reject(startError(`${exitedText(child)} before starting`, logFile)), 100);
    };
    child.once('exit', onExit);
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const started = parseStarted(buffered);
      if (!started) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(started);
    });
  });
}

function parseStarted(text: string): { health: string; metrics: string } | undefined {
  for (const line of text.split('\n')) {
    if (!line.includes('"Started controller"')) continue;
    try {
      const entry = JSON.parse(line) as { health?: string; metrics?: string };
      return { health: entry.health ?? '', metrics: entry.metrics ?? '' };
    } catch {
      return undefined; // the line is not complete yet
    }
  }
  return undefined;
}

async function waitReady(
  child: ChildProcess,
  healthUrl: string,
  deadline: number,
  logFile: string,
): Promise<void> {
  let last = 'no answer';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw startError(`${exitedText(child)} before /readyz answered 200`, logFile);
    }
    try {
      const res = await fetch(`${healthUrl}/readyz`);
      if (res.status === 200) return;
      last = `${res.status} ${(await res.text()).slice(0, 200)}`;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) {
      throw startError(`was not ready in time (/readyz: ${last})`, logFile);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
