// metadata.managedFields bookkeeping of kube-apiserver (k8s.io/apimachinery managedfields): the
// manager identities, decoding and encoding entries, the fields no manager ever owns, the cap
// of ten Update managers, and recordUpdate — ownership after a create, update or patch. Pure;
// the server stores what these functions return.
import { FieldSet } from './field-set.js';
import { deepCopy, deepEqual, isObject } from './json-value.js';
import { hasBuiltinStatus, shapeFor } from './typed-shape.js';
import type { Shape } from './typed-shape.js';
import { compareObjects, TypedError } from './typed-walk.js';
import type { Comparison } from './typed-walk.js';
import type { GroupVersionKind, KubeObject, ListTypeLookup, ManagedFieldsEntry } from '../types.js';

/** One manager's entry while it is being worked on. */
export interface ManagerRecord {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

/** Managers by identity (see managerIdentity). */
export type Managed = Map<string, ManagerRecord>;

/** A set filter: the fields a request may own (kube's reset fields are filtered out). */
export type FieldFilter = (set: FieldSet) => FieldSet;

const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';

/** Fields no manager owns (kube's stripMetaManager). */
const STRIPPED = (() => {
  const set = new FieldSet();
  for (const f of ['apiVersion', 'kind', 'metadata']) set.insert([{ field: f }]);
  const meta = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName'];
  for (const f of [...meta, 'generation', 'managedFields', 'resourceVersion']) {
    set.insert([{ field: 'metadata' }, { field: f }]);
  }
  return set;
})();

/** `apps/v1` or `v1`. */
export function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** kube's BuildManagerIdentifier: appliers are one manager across API versions. */
export function managerIdentity(r: Omit<ManagerRecord, 'set' | 'time'>): string {
  const id: Record<string, string> = { manager: r.manager, operation: r.operation };
  if (r.operation === 'Update' && r.apiVersion) id.apiVersion = r.apiVersion;
  if (r.subresource) id.subresource = r.subresource;
  return JSON.stringify(id);
}

/** How conflict messages name a manager: `"helm"`, `"x" with subresource "status" using v1`. */
export function printManager(r: ManagerRecord): string {
  let s = JSON.stringify(r.manager);
  if (r.subresource) s += ` with subresource ${JSON.stringify(r.subresource)}`;
  return r.operation === 'Update' ? `${s} using ${r.apiVersion}` : s;
}

function checkEntry(e: Record<string, unknown>, index: number): void {
  if (e.operation !== 'Apply' && e.operation !== 'Update') {
    throw new Error('operation must be `Apply` or `Update`');
  }
  if (typeof e.apiVersion !== 'string' || e.apiVersion === '') {
    throw new Error('apiVersion must not be empty');
  }
  if (e.fieldsType === undefined || e.fieldsType === '') {
    throw new Error(`missing fieldsType in managed fields entry ${index}`);
  }
  if (e.fieldsType !== 'FieldsV1') {
    throw new Error(
      `invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${index}`,
    );
  }
}

function decodeEntry(entry: unknown, index: number): ManagerRecord {
  const e = isObject(entry) ? entry : {};
  checkEntry(e, index);
  const record: ManagerRecord = {
    manager: typeof e.manager === 'string' ? e.manager : '',
    operation: e.operation as ManagerRecord['operation'],
    apiVersion: e.apiVersion as string,
    set: FieldSet.fromFieldsV1(e.fieldsV1),
  };
  if (typeof e.subresource === 'string' && e.subresource) record.subresource = e.subresource;
  if (typeof e.time === 'string') record.time = e.time;
  return record;
}

/** Decodes `metadata.managedFields`; throws an Error worded as kube's on a malformed entry. */
export function decodeManagedFields(entries: unknown): Managed {
  const managed: Managed = new Map();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new Error('managedFields must be a list');
  entries.forEach((entry, i) => {
    const record = decodeEntry(entry, i);
    managed.set(managerIdentity(record), record);
  });
  return managed;
}

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareEntries(p: ManagerRecord, q: ManagerRecord): number {
  const by = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return (
    by(p.operation, q.operation) ||
    seconds(p.time) - seconds(q.time) ||
    by(p.manager, q.manager) ||
    by(p.apiVersion, q.apiVersion) ||
    by(p.subresource ?? '', q.subresource ?? '')
  );
}

/** The `metadata.managedFields` list kube writes (Apply entries first, then by time). */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] {
  return [...managed.values()].sort(compareEntries).map((r) => ({
    manager: r.manager,
    operation: r.operation,
    apiVersion: r.apiVersion,
    ...(r.time !== undefined ? { time: r.time } : {}),
    fieldsType: 'FieldsV1' as const,
    fieldsV1: r.set.toFieldsV1(),
    ...(r.subresource ? { subresource: r.subresource } : {}),
  }));
}

