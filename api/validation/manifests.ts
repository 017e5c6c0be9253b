// Offline validation of YAML text holding any number of documents (`kubectl sveltos validate -f`):
// each ClusterProfile, Profile and SveltosCluster is validated as on create, with the profiles of
// the same text added to `ctx.profiles` so dependency cycles across files are caught; other kinds
// are reported as skipped. Pure; tests in manifests.test.ts.
import { loadAll } from 'js-yaml';
import type { FieldProblem } from '../field-problem.js';
import { isRecord, problem } from './field-checks.js';
import { validateProfileCreate } from './profile.js';
import {
  CLUSTER_PROFILE_KIND,
  PROFILE_KIND,
  profileKey,
  readProfileScope,
} from './profile-scope.js';
import type { ObjectLike, ValidationContext } from './result.js';
import { validateSveltosClusterCreate } from './sveltos-cluster.js';

/** The outcome for one document (or one item of a `kind: List`). */
export interface ManifestResult {
  /** 1-based position of the document in the text. */
  document: number;
  kind?: string;
  name?: string;
  namespace?: string;
  status: 'valid' | 'invalid' | 'skipped';
  warnings: string[];
  fieldErrors: FieldProblem[];
}

export interface ValidateManifestsOptions {
  /** Namespace given to namespaced objects that name none (kubectl's `-n`); default `default`. */
  defaultNamespace?: string;
}

const PROFILE_KINDS: readonly string[] = [CLUSTER_PROFILE_KIND, PROFILE_KIND];

/**
 * Validates every document of a (multi-document) YAML text. Never throws: a document that is
 * not YAML is an `invalid` result naming the parse error. Empty documents are dropped.
 */
export function validateManifests(
  yamlText: string,
  ctx: ValidationContext = {},
  options: ValidateManifestsOptions = {},
): ManifestResult[] {
  const parsed = splitDocuments(yamlText).map((text, i) => parseDocument(text, i + 1));
  const objects = parsed.flatMap((doc) => (doc.error ? [] : expandList(doc.value, doc.document)));
  const namespace = options.defaultNamespace ?? 'default';
  objects.forEach((o) => defaultNamespace(o.value, namespace));
  const fileProfiles = objects.map((o) => o.value).filter(isProfile);
  const results = parsed.filter((doc) => doc.error).map((doc) => parseFailure(doc));
  for (const { value, document } of objects) {
    results.push(validateOne(value, document, mergeProfiles(ctx, fileProfiles)));
  }
  return results.sort((a, b) => a.document - b.document);
}

interface ParsedDocument {
  document: number;
  value?: unknown;
  error?: string;
}

/** Splits on `---` document markers (a marker may carry a trailing comment). */
function splitDocuments(text: string): string[] {
  return text.split(/^---[ \t]*(?:#.*)?$/m);
}

function parseDocument(text: string, document: number): ParsedDocument {
  try {
    const values = loadAll(text);
    return { document, value: values.length > 1 ? { kind: 'List', items: values } : values[0] };
  } catch (err) {
    return { document, error: (err as { reason?: string }).reason ?? String(err) };
  }
}

function parseFailure(doc: ParsedDocument): ManifestResult {
  return {
    document: doc.document,
    status: 'invalid',
    warnings: [],
    fieldErrors: [problem('', undefined, `not valid YAML: ${doc.error ?? ''}`)],
  };
}

function expandList(value: unknown, document: number): { value: unknown; document: number }[] {
  if (value === undefined || value === null) return [];
  if (isRecord(value) && value.kind === 'List' && Array.isArray(value.items)) {
    return value.items.map((item) => ({ value: item as unknown, document }));
  }
  return [{ value, document }];
}

function defaultNamespace(value: unknown, namespace: string): void {
  if (!isRecord(value) || !isRecord(value.metadata)) return;
  if (value.kind === PROFILE_KIND || value.kind === 'SveltosCluster') {
    value.metadata.namespace ??= namespace;
  }
}

function isProfile(value: unknown): value is ObjectLike {
  return isRecord(value) && PROFILE_KINDS.includes(value.kind as string);
}

/** Stored profiles, with those redefined in the text replaced by the text's version. */
function mergeProfiles(ctx: ValidationContext, fileProfiles: ObjectLike[]): ValidationContext {
  if (fileProfiles.length === 0) return ctx;
  const redefined = new Set(fileProfiles.map((p) => profileKey(readProfileScope(p))));
  const stored = (ctx.profiles ?? []).filter(
    (p) => !redefined.has(profileKey(readProfileScope(p))),
  );
  return { ...ctx, profiles: [...stored, ...fileProfiles] };
}

function validateOne(value: unknown, document: number, ctx: ValidationContext): ManifestResult {
  const identity = readIdentity(value);
  const base = { document, ...identity };
  if (isProfile(value)) return withStatus(base, validateProfileCreate(value, ctx));
  if (identity.kind === 'SveltosCluster')
    return withStatus(base, validateSveltosClusterCreate(value));
  if (!isRecord(value)) {
    const fieldErrors = [problem('', value, 'must be a Kubernetes object')];
    return { ...base, status: 'invalid', warnings: [], fieldErrors };
  }
  return { ...base, status: 'skipped', warnings: [], fieldErrors: [] };
}

function readIdentity(value: unknown): Pick<ManifestResult, 'kind' | 'name' | 'namespace'> {
  const record = isRecord(value) ? value : {};
  const meta = isRecord(record.metadata) ? record.metadata : {};
  return {
    kind: typeof record.kind === 'string' ? record.kind : undefined,
    name: typeof meta.name === 'string' ? meta.name : undefined,
    namespace: typeof meta.namespace === 'string' ? meta.namespace : undefined,
  };
}

function withStatus(
  base: Omit<ManifestResult, 'status' | 'warnings' | 'fieldErrors'>,
  result: { warnings: string[]; fieldErrors: FieldProblem[] },
): ManifestResult {
  const status = result.fieldErrors.length > 0 ? 'invalid' : 'valid';
  return { ...base, status, ...result };
}
