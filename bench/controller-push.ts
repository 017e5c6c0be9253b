// Push-mode rollout benchmark (issue 9): N virtual push clusters in one lab API server and
// sveltos-controller as its own process (real push deliverer, real helm, lab chart repository
// behind the seed's public URLs). For each N it times ONE change until every ClusterSummary
// reports the feature Provisioned: a policyRefs ClusterProfile (a ConfigMap with 5 resources)
// applied, then that ConfigMap edited; a Helm ClusterProfile (kyverno 3.5.1) applied, then its
// chartVersion moved to 3.5.2. Prints time to provisioned, clusters/s, the controller's RSS
// (peak, at rest; /proc of the process), CPU, and requests per reconcile. Prints figures only.
// Run: `npm run build && npm run bench -- controller-push`, or
// `npx tsx bench/controller-push.ts --clusters 10,100 --features resources,helm [--workers N]
// [--timeout-min 15] [--health-interval 10s] [--source]` (`--source`: controller/main.ts
// through tsx, no build needed).
import { parseArgs } from 'node:util';
import { CLUSTER_PROFILE } from '../api/gvk.js';
import { fmt, mib, secs } from './support/figures.js';
import {
  CONFIG_MAPS,
  FLEET_NAMESPACE,
  fleetProfile,
  gvr,
  startFleet,
} from './support/push-fleet.js';
import type { Fleet } from './support/push-fleet.js';
import { runPhase } from './support/rollout-phase.js';
import type { PhaseFigures, PhaseSpec } from './support/rollout-phase.js';

const { values: flags } = parseArgs({
  options: {
    clusters: { type: 'string', default: '10,100' },
    features: { type: 'string', default: 'resources,helm' },
    workers: { type: 'string' },
    'timeout-min': { type: 'string', default: '15' },
    source: { type: 'boolean', default: false },
    'health-interval': { type: 'string', default: '10s' },
  },
});
const sizes = flags.clusters.split(',').map(Number);
const features = new Set(flags.features.split(','));
const timeoutMs = Number(flags['timeout-min']) * 60_000;
const PROFILES = gvr(CLUSTER_PROFILE);