/** A deep copy of the managers, safe to modify. */
export function cloneManaged(managed: Managed): Managed {
  return new Map([...managed].map(([id, r]) => [id, { ...r }]));
}

/**
 * structured-merge-diff's update step: fields another manager owns that `cmp` shows modified or
 * added are conflicts (returned, nothing changed, unless `force`: then they move away from that
 * manager), removed fields leave every other manager, and empty managers are dropped.
 */
export function reconcileOthers(
  managed: Managed,
  cmp: Comparison,
  self: string,
  force: boolean,
): Map<string, FieldSet> {
  const conflicts = findConflicts(managed, cmp.modified.union(cmp.added), self);
  if (!force && conflicts.size > 0) return conflicts;
  for (const [id, r] of managed) {
    if (id === self) continue;
    const lost = conflicts.get(id);
    r.set = (lost ? r.set.difference(lost) : r.set).difference(cmp.removed);
  }
  for (const [id, r] of managed) if (r.set.isEmpty()) managed.delete(id);
  return conflicts;
}

function findConflicts(managed: Managed, changed: FieldSet, self: string): Map<string, FieldSet> {
  const conflicts = new Map<string, FieldSet>();
  for (const [id, r] of managed) {
    if (id === self) continue;
    const overlap = r.set.intersection(changed);
    if (!overlap.isEmpty()) conflicts.set(id, overlap);
  }
  return conflicts;
}

/** Removes the fields no manager owns; drops the manager when nothing is left. */
export function stripMeta(managed: Managed, id: string): void {
  const record = managed.get(id);
  if (!record) return;
  record.set = record.set.difference(STRIPPED);
  if (record.set.isEmpty()) managed.delete(id);
}

