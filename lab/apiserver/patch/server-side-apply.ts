// Server-side apply (`application/apply-patch+yaml`) as kube-apiserver does it: the applied
// configuration is merged into the live object by the kind's schema, the configuration's field
// set becomes the manager's Apply entry, fields the manager stops applying are removed unless
// someone else owns them, and changing another manager's field is a 409 conflict unless forced.
// Ported from structured-merge-diff merge/update.go and kube's managedfields wrappers. Pure.
import { FieldSet, pathString } from './field-set.js';
import { deepCopy, isObject } from './json-value.js';
import {
  apiVersionOf,
  cloneManaged,
  decodeManagedFields,
  encodeManagedFields,
  keepTimestampsOnNoop,
  managerIdentity,
  printManager,
  reconcileOthers,
  resetFilter,
  setManagedFields,
  stripMeta,
  trackUpdate,
  updateRecord,
  withoutManagedFields,
} from './managed-fields.js';
import type { FieldFilter, Managed, ManagerRecord } from './managed-fields.js';
import { StatusError } from '../status-errors.js';
import { shapeFor } from './typed-shape.js';
import type { Shape } from './typed-shape.js';
import { mergeObjects } from './typed-merge.js';
import {
  compareObjects,
  ensureNamedFieldsAreMembers,
  removeItems,
  toFieldSet,
  TypedError,
} from './typed-walk.js';
import { validateTyped } from './typed-validate.js';
import type { GroupVersionKind, KubeObject, ListTypeLookup } from '../types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** One field another manager owns with a different value. */
export interface ApplyConflict {
  /** The manager as kube prints it: `"helm"`, `"kubectl-client-side-apply" using v1`. */
  manager: string;
  /** kube's field path: `.data.key`, `.spec.containers[name="nginx"].image`. */
  field: string;
}

function conflictMessage(conflicts: ApplyConflict[]): string {
  if (conflicts.length === 1) {
    const [c] = conflicts;
    return `Apply failed with 1 conflict: conflict with ${c.manager}: ${c.field}`;
  }
  const lines: string[] = [];
  for (const manager of new Set(conflicts.map((c) => c.manager))) {
    lines.push(`conflicts with ${manager}:`);
    for (const c of conflicts) if (c.manager === manager) lines.push(`- ${c.field}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/**
 * 409 Conflict of an apply that would change fields other managers own, with kube's exact
 * message and one `FieldManagerConflict` cause per field; `toStatus()` is the response body.
 */
export class ApplyConflictError extends StatusError {
  readonly conflicts: ApplyConflict[];

  constructor(conflicts: ApplyConflict[]) {
    const causes = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with ${c.manager}`,
      field: c.field,
    }));
    super(409, 'Conflict', conflictMessage(conflicts), { causes });
    this.conflicts = conflicts;
  }
}

/** Conflicting paths per manager identity, before they are worded. */
type ConflictSets = Map<string, FieldSet>;

class ConflictSignal extends Error {
  constructor(
    readonly sets: ConflictSets,
    readonly managed: Managed,
  ) {
    super('apply conflict');
  }
}

function toConflicts(sets: ConflictSets, managed: Managed): ApplyConflict[] {
  const out: ApplyConflict[] = [];
  for (const id of [...sets.keys()].sort()) {
    const manager = printManager(managed.get(id)!);
    for (const path of sets.get(id)!.paths()) out.push({ manager, field: pathString(path) });
  }
  return out;
}

interface ApplyContext {
  shape: Shape;
  filter: FieldFilter;
  record: Omit<ManagerRecord, 'set'>;
  now: string;
}

/**
 * structured-merge-diff prune: remove what the manager applied last time and no longer applies,
 * unless a manager owns it now. Kube's three steps: drop the whole last set, add back whatever
 * anyone owns (addBackOwnedItems), then remove only what was in the last set (addBackDanglingItems).
 */
