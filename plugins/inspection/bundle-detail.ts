// `kubectl sveltos bundles show`: one ConfigurationGroup in detail — its cluster's heartbeat,
// profile, requestor, status, and each bundle in apply order with its objects (kind, namespace,
// name) and whether its content hashes to what the group lists (the check the agent makes before
// applying anything). Pure: model and text form; the command reads the objects.
import { load } from 'js-yaml';
import type {
  ConfigurationBundle,
  ConfigurationGroup,
  SveltosCluster,
} from '../../api/types/index.js';
import { bundleHash } from '../../lib/bundle-hash.js';
import { formatTable } from '../output.js';
import type { ClusterHeartbeat, GroupSummary } from './bundle-report.js';
import { groupBundles, heartbeatOf, indexBundles, summarizeGroup } from './bundle-report.js';
import { shortHash } from './bundle-table.js';
import { ageOf, humanBytes } from './human-units.js';

/** One object a bundle carries. */
export interface BundleObject {
  apiVersion: string;
  kind: string;
  namespace?: string | undefined;
  name: string;
}

/** One item of the group: the bundle it references and how its hash compares. */
export interface BundleCheck {
  /** 1-based apply order. */
  index: number;
  namespace: string;
  name: string;
  exists: boolean;
  listedHash?: string | undefined;
  contentHash?: string | undefined;
  verified: boolean;
  resources: number;
  sizeBytes: number;
  objects: BundleObject[];
  /** Entries that are not Kubernetes objects, e.g. `resources[2]: not a YAML object`. */
  unreadable: string[];
}

/** The model of `bundles show`. */
export interface GroupDetail {
  group: GroupSummary;
  cluster?: ClusterHeartbeat | undefined;
  bundles: BundleCheck[];
}

type Parsed = { object: BundleObject } | { problem: string };

function parseEntry(text: string, i: number): Parsed {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (err) {
    return { problem: `resources[${i}]: invalid YAML (${(err as Error).message.split('\n')[0]})` };
  }
  const obj = doc as { apiVersion?: string; kind?: string; metadata?: Record<string, unknown> };
  if (!obj || typeof obj !== 'object' || !obj.kind || typeof obj.metadata?.['name'] !== 'string') {
    return { problem: `resources[${i}]: not a Kubernetes object` };
  }
  const ns = obj.metadata['namespace'];
  return {
    object: {
      apiVersion: obj.apiVersion ?? '',
      kind: obj.kind,
      namespace: typeof ns === 'string' && ns ? ns : undefined,
      name: obj.metadata['name'],
    },
  };
}

function checkBundle(
  ref: { namespace: string; name: string; listedHash?: string | undefined; index: number },
  bundle: ConfigurationBundle | undefined,
): BundleCheck {
  const base = { ...ref, objects: [] as BundleObject[], unreadable: [] as string[] };
  if (!bundle) return { ...base, exists: false, verified: false, resources: 0, sizeBytes: 0 };
  const resources = bundle.spec?.resources ?? [];
  const contentHash = bundleHash(resources);
  for (const [i, text] of resources.entries()) {
    const parsed = parseEntry(text, i);
    if ('object' in parsed) base.objects.push(parsed.object);
    else base.unreadable.push(parsed.problem);
  }
  return {
    ...base,
    exists: true,
    contentHash,
    verified: !!ref.listedHash && ref.listedHash === contentHash,
    resources: resources.length,
    sizeBytes: resources.reduce((n, r) => n + Buffer.byteLength(r), 0),
  };
}

/** Builds the detail of `group` from the bundles of its namespace and its SveltosCluster. */
export function describeGroup(
  group: ConfigurationGroup,
  bundles: readonly ConfigurationBundle[],
  cluster?: SveltosCluster,
): GroupDetail {
  const index = indexBundles(bundles);
  const found = groupBundles(group, index);
  const items = group.spec?.configurationItem ?? [];
  const checks = items.map((item, i) =>
    checkBundle(
      {
        index: i + 1,
        namespace: item.contentRef?.namespace || (group.metadata.namespace ?? ''),
        name: item.contentRef?.name ?? '',
        listedHash: item.hash,
      },
      found[i],
    ),
  );
  return {
    group: summarizeGroup(group, index),
    cluster: cluster ? heartbeatOf(cluster) : undefined,
    bundles: checks,
  };
}

function clusterLine(d: GroupDetail, now: Date): string {
  const name = `${d.group.namespace}/${d.group.cluster}`;
  const c = d.cluster;
  if (!c) return `${name} (no SveltosCluster)`;
  const beat = ageOf(c.agentLastReportTime, now);
  const heartbeat = beat ? `agent last heartbeat ${beat} ago` : 'agent has never reported';
  return `${name} (${c.ready ? 'ready' : 'not ready'}, ${heartbeat})`;
}

function statusLine(g: GroupSummary): string {
  const seen = g.observedGeneration === undefined ? 'none' : String(g.observedGeneration);
  const text = `${g.status} (generation ${g.generation ?? '-'}, agent observed ${seen})`;
  return g.failureMessage ? `${text}: ${g.failureMessage}` : text;
}

function hashText(b: BundleCheck): string {
  if (!b.exists) return 'MISSING: the bundle does not exist';
  if (b.verified) return 'hash verified';
  if (!b.listedHash) return 'hash NOT LISTED by the group';
  return `hash MISMATCH: group lists ${shortHash(b.listedHash)}, content is ${shortHash(b.contentHash)}`;
}

function bundleBlock(b: BundleCheck, total: number): string {
  const plural = b.resources === 1 ? 'resource' : 'resources';
  const head = `Bundle ${b.index} of ${total}: ${b.namespace}/${b.name}`;
  const facts = b.exists ? `, ${b.resources} ${plural}, ${humanBytes(b.sizeBytes)}` : '';
  const lines = [`${head}${facts}, ${hashText(b)}`];
  if (b.objects.length > 0) {
    const table = formatTable(b.objects, [
      { header: 'KIND', value: (o) => o.kind },
      { header: 'NAMESPACE', value: (o) => o.namespace ?? '' },
      { header: 'NAME', value: (o) => o.name },
    ]);
    lines.push(
      ...table
        .trimEnd()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  }
  lines.push(...b.unreadable.map((p) => `  ${p}`));
  return `${lines.join('\n')}\n`;
}

/** The text form of `bundles show`. */
export function renderGroupDetail(d: GroupDetail, now: Date): string {
  const g = d.group;
  const fields: Array<[string, string]> = [
    ['Group', `${g.namespace}/${g.name}`],
    ['Cluster', clusterLine(d, now)],
    ['Profile', g.profile ? `${g.profile.kind}/${g.profile.name}` : '<none>'],
    ['Requestor', `${g.requestor.kind || '<none>'}/${g.requestor.name || '<none>'}`],
    ['Feature', g.feature || '<none>'],
    ['Action', g.action],
    ['Phase', g.phase],
    ['Status', statusLine(g)],
    ['Hash', shortHash(g.requestorHash) || '<none>'],
    ['Age', ageOf(g.creationTimestamp, now) || '<unknown>'],
  ];
  const head = fields.map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`).join('\n');
  const blocks = d.bundles.map((b) => bundleBlock(b, d.bundles.length));
  const body = blocks.length > 0 ? blocks.join('\n') : 'No bundles (nothing to apply)\n';
  return `${head}\n\n${body}`;
}