const policies = (value: string): Record<string, string> => {
  const cm = (name: string): string =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: bench-app\ndata:\n  value: "${value}"\n`;
  return {
    'namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-app\n',
    'configmaps.yaml': ['settings', 'features', 'limits'].map(cm).join('---\n'),
    'serviceaccount.yaml':
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: bench-app\n  namespace: bench-app\n',
  };
};

const putPolicies = (fleet: Fleet, value: string): Promise<void> =>
  fleet.put(CONFIG_MAPS, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'bench-policies', namespace: FLEET_NAMESPACE },
    data: policies(value),
  });

const helmProfile = (version: string): ReturnType<typeof fleetProfile> =>
  fleetProfile('bench-helm', {
    helmCharts: [
      {
        repositoryURL: 'https://kyverno.github.io/kyverno/',
        repositoryName: 'kyverno',
        chartName: 'kyverno/kyverno',
        chartVersion: version,
        releaseName: 'kyverno-bench',
        releaseNamespace: 'kyverno',
        helmChartAction: 'Install',
      },
    ],
  });

function phases(fleet: Fleet): PhaseSpec[] {
  const out: PhaseSpec[] = [];
  const resources = { profile: 'bench-resources', feature: 'Resources' as const, timeoutMs };
  const helm = { profile: 'bench-helm', feature: 'Helm' as const, timeoutMs };
  if (features.has('resources')) {
    out.push({
      ...resources,
      label: 'policyRefs: profile applied',
      change: async () => {
        await putPolicies(fleet, 'one');
        await fleet.put(
          PROFILES,
          fleetProfile('bench-resources', {
            policyRefs: [{ kind: 'ConfigMap', name: 'bench-policies', namespace: FLEET_NAMESPACE }],
          }),
        );
      },
    });
    out.push({
      ...resources,
      label: 'policyRefs: ConfigMap edited',
      change: () => putPolicies(fleet, 'two'),
    });
  }
  if (features.has('helm')) {
    out.push({
      ...helm,
      label: 'Helm: profile applied (3.5.1)',
      change: () => fleet.put(PROFILES, helmProfile('3.5.1')),
    });
    out.push({
      ...helm,
      label: 'Helm: chartVersion → 3.5.2',
      change: () => fleet.put(PROFILES, helmProfile('3.5.2')),
    });
  }
  return out;
}

/** Reads back, in-process, what the last phases deployed into every managed cluster. */
function verify(fleet: Fleet): string {
  const checks: string[] = [];
  const labOf = (name: string) => fleet.env.lab.cluster(name).client;
  if (features.has('resources')) {
    const ok = fleet.names.filter(
      (n) =>
        (labOf(n).get(CONFIG_MAPS, 'bench-app', 'settings') as { data?: { value?: string } })?.data
          ?.value === 'two',
    ).length;
    checks.push(`ConfigMap bench-app/settings = "two" in ${ok}/${fleet.names.length}`);
  }
  if (features.has('helm')) {
    const secrets = { group: '', version: 'v1', resource: 'secrets' };
    const ok = fleet.names.filter((n) =>
      labOf(n).get(secrets, 'kyverno', 'sh.helm.release.v1.kyverno-bench.v2'),
    ).length;
    checks.push(`helm release kyverno-bench revision 2 in ${ok}/${fleet.names.length}`);
  }
  return checks.join('; ');
}

function printPhase(f: PhaseFigures): void {
  const n = f.clusters;
  const summaries = f.reconciles.summaries ?? 0;
  const requests = f.managed.api + f.mgmt.api;
  const methods = Object.entries(f.managed.byMethod)
    .map(([m, c]) => `${m} ${c}`)
    .join(', ');
  const outcome = f.timedOut
    ? `TIMED OUT: ${f.provisioned}/${n} provisioned after ${secs(f.allMs)}`
    : `all ${n} provisioned in ${secs(f.allMs)} (first after ${secs(f.firstMs)}), ${fmt(n / (f.allMs / 1000), 1)} clusters/s`;
  console.log(`  ${f.label}: ${outcome}`);
  console.log(
    `    reconciles: summaries ${summaries}, profiles ${f.reconciles.profiles ?? 0}, clusters ${f.reconciles.clusters ?? 0}`,
  );
  console.log(
    `    requests (excl. /version probes): managed clusters ${f.managed.api} (${fmt(f.managed.api / n, 1)} per cluster: ${methods}), mgmt ${f.mgmt.api}; ${fmt(requests / Math.max(1, summaries), 1)} per summary reconcile`,
  );
  console.log(
    `    mean summary reconcile ${fmt(f.summaryReconcileMean, 2)} s, mean ${f.label.split(':')[0]} deploy per cluster ${fmt(f.deployMean, 2)} s`,
  );
  console.log(
    `    CPU: controller ${fmt(f.cpuOwn, 1)} s, its helm children ${fmt(f.cpuChildren, 1)} s, lab API server (bench process) ${fmt(f.labCpu, 1)} s; controller RSS peak ${mib(f.peakRss)} MiB`,
  );
  for (const msg of f.failures) console.log(`    last failure: ${msg.slice(0, 300)}`);
}

/** Level, message and error of a JSON log line (never the whole line: fields may be long). */
function summarizeLog(line: string): string {
  try {
    const r = JSON.parse(line) as { level?: string; msg?: string; err?: unknown; error?: unknown };
    const err = r.err ?? r.error;
    const detail =
      err === undefined ? '' : `: ${typeof err === 'string' ? err : JSON.stringify(err)}`;
    return `${r.level ?? '?'} ${r.msg ?? ''}${detail}`.slice(0, 300);
  } catch {
    return line.slice(0, 300);
  }
}

interface Row {
  n: number;
  label: string;
  figures: PhaseFigures;
}

async function benchFleet(n: number, rows: Row[]): Promise<{ rest: number; peak: number }> {
  const t0 = performance.now();
  const fleet = await startFleet({
    clusters: n,
    source: flags.source,
    healthInterval: flags['health-interval'],
    ...(flags.workers ? { workers: Number(flags.workers) } : {}),
  });
  try {
    const idle = fleet.controller.memory();
    console.log(
      `\nN = ${n} push clusters (lab + registration + controller start + all ready in ${secs(performance.now() - t0)}); controller pid ${fleet.controller.pid}, RSS with ${n} ready clusters and no profile: ${mib(idle.rss)} MiB`,
    );
    for (const spec of phases(fleet)) {
      const figures = await runPhase(fleet, spec);
      printPhase(figures);
      rows.push({ n, label: spec.label, figures });
    }
    console.log(`  verified in the managed clusters: ${verify(fleet)}`);
    await new Promise((r) => setTimeout(r, 5000));
    const rest = fleet.controller.memory();
    // VmHWM lags the sampled VmRSS by a few pages at times: report the larger of the two.
    const peak = Math.max(
      rest.peak,
      ...rows.filter((r) => r.n === n).map((r) => r.figures.peakRss),
    );
    const problems = fleet.controller.problems();
    console.log(
      `  controller RSS at rest after the rollouts: ${mib(rest.rss)} MiB; peak over the run: ${mib(peak)} MiB; ${problems.length} warn/error log lines`,
    );
    for (const line of problems.slice(0, 3)) console.log(`    ${summarizeLog(line)}`);
    return { rest: rest.rss, peak };
  } finally {
    await fleet.stop();
  }
}

function printSummary(rows: Row[], memory: Map<number, { rest: number; peak: number }>): void {
  console.log('\nsummary');
  console.log(
    '  N     rollout                          to all provisioned   clusters/s   req/summary reconcile',
  );
  for (const { n, label, figures: f } of rows) {
    const reqs = (f.managed.api + f.mgmt.api) / Math.max(1, f.reconciles.summaries ?? 0);
    const time = f.timedOut ? `timeout (${f.provisioned}/${n})` : secs(f.allMs);
    console.log(
      `  ${String(n).padEnd(5)} ${label.padEnd(32)} ${time.padStart(18)} ${fmt(n / (f.allMs / 1000), 1).padStart(12)} ${fmt(reqs, 1).padStart(23)}`,
    );
  }
  for (const [n, m] of memory) {
    console.log(`  N=${n}: controller RSS peak ${mib(m.peak)} MiB, at rest ${mib(m.rest)} MiB`);
  }
}

const rows: Row[] = [];
const memory = new Map<number, { rest: number; peak: number }>();
console.log(
  `controller-push: clusters ${sizes.join(', ')}; features ${[...features].join(', ')}; controller ${flags.source ? 'controller/main.ts via tsx' : 'dist/sveltos-controller.mjs'}`,
);
for (const n of sizes) {
  const m = await benchFleet(n, rows);
  memory.set(n, m);
}
printSummary(rows, memory);
