// Which informer updates are worth a reconcile. Status-only updates (the controller's own
// writes) are not: only generation, labels, annotations, finalizers or deletion count, as
// controller-runtime's GenerationChanged + label/annotation predicates do. Pure.
import { jsonEqual } from './status-writer.js';

interface Meta {
  metadata?: {
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
    deletionTimestamp?: string;
  };
}

function comparable(obj: Meta): unknown[] {
  const m = obj.metadata ?? {};
  return [
    m.generation,
    m.deletionTimestamp,
    m.labels ?? {},
    m.annotations ?? {},
    m.finalizers ?? [],
  ];
}

/** True when anything but status changed (always true without a previous object). */
export function metaChanged(obj: Meta, old: Meta | undefined): boolean {
  return !old || !jsonEqual(comparable(obj), comparable(old));
}

/** True when the labels changed (or the object is new or being deleted). */
export function labelsChanged(obj: Meta, old: Meta | undefined): boolean {
  if (!old) return true;
  return (
    obj.metadata?.deletionTimestamp !== old.metadata?.deletionTimestamp ||
    !jsonEqual(obj.metadata?.labels ?? {}, old.metadata?.labels ?? {})
  );
}