function prune(
  merged: unknown,
  managed: Managed,
  lastSet: FieldSet | undefined,
  shape: Shape,
): unknown {
  if (!lastSet || lastSet.isEmpty()) return merged;
  const named = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, shape);
  const last = named(lastSet);
  const mergedSet = named(toFieldSet(merged, shape));
  const owned = [...managed.values()].reduce((acc, r) => acc.union(r.set), new FieldSet());
  const dropped = removeItems(merged, last, shape);
  const keep = named(toFieldSet(dropped, shape)).union(named(owned));
  const ownedBack = removeItems(merged, mergedSet.difference(keep), shape);
  const dangling = mergedSet.difference(named(toFieldSet(ownedBack, shape))).intersection(last);
  return removeItems(merged, dangling, shape);
}

/** One apply attempt; throws ConflictSignal (nothing changed) when not forced. */
function applyOnce(
  state: { liveObj: unknown; applied: unknown; managed: Managed },
  ctx: ApplyContext,
  force: boolean,
): { object: unknown; managed: Managed } {
  const { liveObj, applied } = state;
  const managed = cloneManaged(state.managed);
  const id = managerIdentity(ctx.record);
  const lastSet = managed.get(id)?.set;
  const merged = mergeObjects(liveObj, applied, ctx.shape) ?? {};
  managed.set(id, {
    ...ctx.record,
    time: managed.get(id)?.time,
    set: ctx.filter(toFieldSet(applied, ctx.shape)),
  });
  const object = prune(merged, managed, lastSet, ctx.shape) ?? {};
  const cmp = compareObjects(liveObj, object, ctx.shape);
  const filtered = {
    added: ctx.filter(cmp.added),
    modified: ctx.filter(cmp.modified),
    removed: ctx.filter(cmp.removed),
  };
  const conflicts = reconcileOthers(managed, filtered, id, force);
  if (!force && conflicts.size > 0) throw new ConflictSignal(conflicts, managed);
  stripMeta(managed, id);
  const own = managed.get(id);
  if (own) own.time = ctx.now;
  return { object, managed };
}

/** kube's lastAppliedManager: fields kubectl client-side applied with today's values are not conflicts. */
function allowedFromLastApplied(
  live: KubeObject | undefined,
  shape: Shape,
  apiVersion: string,
): FieldSet | undefined {
  const text = live?.metadata?.annotations?.[LAST_APPLIED];
  if (!live || !text) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(last) || last.apiVersion !== apiVersion) return undefined;
  const cmp = compareObjects(last, withoutManagedFields(live), shape);
  return toFieldSet(last, shape)
    .difference(cmp.modified)
    .difference(cmp.added)
    .difference(cmp.removed);
}

function withoutAllowed(sets: ConflictSets, allowed: FieldSet): ConflictSets {
  const out: ConflictSets = new Map();
  for (const [id, set] of sets) {
    const rest = set.difference(allowed);
    if (!rest.isEmpty()) out.set(id, rest);
  }
  return out;
}

/** What serverSideApply needs; see serverSideApply. */
export interface ApplyInput {
  live: KubeObject | undefined;
  applied: KubeObject;
  manager: string;
  force: boolean;
  now: string;
  subresource?: string;
  gvk: GroupVersionKind;
  listTypes?: ListTypeLookup;
}

/** Runs the apply; for manager `kubectl`, conflicts covered by the last-applied annotation are forced. */
function applyWithUpgrade(
  input: ApplyInput,
  liveObj: unknown,
  managed: Managed,
  ctx: ApplyContext,
): { object: unknown; managed: Managed } {
  try {
    return applyOnce({ liveObj, applied: input.applied, managed }, ctx, input.force);
  } catch (e) {
    if (!(e instanceof ConflictSignal)) throw e;
    const allowed =
      input.manager === 'kubectl'
        ? allowedFromLastApplied(input.live, ctx.shape, ctx.record.apiVersion)
        : undefined;
    const remaining = allowed ? withoutAllowed(e.sets, allowed) : e.sets;
    if (remaining.size > 0) throw new ApplyConflictError(toConflicts(remaining, e.managed));
    return applyOnce({ liveObj, applied: input.applied, managed }, ctx, true);
  }
}

