// Executes the writes of one command run against one cluster and remembers what this run
// created, so a failure can undo exactly that (rollback deletes in reverse order and never
// touches objects that existed before). Reports kubectl-style progress lines; never prints
// object contents (Secrets pass through here). Exercised by the e2e register tests.
import type { KubeClient, KubeObject, ObjectRef } from '../../lib/kube-client.js';
import { refOf } from '../../lib/kube-client.js';
import { CliError } from '../cli-errors.js';
import { FIELD_MANAGER } from './names.js';
import { resourceLabel, writeAction } from './register-plan.js';

/** One write of the run and what it did. */
export interface AppliedObject {
  ref: ObjectRef;
  action: 'created' | 'configured' | 'unchanged';
  object: KubeObject;
}

/** Applies objects with server-side apply and undoes this run's creations on demand. */
export class ApplyRun {
  private readonly created: ObjectRef[] = [];
  readonly applied: AppliedObject[] = [];

  constructor(
    private readonly client: KubeClient,
    private readonly progress: (line: string) => void,
  ) {}

  /** Creates the object only if it does not exist (used for namespaces, which we never modify). */
  async ensure(obj: KubeObject): Promise<AppliedObject> {
    const ref = refOf(obj);
    const live = await this.client.get(ref);
    if (live?.metadata['deletionTimestamp']) {
      throw new CliError(
        'BeingDeleted',
        `${resourceLabel(ref)} is being deleted; wait until it is gone, then retry`,
      );
    }
    if (live) return this.record({ ref, action: 'unchanged', object: live });
    const object = await this.client.create(obj, FIELD_MANAGER);
    this.created.push(ref);
    return this.record({ ref, action: 'created', object });
  }

  /** Server-side applies the object; it counts as created by this run if it was absent. */
  async apply(obj: KubeObject): Promise<AppliedObject> {
    const ref = refOf(obj);
    const live = await this.client.get(ref);
    const object = await this.client.apply(obj, FIELD_MANAGER, true);
    if (!live) this.created.push(ref);
    return this.record({ ref, action: writeAction(live, object), object });
  }

  /** Deletes what this run created, newest first; returns the problems it could not undo. */
  async rollback(): Promise<string[]> {
    const problems: string[] = [];
    for (const ref of [...this.created].reverse()) {
      try {
        await this.client.delete(ref);
        this.progress(`${resourceLabel(ref)} deleted (rollback)`);
      } catch (err) {
        problems.push(`${resourceLabel(ref)}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.created.length = 0;
    return problems;
  }

  private record(entry: AppliedObject): AppliedObject {
    this.applied.push(entry);
    this.progress(`${resourceLabel(entry.ref)} ${entry.action}`);
    return entry;
  }
}
