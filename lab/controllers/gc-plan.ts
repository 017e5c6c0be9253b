// The garbage collector's decisions as pure functions, in kube's terms (pkg/controller/
// garbagecollector): what to do with a dependent given the state of its owners, and how to
// finalize an owner deleted with Foreground or Orphan propagation. Tests: gc-plan.test.ts.

export type DeletePolicy = 'Background' | 'Foreground' | 'Orphan';

/**
 * State of one owner reference: `solid` (exists, not foreground-deleting), `waiting` (being
 * deleted in the foreground), `absent` (gone or a different uid), `unknown` (kind not served —
 * kube's GC never collects through a reference it cannot resolve).
 */
export type OwnerState = 'solid' | 'waiting' | 'absent' | 'unknown';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/** What happens to a dependent that is not being deleted. */
export type DependentDecision =
  | { action: 'keep'; reason: string }
  | { action: 'removeOwnerRefs'; uids: string[]; reason: string }
  | { action: 'delete'; policy: DeletePolicy; reason: string };

/** Input of {@link decideDependent}. */
export interface DependentInput {
  owners: { uid: string; state: OwnerState }[];
  finalizers: string[];
  hasDependents: boolean;
}

/** Decides a dependent's fate from its owners' states, as kube's attemptToDeleteItem does. */
export function decideDependent(input: DependentInput): DependentDecision {
  const byState = (s: OwnerState): string[] =>
    input.owners.filter((o) => o.state === s).map((o) => o.uid);
  const solid = [...byState('solid'), ...byState('unknown')];
  const absent = byState('absent');
  const waiting = byState('waiting');
  if (input.owners.length === 0) return { action: 'keep', reason: 'no owner references' };
  if (solid.length > 0) {
    return absent.length > 0
      ? { action: 'removeOwnerRefs', uids: absent, reason: 'some owners are gone, others remain' }
      : { action: 'keep', reason: 'an owner exists' };
  }
  if (waiting.length > 0 && input.hasDependents) {
    return { action: 'delete', policy: 'Foreground', reason: 'owner waits for its dependents' };
  }
  return { action: 'delete', policy: ownPolicy(input.finalizers), reason: 'every owner is gone' };
}

/** The propagation a dependent's own finalizers ask for (kube keeps them when collecting it). */
export function ownPolicy(finalizers: string[]): DeletePolicy {
  if (finalizers.includes(ORPHAN_FINALIZER)) return 'Orphan';
  if (finalizers.includes(FOREGROUND_FINALIZER)) return 'Foreground';
  return 'Background';
}

/** A dependent of an owner being finalized. */
export interface DependentOfOwner {
  uid: string;
  deleting: boolean;
  /** Its reference to the owner has `blockOwnerDeletion: true`. */
  blocking: boolean;
  hasDependents: boolean;
  finalizers: string[];
}

/** One step of an owner's finalization, run in order by the executor. */
export type FinalizeStep =
  | { action: 'orphanDependents'; uids: string[] }
  | { action: 'deleteDependents'; targets: { uid: string; policy: DeletePolicy }[] }
  | { action: 'removeFinalizer'; finalizer: string }
  | { action: 'wait'; reason: string };

/**
 * Plans the finalization of an owner that carries a deletionTimestamp: `orphan` first (drop the
 * references, then the finalizer), else `foregroundDeletion` (delete the dependents, keep the
 * finalizer while blocking dependents exist). No step when neither finalizer is present.
 */
export function planFinalization(
  finalizers: string[],
  dependents: DependentOfOwner[],
): FinalizeStep[] {
  if (finalizers.includes(ORPHAN_FINALIZER)) {
    const steps: FinalizeStep[] = [];
    if (dependents.length > 0)
      steps.push({ action: 'orphanDependents', uids: dependents.map((d) => d.uid) });
    return [...steps, { action: 'removeFinalizer', finalizer: ORPHAN_FINALIZER }];
  }
  if (!finalizers.includes(FOREGROUND_FINALIZER)) return [];
  const steps: FinalizeStep[] = [];
  const targets = dependents
    .filter((d) => !d.deleting)
    .map((d) => ({
      uid: d.uid,
      policy: d.hasDependents ? ('Foreground' as const) : ownPolicy(d.finalizers),
    }));
  if (targets.length > 0) steps.push({ action: 'deleteDependents', targets });
  const blocking = dependents.filter((d) => d.blocking).length;
  steps.push(
    blocking === 0
      ? { action: 'removeFinalizer', finalizer: FOREGROUND_FINALIZER }
      : { action: 'wait', reason: `${blocking} blocking dependents remain` },
  );
  return steps;
}
