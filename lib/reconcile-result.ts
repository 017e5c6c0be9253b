// The explicit outcome of one reconcile (STYLE §4): the loop that runs reconcilers switches on
// it in one place, so requeue, backoff and terminal failures behave the same for every kind.

export type ReconcileResult =
  | { kind: 'done' }
  | { kind: 'requeueAfter'; delayMs: number }
  | { kind: 'retry'; error: Error }
  | { kind: 'terminal'; error: Error };

export const done = (): ReconcileResult => ({ kind: 'done' });
export const requeueAfter = (delayMs: number): ReconcileResult => ({
  kind: 'requeueAfter',
  delayMs,
});
export const retry = (error: Error): ReconcileResult => ({ kind: 'retry', error });
export const terminal = (error: Error): ReconcileResult => ({ kind: 'terminal', error });

/** An error that retrying cannot fix (bad spec, missing permission); recorded, never retried. */
export class NonRetriableError extends Error {
  override readonly name = 'NonRetriableError';
  readonly reason: string;
  constructor(reason: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}