/** kube's capManagersManager: beyond ten Update managers the oldest merge into ancient-changes. */
export function capUpdateManagers(managed: Managed): void {
  const updaters = [...managed].filter(([, r]) => r.operation === 'Update');
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort(
    ([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || (ia < ib ? -1 : ia > ib ? 1 : 0),
  );
  const firstOfVersion = new Map<string, string>();
  let count = updaters.length;
  for (const [id, r] of updaters) {
    if (count <= MAX_UPDATE_MANAGERS) break;
    const first = firstOfVersion.get(r.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(r.apiVersion, id);
      continue;
    }
    mergeIntoBucket(managed, first, id);
    count--;
  }
}

function mergeIntoBucket(managed: Managed, first: string, id: string): void {
  const record = managed.get(id)!;
  const bucket = {
    manager: ANCIENT_CHANGES,
    operation: 'Update' as const,
    apiVersion: record.apiVersion,
  };
  const bucketId = managerIdentity(bucket);
  if (!managed.has(bucketId)) {
    managed.set(bucketId, { ...bucket, set: managed.get(first)!.set });
    managed.delete(first);
  }
  const target = managed.get(bucketId)!;
  target.set = record.set.union(target.set);
  target.time = record.time;
  managed.delete(id);
}

/** The reset-field filter of a request: status writes own only status; main writes of built-ins with status never own it. */
export function resetFilter(gvk: GroupVersionKind, subresource: string | undefined): FieldFilter {
  if (subresource === 'status') return (set) => set.onlyTopField('status');
  if (hasBuiltinStatus(gvk)) return (set) => set.withoutTopField('status');
  return (set) => set;
}

function filterComparison(cmp: Comparison, filter: FieldFilter): Comparison {
  return { added: filter(cmp.added), modified: filter(cmp.modified), removed: filter(cmp.removed) };
}

/** Options of one tracked Update. */
export interface UpdateTracking {
  record: Omit<ManagerRecord, 'set'>;
  shape: Shape;
  filter: FieldFilter;
  now: string;
}

/**
 * Records that `record.manager` changed `liveObj` into `newObj` (structured-merge-diff Update
 * wrapped by kube's managedFieldsUpdater and stripMetaManager); modifies `managed`.
 */
export function trackUpdate(
  managed: Managed,
  liveObj: unknown,
  newObj: unknown,
  t: UpdateTracking,
): void {
  const cmp = filterComparison(compareObjects(liveObj, newObj, t.shape), t.filter);
  reconcileOthers(managed, cmp, '', true);
  const changed = cmp.modified.union(cmp.added).difference(STRIPPED);
  if (changed.isEmpty()) return;
  const id = managerIdentity(t.record);
  const previous = managed.get(id);
  managed.set(id, {
    ...t.record,
    set: previous ? previous.set.union(changed) : changed,
    time: t.now,
  });
  capUpdateManagers(managed);
}

/** A copy of the object without managedFields (what structured merge compares). */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = deepCopy(obj);
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/** Writes `entries` into the object's metadata (removing the key when there are none). */
export function setManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[]): void {
  if (!isObject(obj.metadata)) obj.metadata = {};
  if (entries.length) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

/**
 * kube's IgnoreManagedFieldsTimestampsTransformer: when neither the object nor any entry
 * changed except for timestamps, the live entries (and their times) are kept.
 */
export function keepTimestampsOnNoop(result: KubeObject, live: KubeObject | undefined): void {
  const before = live?.metadata?.managedFields;
  const after = result.metadata.managedFields;
  if (!live || !Array.isArray(before) || !after || before.length !== after.length) return;
  if (!deepEqual(withoutManagedFields(result), withoutManagedFields(live))) return;
  const sameButTime = after.every((e, i) =>
    deepEqual({ ...e, time: undefined }, { ...before[i], time: undefined }),
  );
  if (sameButTime) result.metadata.managedFields = deepCopy(before);
}

/** trackUpdate that reports an untypeable object as false (kube's UpdateNoErrors). */
function tryTrackUpdate(
  managed: Managed,
  live: KubeObject | undefined,
  result: KubeObject,
  tracking: UpdateTracking,
): boolean {
  try {
    trackUpdate(managed, live ? withoutManagedFields(live) : {}, result, tracking);
    return true;
  } catch (e) {
    if (e instanceof TypedError) return false;
    throw e;
  }
}

/** The identity of an Update by `manager` (kube names a nameless manager `unknown`). */
export function updateRecord(
  manager: string,
  gvk: GroupVersionKind,
  subresource: string | undefined,
): Omit<ManagerRecord, 'set'> {
  const record = {
    manager: manager || 'unknown',
    operation: 'Update' as const,
    apiVersion: apiVersionOf(gvk),
  };
  return subresource ? { ...record, subresource } : record;
}

function isResetRequest(entries: unknown): boolean {
  if (!Array.isArray(entries)) return false;
  return (
    entries.length === 0 ||
    (entries.length === 1 && isObject(entries[0]) && Object.keys(entries[0]).length === 0)
  );
}

function decodeOrEmpty(entries: unknown): Managed {
  try {
    return decodeManagedFields(entries);
  } catch {
    return new Map();
  }
}

/** kube's decodeLiveOrNew: the request's own managedFields win unless empty or a subresource write. */
function managedForUpdate(
  live: KubeObject | undefined,
  updated: KubeObject,
  isSubresource: boolean,
): Managed {
  const liveEntries = live?.metadata?.managedFields;
  if (isSubresource) return decodeOrEmpty(liveEntries);
  const requested = updated.metadata?.managedFields;
  if (isResetRequest(requested)) return new Map();
  const managed = decodeOrEmpty(requested);
  return managed.size > 0 ? managed : decodeOrEmpty(liveEntries);
}

/**
 * managedFields after a create (`live` undefined), update or non-apply patch by `manager`:
 * the fields this write changed now belong to `manager` (operation Update, `subresource` as
 * given) and leave every other manager; managers left with nothing are dropped; never-tracked
 * fields (name, uid, resourceVersion, …) are excluded. As kube, an existing object without
 * managedFields stays untracked, a request may reset them with `[]`, and a failure to type the
 * object keeps the live entries. Returns a new object; never throws for malformed lists.
 */
export function recordUpdate(input: {
  live: KubeObject | undefined;
  updated: KubeObject;
  manager: string;
  now: string;
  subresource?: string;
  gvk: GroupVersionKind;
  listTypes?: ListTypeLookup;
}): KubeObject {
  const { live, updated, gvk, subresource } = input;
  const managed = managedForUpdate(live, updated, Boolean(subresource));
  const result = withoutManagedFields(updated);
  if (managed.size === 0 && live?.metadata?.uid) return result;
  const tracking: UpdateTracking = {
    record: updateRecord(input.manager, gvk, subresource),
    shape: shapeFor(gvk, input.listTypes),
    filter: resetFilter(gvk, subresource),
    now: input.now,
  };
  if (!tryTrackUpdate(managed, live, result, tracking)) {
    setManagedFields(result, live?.metadata?.managedFields ?? []);
    return result;
  }
  setManagedFields(result, encodeManagedFields(managed));
  keepTimestampsOnNoop(result, live);
  return result;
}