/** Go's encoding/json of a decoded object: keys sorted at every level. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (!isObject(value)) return JSON.stringify(value);
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
}

/** kube's lastAppliedUpdater: `kubectl` applies keep an existing last-applied annotation current. */
function updateLastApplied(result: KubeObject, applied: KubeObject, manager: string): void {
  const annotations = result.metadata.annotations;
  if (manager !== 'kubectl' || !annotations?.[LAST_APPLIED]) return;
  const config = deepCopy(applied);
  if (config.metadata?.annotations) delete config.metadata.annotations[LAST_APPLIED];
  annotations[LAST_APPLIED] = `${sortedJson(config)}\n`;
}

function checkApplied(applied: KubeObject, apiVersion: string): void {
  if (applied.metadata?.managedFields !== undefined) {
    throw new StatusError(400, 'BadRequest', 'metadata.managedFields must be nil', {});
  }
  if (applied.apiVersion !== undefined && applied.apiVersion !== apiVersion) {
    const message = `Incorrect version specified in apply patch. Specified patch version: ${applied.apiVersion}, expected: ${apiVersion}`;
    throw new StatusError(400, 'BadRequest', message, {});
  }
}

/** kube's `(namespace/name; apps/v1, Kind=Deployment)` of typed-conversion errors. */
function describe(obj: KubeObject, gvk: GroupVersionKind): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}; ${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

function typedOrFail(
  value: KubeObject,
  shape: Shape,
  what: 'patch' | 'live',
  gvk: GroupVersionKind,
): void {
  try {
    validateTyped(value, shape, what === 'live');
  } catch (e) {
    if (!(e instanceof TypedError)) throw e;
    throw new StatusError(
      500,
      '',
      `failed to create typed ${what} object (${describe(value, gvk)}): ${e.message}`,
      {},
    );
  }
}

function decodeLive(live: KubeObject | undefined): Managed {
  try {
    return decodeManagedFields(live?.metadata?.managedFields);
  } catch (e) {
    throw new StatusError(500, '', `failed to decode managed fields: ${(e as Error).message}`, {});
  }
}

/**
 * Applies `applied` for field manager `manager` to `live` (undefined: create) and returns the
 * new object with its managedFields. Lists merge by the kind's keys: built-in merge keys from
 * the Go types, CRD lists through `listTypes` (x-kubernetes-list-type; default atomic). Throws
 * ApplyConflictError (409) when the apply would change a field another manager owns and `force`
 * is false; StatusError 400 for managedFields or a wrong apiVersion in the configuration, 500
 * for lists kube cannot type (duplicate or missing keys). An Update manager holding the same
 * value as applied is no conflict: both then own the field.
 */
export function serverSideApply(input: ApplyInput): KubeObject {
  const { live, gvk } = input;
  // The merge hands out subtrees of the configuration; a copy keeps the caller's object intact.
  const applied = deepCopy(input.applied);
  const apiVersion = apiVersionOf(gvk);
  checkApplied(applied, apiVersion);
  const shape = shapeFor(gvk, input.listTypes);
  typedOrFail(applied, shape, 'patch', gvk);
  if (live) typedOrFail(live, shape, 'live', gvk);
  const ctx: ApplyContext = {
    shape,
    filter: resetFilter(gvk, input.subresource),
    record: {
      manager: input.manager,
      operation: 'Apply',
      apiVersion,
      ...(input.subresource ? { subresource: input.subresource } : {}),
    },
    now: input.now,
  };
  const managed = decodeLive(live);
  const liveObj = live ? withoutManagedFields(live) : {};
  if (managed.size === 0 && live) {
    const record = updateRecord('before-first-apply', gvk, input.subresource);
    trackUpdate(managed, {}, liveObj, { record, shape, filter: ctx.filter, now: input.now });
  }
  const { object, managed: after } = applyWithUpgrade({ ...input, applied }, liveObj, managed, ctx);
  const result = object as KubeObject;
  updateLastApplied(result, applied, input.manager);
  setManagedFields(result, encodeManagedFields(after));
  keepTimestampsOnNoop(result, live);
  return result;
}
