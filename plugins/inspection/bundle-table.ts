// Text and machine forms of a BundleReport: a table of the pull-mode clusters' agent heartbeats,
// then one row per ConfigurationGroup (CLUSTER … AGE; `-o wide` adds group, hashes, generations,
// message); an empty scope ends in a sentence saying everything has been delivered. Pure.
import { dump } from 'js-yaml';
import { formatTable } from '../output.js';
import type { Column } from '../output.js';
import type { BundleReport, BundleScope, ClusterEntry, GroupSummary } from './bundle-report.js';
import { ageOf, humanBytes } from './human-units.js';

/** Options of the text form. */
export interface RenderOptions {
  now: Date;
  wide: boolean;
}

/** The scope in words, e.g. `namespace rke2, cluster cluster01, ClusterProfile deploy-kyverno`. */
export function describeScope(scope: BundleScope): string {
  const parts = [scope.namespace === undefined ? 'all namespaces' : `namespace ${scope.namespace}`];
  if (scope.cluster !== undefined) parts.push(`cluster ${scope.cluster}`);
  if (scope.profile) parts.push(`${scope.profile.kind} ${scope.profile.name}`);
  return parts.join(', ');
}

/** A short prefix of a hash, as `kubectl` users expect of digests. */
export function shortHash(hash: string | undefined): string {
  return hash ? hash.slice(0, 12) : '';
}

function profileLabel(g: GroupSummary): string {
  return g.profile ? `${g.profile.kind}/${g.profile.name}` : '';
}

function bundleCount(g: GroupSummary): string {
  return g.missingBundles > 0 ? `${g.bundles} (${g.missingBundles} missing)` : String(g.bundles);
}

function observed(g: GroupSummary): string {
  const seen = g.observedGeneration === undefined ? '-' : String(g.observedGeneration);
  return `${seen}/${g.generation ?? '-'}`;
}

function message(g: Row): string {
  if (g.failureMessage) return g.failureMessage;
  if (g.status === 'Pending' && !g.agentReady) {
    return `Waiting: the agent of ${g.clusterLabel} is not ready or not reporting`;
  }
  if (g.status === 'Pending') return 'Waiting for the agent to process this generation';
  if (g.status === 'Preparing') return 'The controller is still writing bundles';
  return '';
}

type Row = GroupSummary & { clusterLabel: string; agentReady: boolean };

function groupColumns(now: Date): Column<Row>[] {
  return [
    { header: 'CLUSTER', value: (g) => g.clusterLabel },
    { header: 'PROFILE', value: profileLabel },
    { header: 'FEATURE', value: (g) => g.feature },
    { header: 'ACTION', value: (g) => g.action },
    { header: 'BUNDLES', value: bundleCount },
    { header: 'RESOURCES', value: (g) => String(g.resources) },
    { header: 'SIZE', value: (g) => humanBytes(g.sizeBytes) },
    { header: 'STATUS', value: (g) => g.status },
    { header: 'AGE', value: (g) => ageOf(g.creationTimestamp, now) },
    { header: 'GROUP', value: (g) => g.name, wide: true },
    { header: 'VERIFIED', value: (g) => `${g.verifiedBundles}/${g.bundles}`, wide: true },
    { header: 'HASH', value: (g) => shortHash(g.requestorHash), wide: true },
    { header: 'OBSERVED', value: observed, wide: true },
    { header: 'MESSAGE', value: message, wide: true },
  ];
}

/** `true`, `false`, or `unregistered` when the SveltosCluster is gone. */
function readiness(c: ClusterEntry): string {
  return c.registered ? String(c.ready) : 'unregistered';
}

function clusterColumns(now: Date): Column<ClusterEntry>[] {
  return [
    { header: 'CLUSTER', value: (c) => `${c.namespace}/${c.name}` },
    { header: 'READY', value: readiness },
    { header: 'LAST HEARTBEAT', value: (c) => ageOf(c.agentLastReportTime, now) || '<never>' },
    { header: 'GROUPS', value: (c) => String(c.groups.length) },
    { header: 'CONNECTION', value: (c) => c.connectionStatus ?? '', wide: true },
    { header: 'MESSAGE', value: (c) => c.failureMessage ?? '', wide: true },
  ];
}

/** The sentence printed when nothing is in scope. */
export function deliveredMessage(scope: BundleScope): string {
  return `No ConfigurationGroups in ${describeScope(scope)}: everything has been delivered`;
}

/** The text form: the heartbeat table, a blank line, then the groups (or the empty sentence). */
export function renderReport(report: BundleReport, opts: RenderOptions): string {
  const parts: string[] = [];
  if (report.clusters.length === 0) {
    parts.push(
      `No pull-mode SveltosClusters in ${describeScope({ ...report.scope, profile: undefined })}\n`,
    );
  } else {
    parts.push(formatTable(report.clusters, clusterColumns(opts.now), opts.wide));
  }
  const rows: Row[] = report.clusters.flatMap((c) =>
    c.groups.map((g) => ({ ...g, clusterLabel: `${c.namespace}/${c.name}`, agentReady: c.ready })),
  );
  if (rows.length === 0) parts.push(`${deliveredMessage(report.scope)}\n`);
  else parts.push(formatTable(rows, groupColumns(opts.now), opts.wide));
  return parts.join('\n');
}

/** The machine form (`-o json|yaml`): the report with the scope spelled out. */
export function reportDocument(report: BundleReport): Record<string, unknown> {
  const { namespace, cluster, profile } = report.scope;
  return {
    scope: {
      allNamespaces: namespace === undefined,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(cluster !== undefined ? { cluster } : {}),
      ...(profile ? { profile } : {}),
    },
    everythingDelivered: report.everythingDelivered,
    clusters: report.clusters,
  };
}

/** `-o json` or `-o yaml` of any document. */
export function machineText(doc: unknown, format: 'json' | 'yaml'): string {
  return format === 'json'
    ? `${JSON.stringify(doc, null, 2)}\n`
    : dump(doc, { noRefs: true, lineWidth: -1 });
}
