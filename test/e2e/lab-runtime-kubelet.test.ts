// The process kubelet with real kubectl: a Deployment whose image has a rule runs as a local
// process (args, env from Secrets, mounted files, kubeconfig), its readiness reaches the
// Deployment status, scale 0/1 stops and restarts it, deletion stops it, a crash loops with
// back-off, and any other image stays Pending as on a cluster without nodes.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabCluster } from '../../lab/apiserver/extension-points.js';
import { labControllers } from '../../lab/controllers/index.js';
import type { ProcessInfo } from '../../lab/kubelet/pod-runtime.js';
import { ProcessKubelet } from '../../lab/kubelet/process-kubelet.js';
import { kubectl, waitFor } from '../support/kubectl.js';
import { startTestLab, type TestLab } from '../support/lab.js';

// A stand-in agent: records what it was started with, serves /ready on $PORT, exits 0 on
// SIGTERM after recording it, or crashes at once when told to.
const AGENT_SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const out = process.env.OUT_DIR;
const mount = path.join(process.env.SVELTOS_LAB_VOLUME_ROOT, '/etc/agent/config');
const record = {
  pid: process.pid,
  args: process.argv.slice(2),
  secretEnv: process.env.FROM_SECRET,
  mountedFile: fs.existsSync(mount) ? fs.readFileSync(mount, 'utf8') : null,
  kubeconfig: fs.readFileSync(process.env.KUBECONFIG, 'utf8'),
  saToken: fs.existsSync(path.join(process.env.SVELTOS_LAB_VOLUME_ROOT, '/var/run/secrets/kubernetes.io/serviceaccount/token')),
  port: process.env.PORT,
  port8080: process.env.SVELTOS_LAB_PORT_8080,
  secretLeak: process.env.HELM_BIN ?? null,
};
fs.writeFileSync(path.join(out, 'started-' + process.pid), JSON.stringify(record));
if (process.argv.includes('--crash')) process.exit(3);
const server = http.createServer((req, res) => res.writeHead(req.url === '/ready' ? 200 : 404).end());
if (process.env.PORT) server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  fs.writeFileSync(path.join(out, 'stopped-' + process.pid), 'SIGTERM');
  process.exit(0);
});
setInterval(() => {}, 1000);
`;

let lab: TestLab;
let kubeconfig: string;
let outDir: string;
const kubelets = new Map<string, ProcessKubelet>();

beforeAll(async () => {
  lab = await startTestLab({
    clusters: [],
    onCluster: (c: LabCluster) => {
      const kubelet = new ProcessKubelet({
        images: [
          {
            repository: 'example.com/test-agent',
            command: [process.execPath, join(lab?.dir ?? outDir, 'agent.cjs')],
          },
        ],
        timings: { backoffBaseMs: 200, backoffMaxMs: 2000, maxGraceMs: 5000, probePeriodMs: 200 },
      });
      kubelets.set(c.name, kubelet);
      c.use({ controllers: [...labControllers({ runsPod: (p) => kubelet.runsPod(p) }), kubelet] });
    },
  });
  outDir = lab.dir;
  writeFileSync(join(lab.dir, 'agent.cjs'), AGENT_SCRIPT);
  lab.addCluster('kubelet');
  kubeconfig = lab.kubeconfig('kubelet');
});

afterAll(async () => {
  await lab?.stop();
});

async function k(args: string[], stdin?: string): Promise<string> {
  const r = await kubectl(args, { kubeconfig, stdin });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function processesIn(ns: string): ProcessInfo[] {
  return kubelets
    .get('kubelet')!
    .processes()
    .filter((p) => p.namespace === ns);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function record(pid: number): Record<string, unknown> {
  return JSON.parse(readFileSync(join(outDir, `started-${pid}`), 'utf8')) as Record<
    string,
    unknown
  >;
}

async function runningPid(ns: string, not?: number): Promise<number> {
  return waitFor(
    () => {
      const pid = processesIn(ns)[0]?.pid;
      return pid !== undefined && pid !== not && existsSync(join(outDir, `started-${pid}`))
        ? pid
        : undefined;
    },
    { what: `agent process in ${ns}` },
  );
}

function agentManifest(
  ns: string,
  opts: { image?: string; args?: string[]; replicas?: number } = {},
): string {
  const args = (opts.args ?? ['--cluster-name=c1']).map((a) => `            - "${a}"`).join('\n');
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
---
apiVersion: v1
kind: Secret
metadata:
  name: agent-secret
  namespace: ${ns}
stringData:
  token: s3cr3t
  config: "mounted: yes"
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: ${ns}
spec:
  replicas: ${opts.replicas ?? 1}
  selector:
    matchLabels: { app: agent }
  template:
    metadata:
      labels: { app: agent }
    spec:
      containers:
        - name: agent
          image: ${opts.image ?? 'example.com/test-agent:v1'}
          args:
${args}
          env:
            - name: OUT_DIR
              value: ${outDir}
            - name: FROM_SECRET
              valueFrom:
                secretKeyRef: { name: agent-secret, key: token }
          ports:
            - name: http
              containerPort: 8080
          readinessProbe:
            httpGet: { path: /ready, port: http }
            periodSeconds: 1
          volumeMounts:
            - name: config
              mountPath: /etc/agent
      volumes:
        - name: config
          secret:
            secretName: agent-secret
`;
}

