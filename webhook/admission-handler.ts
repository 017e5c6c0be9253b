// The contract between the HTTP envelope and the per-kind admission logic: a handler turns a
// decoded request into a response, reading other objects only through the context it is given.
// Types plus the shared kind check; tests in server.test.ts.
import type { ValidationContext } from '../api/validation/index.js';
import type { AdmissionRequest } from './admission-review.js';
import type { AdmissionResponse } from './admission-responses.js';
import { errored } from './admission-responses.js';

/** What handlers may ask of the world. */
export interface AdmissionContext {
  /** Stored profiles and clusters; rejects when they cannot be read. */
  lookup(): Promise<ValidationContext>;
  /** Tells the cache about an admitted profile, so back-to-back creates see each other. */
  remember(obj: unknown): void;
}

/** Decides one admission request. May throw; the envelope turns that into an errored response. */
export type AdmissionHandler = (
  request: AdmissionRequest,
  ctx: AdmissionContext,
) => Promise<AdmissionResponse>;

/** An errored (400) response when the request is not for `group`/`kind`, else undefined. */
export function checkRequestKind(
  request: AdmissionRequest,
  group: string,
  kind: string,
): AdmissionResponse | undefined {
  if (request.kind.group === group && request.kind.kind === kind) return undefined;
  const got = `${request.kind.group || 'core'}/${request.kind.kind}`;
  return errored(request.uid, 400, `This endpoint admits ${kind} (${group}), got ${got}`);
}

/** The object of a CREATE/UPDATE with the request's namespace filled in when it is missing. */
export function objectOf(request: AdmissionRequest): Record<string, unknown> | undefined {
  const obj = request.object;
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return undefined;
  const record = obj as Record<string, unknown>;
  const meta = record.metadata;
  if (!request.namespace || typeof meta !== 'object' || meta === null) return record;
  const metadata = meta as Record<string, unknown>;
  if (metadata.namespace) return record;
  return { ...record, metadata: { ...metadata, namespace: request.namespace } };
}
