// Finds and loads a cluster's kubeconfig exactly as kubectl does: `--kubeconfig` wins, else every
// file in KUBECONFIG merged (first file to define a name or current-context wins, missing files
// skipped), else ~/.kube/config; then `--context` or the current context picks one cluster/user.
// No client-node here (the CLI's `--help` must not load it); nothing is read at import time and
// no kubeconfig content ever goes into an error message. Tests: kubeconfig.test.ts.
import { readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { loadAll } from 'js-yaml';

export { buildTokenKubeconfig, kubeconfigToYaml } from './kubeconfig-build.js';
export type { TokenKubeconfigInput } from './kubeconfig-build.js';

/** Why loading failed; stable values for tests and exit-code mapping. */
export type KubeconfigErrorReason =
  | 'KubeconfigNotFound'
  | 'KubeconfigMalformed'
  | 'NoCurrentContext'
  | 'ContextNotFound'
  | 'ClusterNotFound'
  | 'UserNotFound';

/** A kubeconfig that cannot be used; the message names the file(s) and the entry at fault. */
export class KubeconfigError extends Error {
  override readonly name = 'KubeconfigError';
  constructor(
    readonly reason: KubeconfigErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One named entry of a kubeconfig list (`clusters`, `users`, `contexts`), kept raw. */
interface NamedEntry {
  name: string;
  [key: string]: unknown;
}

/** The merged kubeconfig document (only the fields this module reads are typed). */
export interface KubeconfigDoc {
  clusters: NamedEntry[];
  users: NamedEntry[];
  contexts: NamedEntry[];
  'current-context'?: string;
}

/** Where the kubeconfig comes from; `env` and `homeDir` are passed in, never read globally. */
export interface KubeconfigSource {
  /** `--kubeconfig=FILE`: the only file read when set. */
  kubeconfig?: string | undefined;
  /** `--context=NAME`: overrides the current context. */
  context?: string | undefined;
  /** The value of the KUBECONFIG environment variable. */
  kubeconfigEnv?: string | undefined;
  /** The user's home directory, for `~/.kube/config`. */
  homeDir: string;
}

/** The selected context, flattened into a self-contained one-context kubeconfig. */
export interface LoadedKubeconfig {
  /** Files that were read, in merge order. */
  files: string[];
  contextName: string;
  clusterName: string;
  userName: string;
  /** The context's namespace, if it sets one. */
  namespace?: string | undefined;
  /** The API server URL of the selected cluster. */
  server: string;
  /** Base64 PEM of the cluster CA, if the kubeconfig has one. */
  caData?: string | undefined;
  insecureSkipTlsVerify: boolean;
  /** One-context kubeconfig with file references inlined; holds credentials, never print it. */
  doc: KubeconfigDoc;
}

/** The files kubectl would read, in order (`--kubeconfig`, else KUBECONFIG, else ~/.kube/config). */
export function kubeconfigPaths(source: KubeconfigSource): string[] {
  if (source.kubeconfig) return [resolve(source.kubeconfig)];
  const fromEnv = (source.kubeconfigEnv ?? '').split(delimiter).filter((p) => p.length > 0);
  if (fromEnv.length > 0) return [...new Set(fromEnv.map((p) => resolve(p)))];
  return [join(source.homeDir, '.kube', 'config')];
}

/**
 * Loads and merges the kubeconfig files of `source` and selects the context.
 * Throws KubeconfigError naming the file for a missing or malformed file, and naming the
 * context/cluster/user when the selection cannot be resolved.
 */
export function loadKubeconfig(source: KubeconfigSource): LoadedKubeconfig {
  const paths = kubeconfigPaths(source);
  const docs = readKubeconfigFiles(paths, source.kubeconfig !== undefined);
  const merged = mergeKubeconfigs(docs.map((d) => d.doc));
  return selectContext(
    merged,
    docs.map((d) => d.file),
    source.context,
  );
}

/**
 * Parses one kubeconfig given as text (e.g. the managed cluster's file in `register cluster`),
 * resolving relative file references against `file`, and selects `context` or its current one.
 */
export function parseKubeconfig(text: string, file: string, context?: string): LoadedKubeconfig {
  const doc = parseKubeconfigText(text, file);
  return selectContext(doc, [file], context);
}

function readKubeconfigFiles(
  paths: string[],
  explicit: boolean,
): Array<{ file: string; doc: KubeconfigDoc }> {
  const found: Array<{ file: string; doc: KubeconfigDoc }> = [];
  for (const file of paths) {
    const text = readOptionalFile(file, explicit || paths.length === 1);
    if (text !== undefined) found.push({ file, doc: parseKubeconfigText(text, file) });
  }
  if (found.length === 0) {
    const names = paths.map((p) => `"${p}"`).join(', ');
    throw new KubeconfigError('KubeconfigNotFound', `Kubeconfig file ${names} does not exist`);
  }
  return found;
}

/** Reads a file; a missing one is an error when `required`, else skipped (kubectl's KUBECONFIG rule). */
function readOptionalFile(file: string, required: boolean): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !required) return undefined;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`;
    throw new KubeconfigError('KubeconfigNotFound', `Kubeconfig file "${file}" ${why}`, {
      cause: err,
    });
  }
}

/** Parses and shape-checks one kubeconfig file; file references become absolute paths. */
export function parseKubeconfigText(text: string, file: string): KubeconfigDoc {
  let docs: unknown[];
  try {
    docs = loadAll(text);
  } catch (err) {
    const reason = firstLine(err instanceof Error ? err.message : String(err));
    throw new KubeconfigError(
      'KubeconfigMalformed',
      `Error loading kubeconfig file "${file}": ${reason}`,
      { cause: err },
    );
  }
  const raw = docs.find((d) => d !== null && d !== undefined) ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw malformed(file, 'the document is not a mapping');
  }
  const doc = shapeKubeconfig(raw as Record<string, unknown>, file);
  resolveFileReferences(doc, dirname(file));
  return doc;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function malformed(file: string, why: string): KubeconfigError {
  return new KubeconfigError(
    'KubeconfigMalformed',
    `Error loading kubeconfig file "${file}": ${why}`,
  );
}

function shapeKubeconfig(raw: Record<string, unknown>, file: string): KubeconfigDoc {
  const current = raw['current-context'];
  if (current !== undefined && current !== null && typeof current !== 'string') {
    throw malformed(file, 'current-context must be a string');
  }
  return {
    clusters: namedList(raw, 'clusters', file),
    users: namedList(raw, 'users', file),
    contexts: namedList(raw, 'contexts', file),
    ...(current ? { 'current-context': current } : {}),
  };
}

function namedList(raw: Record<string, unknown>, key: string, file: string): NamedEntry[] {
  const list = raw[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw malformed(file, `${key} must be a list`);
  return list.map((entry: unknown, i) => {
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof (entry as NamedEntry).name !== 'string'
    ) {
      throw malformed(file, `${key}[${i}].name must be a string`);
    }
    return entry as NamedEntry;
  });
}

const CLUSTER_FILE_KEYS = ['certificate-authority'];
const USER_FILE_KEYS = ['client-certificate', 'client-key', 'tokenFile'];

/** kubectl resolves relative file references against the kubeconfig file's own folder. */
function resolveFileReferences(doc: KubeconfigDoc, baseDir: string): void {
  for (const entry of doc.clusters) resolveKeys(entry['cluster'], CLUSTER_FILE_KEYS, baseDir);
  for (const entry of doc.users) resolveKeys(entry['user'], USER_FILE_KEYS, baseDir);
}

function resolveKeys(section: unknown, keys: string[], baseDir: string): void {
  if (typeof section !== 'object' || section === null) return;
  const record = section as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value !== '' && !isAbsolute(value)) {
      record[key] = join(baseDir, value);
    }
  }
}

/** Merges kubeconfigs the way client-go does: the first definition of a name wins. */
export function mergeKubeconfigs(docs: KubeconfigDoc[]): KubeconfigDoc {
  const merged: KubeconfigDoc = { clusters: [], users: [], contexts: [] };
  for (const doc of docs) {
    appendNew(merged.clusters, doc.clusters);
    appendNew(merged.users, doc.users);
    appendNew(merged.contexts, doc.contexts);
    if (!merged['current-context'] && doc['current-context']) {
      merged['current-context'] = doc['current-context'];
    }
  }
  return merged;
}

function appendNew(target: NamedEntry[], entries: NamedEntry[]): void {
  for (const entry of entries) {
    if (!target.some((t) => t.name === entry.name)) target.push(entry);
  }
}

function filesLabel(files: string[]): string {
  return files.map((f) => `"${f}"`).join(', ');
}

/**
 * Selects `contextName` (or the current context) in a merged kubeconfig and returns it as a
 * self-contained one-context kubeconfig (certificate files inlined, like `--minify --flatten`).
 */
export function selectContext(
  doc: KubeconfigDoc,
  files: string[],
  contextName?: string,
): LoadedKubeconfig {
  const name = contextName || doc['current-context'];
  if (!name) {
    throw new KubeconfigError(
      'NoCurrentContext',
      `Kubeconfig ${filesLabel(files)} sets no current-context; pass --context`,
    );
  }
  const context = findEntry(doc.contexts, name, { kind: 'context', files });
  const ctx = section(context, 'context');
  const clusterName = stringField(ctx, 'cluster');
  const userName = stringField(ctx, 'user');
  const cluster = findEntry(doc.clusters, clusterName, {
    kind: 'cluster',
    files,
    contextName: name,
  });
  const user = userName
    ? findEntry(doc.users, userName, { kind: 'user', files, contextName: name })
    : undefined;
  return describeSelection({ files, name, context, cluster, user });
}

interface Lookup {
  kind: 'context' | 'cluster' | 'user';
  files: string[];
  contextName?: string;
}

function findEntry(list: NamedEntry[], name: string, lookup: Lookup): NamedEntry {
  const found = list.find((e) => e.name === name);
  if (found) return found;
  const { kind, files, contextName } = lookup;
  const reason = (
    { context: 'ContextNotFound', cluster: 'ClusterNotFound', user: 'UserNotFound' } as const
  )[kind];
  const where = contextName ? ` (used by context "${contextName}")` : '';
  throw new KubeconfigError(
    reason,
    `${capitalise(kind)} "${name}"${where} does not exist in kubeconfig ${filesLabel(files)}`,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function section(entry: NamedEntry | undefined, key: string): Record<string, unknown> {
  const value = entry?.[key];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function stringField(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

interface Selection {
  files: string[];
  name: string;
  context: NamedEntry;
  cluster: NamedEntry;
  user: NamedEntry | undefined;
}

function describeSelection(sel: Selection): LoadedKubeconfig {
  const clusterSection = inlineFiles(section(sel.cluster, 'cluster'), {
    'certificate-authority': 'certificate-authority-data',
  });
  const server = stringField(clusterSection, 'server');
  if (!server) {
    throw new KubeconfigError(
      'KubeconfigMalformed',
      `Cluster "${sel.cluster.name}" in kubeconfig ${filesLabel(sel.files)} has no server`,
    );
  }
  const userSection = inlineFiles(section(sel.user, 'user'), {
    'client-certificate': 'client-certificate-data',
    'client-key': 'client-key-data',
  });
  const ctx = section(sel.context, 'context');
  const userName = sel.user?.name ?? '';
  return {
    files: sel.files,
    contextName: sel.name,
    clusterName: sel.cluster.name,
    userName,
    namespace: stringField(ctx, 'namespace') || undefined,
    server: server.replace(/\/+$/, ''),
    caData: stringField(clusterSection, 'certificate-authority-data') || undefined,
    insecureSkipTlsVerify: clusterSection['insecure-skip-tls-verify'] === true,
    doc: {
      clusters: [{ name: sel.cluster.name, cluster: clusterSection }],
      users: [{ name: userName, user: userSection }],
      contexts: [{ name: sel.name, context: ctx }],
      'current-context': sel.name,
    },
  };
}

/** Replaces file references by their base64 content so the kubeconfig stands alone. */
function inlineFiles(
  record: Record<string, unknown>,
  keys: Record<string, string>,
): Record<string, unknown> {
  const out = { ...record };
  for (const [fileKey, dataKey] of Object.entries(keys)) {
    const path = out[fileKey];
    if (typeof path !== 'string' || path === '' || out[dataKey]) continue;
    out[dataKey] = readReferencedFile(path, fileKey).toString('base64');
    delete out[fileKey];
  }
  return out;
}

function readReferencedFile(path: string, key: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new KubeconfigError(
      'KubeconfigNotFound',
      `File "${path}" named by ${key} in the kubeconfig cannot be read`,
      { cause: err },
    );
  }
}
