// The error every patch module throws for a patch that cannot be applied, rendered as the
// metav1.Status kube-apiserver sends: 422 Invalid with the generic message and the library's
// own wording as the cause, or 400 BadRequest for a patch body of the wrong shape.
import { StatusError } from '../status-errors.js';

const GENERIC_INVALID = 'the server rejected our request due to an error in our request';
// 500 with an empty reason is how kube-apiserver answers a plain (non-Status) library error.
const REASONS = {
  400: 'BadRequest',
  413: 'RequestEntityTooLarge',
  422: 'Invalid',
  500: '',
} as const;

/** HTTP codes a patch failure is answered with. */
export type PatchErrorCode = keyof typeof REASONS;

/**
 * A patch that does not apply. `message` is the specific reason (kube's library wording, e.g.
 * `replace operation does not apply: doc is missing key: /spec/x: missing value`); `toStatus()`
 * renders kube's body: for 422 the generic message with the reason as the only cause.
 */
export class PatchError extends StatusError {
  /** Index of the JSON patch operation that failed, when there is one. */
  readonly operationIndex: number | undefined;

  constructor(message: string, opts: { code?: PatchErrorCode; operationIndex?: number } = {}) {
    const code = opts.code ?? 422;
    super(code, REASONS[code], message, {});
    this.operationIndex = opts.operationIndex;
  }

  override toStatus(): Record<string, unknown> {
    const status = super.toStatus();
    if (this.code !== 422) return status;
    return {
      ...status,
      message: GENERIC_INVALID,
      details: { causes: [{ message: this.message }] },
    };
  }
}