interface ContainerStatus {
  state: { waiting?: { reason: string; message: string } };
  lastState: { terminated?: { exitCode: number; reason: string } };
}

const freshNs = (): string => `kl-${randomBytes(3).toString('hex')}`;

async function readyReplicas(ns: string): Promise<string> {
  return k(['get', 'deployment', 'agent', '-n', ns, '-o', 'jsonpath={.status.readyReplicas}']);
}

describe('process kubelet', () => {
  it('starts a process for a Deployment with the agent image and stops it when the Deployment is deleted', async () => {
    const ns = freshNs();
    await k(
      ['apply', '-f', '-'],
      agentManifest(ns, { args: ['--cluster-name=c1', '--mode=$(FROM_SECRET)'] }),
    );
    const pid = await runningPid(ns);
    expect(alive(pid)).toBe(true);
    const seen = record(pid);
    expect(seen.args).toEqual(['--cluster-name=c1', '--mode=s3cr3t']);
    expect(seen.secretEnv).toBe('s3cr3t');
    expect(seen.mountedFile).toBe('mounted: yes');
    expect(seen.kubeconfig).toContain(lab.cluster('kubelet').baseUrl);
    expect(seen.saToken).toBe(true);
    expect(seen.port).toBe(seen.port8080);
    expect(seen.secretLeak).toBeNull();
    await waitFor(async () => (await readyReplicas(ns)) === '1', { what: 'readyReplicas 1' });
    const pod = await k([
      'get',
      'pods',
      '-n',
      ns,
      '-o',
      'jsonpath={.items[0].status.phase} {.items[0].status.containerStatuses[0].ready} {.items[0].status.containerStatuses[0].restartCount}',
    ]);
    expect(pod).toBe('Running true 0');

    await k(['delete', 'deployment', 'agent', '-n', ns]);
    await waitFor(() => !alive(pid), { what: 'process stopped' });
    expect(readFileSync(join(outDir, `stopped-${pid}`), 'utf8')).toBe('SIGTERM');
    await waitFor(() => processesIn(ns).length === 0, { what: 'kubelet forgot the pod' });
  });

  it('stops the process when scaled to 0 and starts a new one when scaled back to 1', async () => {
    const ns = freshNs();
    await k(['apply', '-f', '-'], agentManifest(ns));
    const first = await runningPid(ns);
    await k(['scale', 'deployment', 'agent', '-n', ns, '--replicas=0']);
    await waitFor(() => !alive(first), { what: 'process stopped on scale 0' });
    await waitFor(async () => (await k(['get', 'pods', '-n', ns, '-o', 'name'])).trim() === '', {
      what: 'pod gone',
    });
    expect(await readyReplicas(ns)).toBe('');
    await k(['scale', 'deployment', 'agent', '-n', ns, '--replicas=1']);
    const second = await runningPid(ns, first);
    expect(second).not.toBe(first);
    expect(alive(second)).toBe(true);
    await waitFor(async () => (await readyReplicas(ns)) === '1', { what: 'ready again' });
  });

  it('restarts a crashing process with back-off and reports CrashLoopBackOff', async () => {
    const ns = freshNs();
    await k(['apply', '-f', '-'], agentManifest(ns, { args: ['--crash'] }));
    const restarts = await waitFor(
      async () => {
        const out = await k([
          'get',
          'pods',
          '-n',
          ns,
          '-o',
          'jsonpath={.items[0].status.containerStatuses[0].restartCount}',
        ]);
        return Number(out) >= 2 ? Number(out) : undefined;
      },
      { what: 'two restarts' },
    );
    expect(restarts).toBeGreaterThanOrEqual(2);
    const status = await waitFor(
      async () => {
        const out = await k(['get', 'pods', '-n', ns, '-o', 'json']);
        const pod = (
          JSON.parse(out) as { items: { status: { containerStatuses: ContainerStatus[] } }[] }
        ).items[0];
        const cs = pod?.status.containerStatuses[0];
        return cs?.state?.waiting?.reason === 'CrashLoopBackOff' ? cs : undefined;
      },
      { what: 'CrashLoopBackOff' },
    );
    expect(status.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(status.state.waiting?.message).toMatch(
      /^back-off \S+ restarting failed container=agent/,
    );
    expect(await readyReplicas(ns)).toBe('');
    await k(['delete', 'namespace', ns, '--wait=false']);
  });

  it('leaves a Deployment of any other image Pending, as a cluster without nodes does', async () => {
    const ns = freshNs();
    await k(['apply', '-f', '-'], agentManifest(ns, { image: 'nginx:1.27' }));
    const reason = await waitFor(
      async () =>
        (await k([
          'get',
          'pods',
          '-n',
          ns,
          '-o',
          'jsonpath={.items[0].status.conditions[0].reason}',
        ])) || undefined,
      { what: 'scheduler status' },
    );
    expect(reason).toBe('Unschedulable');
    expect(await k(['get', 'pods', '-n', ns, '-o', 'jsonpath={.items[0].status.phase}'])).toBe(
      'Pending',
    );
    const available = await k([
      'get',
      'deployment',
      'agent',
      '-n',
      ns,
      '-o',
      'jsonpath={.status.conditions[?(@.type=="Available")].status}',
    ]);
    expect(available).toBe('False');
    expect(processesIn(ns)).toEqual([]);
  });

  it('waits in ContainerCreating until a Secret its volume and env reference exists', async () => {
    const ns = freshNs();
    const manifest = agentManifest(ns).replace(
      /---\napiVersion: v1\nkind: Secret[\s\S]*?---\n/,
      '---\n',
    );
    await k(['apply', '-f', '-'], manifest);
    const reason = await waitFor(
      async () =>
        (await k([
          'get',
          'pods',
          '-n',
          ns,
          '-o',
          'jsonpath={.items[0].status.containerStatuses[0].state.waiting.message}',
        ])) || undefined,
      { what: 'waiting message' },
    );
    expect(reason).toBe(
      'MountVolume.SetUp failed for volume "config" : secret "agent-secret" not found',
    );
    await k([
      'create',
      'secret',
      'generic',
      'agent-secret',
      '-n',
      ns,
      '--from-literal=token=late',
      '--from-literal=config=x',
    ]);
    const pid = await runningPid(ns);
    expect(record(pid).secretEnv).toBe('late');
    await k(['delete', 'namespace', ns]);
    await waitFor(() => !alive(pid), { what: 'stopped with its namespace' });
  });
});
