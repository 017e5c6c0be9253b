// Admission of ClusterProfile and Profile: validates creates and updates with the pure
// validators of api/validation, reading stored profiles (dependency cycles, release overlaps)
// only when the spec needs them. Deletes are allowed with warnings. Tests in server.test.ts.
import { CONFIG_GROUP } from '../api/gvk.js';
import type { ValidationContext, ValidationResult } from '../api/validation/index.js';
import {
  validateProfileCreate,
  validateProfileDelete,
  validateProfileUpdate,
} from '../api/validation/index.js';
import type { AdmissionContext, AdmissionHandler } from './admission-handler.js';
import { checkRequestKind, objectOf } from './admission-handler.js';
import type { AdmissionRequest } from './admission-review.js';
import type { AdmissionResponse } from './admission-responses.js';
import { allowed, denied, errored } from './admission-responses.js';

const LOOKUP_FAILED_WARNING =
  'Stored profiles could not be read: dependency cycles and release overlaps were not checked';

/** A handler validating `kind` (ClusterProfile or Profile) requests. */
export function profileAdmission(kind: 'ClusterProfile' | 'Profile'): AdmissionHandler {
  return async (request, ctx) => {
    const wrongKind = checkRequestKind(request, CONFIG_GROUP, kind);
    if (wrongKind) return wrongKind;
    if (request.operation === 'CONNECT') return allowed(request.uid);
    if (request.operation === 'DELETE') return admitDelete(request, ctx);
    const obj = objectOf(request);
    if (obj === undefined)
      return errored(request.uid, 400, 'AdmissionReview request.object is missing');
    const { context, warnings } = await contextFor(obj, ctx);
    const result =
      request.operation === 'CREATE'
        ? validateProfileCreate(obj, context)
        : validateProfileUpdate(request.oldObject, obj, context);
    return respond(request, { ...result, warnings: [...warnings, ...result.warnings] }, ctx);
  };
}

function respond(
  request: AdmissionRequest,
  result: ValidationResult,
  ctx: AdmissionContext,
): AdmissionResponse {
  if (result.fieldErrors.length > 0)
    return denied(request.uid, result.fieldErrors, result.warnings);
  if (request.dryRun !== true) ctx.remember(objectOf(request));
  return allowed(request.uid, result.warnings);
}

async function admitDelete(
  request: AdmissionRequest,
  ctx: AdmissionContext,
): Promise<AdmissionResponse> {
  const { context, warnings } = await readContext(ctx);
  const result = validateProfileDelete(request.oldObject, context);
  return allowed(request.uid, [...warnings, ...result.warnings]);
}

// Listing profiles costs an API round trip: only specs that depend on others or install
// releases need it.
async function contextFor(
  obj: Record<string, unknown>,
  ctx: AdmissionContext,
): Promise<{ context: ValidationContext; warnings: string[] }> {
  const spec = obj.spec as { dependsOn?: unknown; helmCharts?: unknown } | undefined;
  const needed = hasItems(spec?.dependsOn) || hasItems(spec?.helmCharts);
  if (!needed) return { context: {}, warnings: [] };
  return readContext(ctx);
}

async function readContext(
  ctx: AdmissionContext,
): Promise<{ context: ValidationContext; warnings: string[] }> {
  try {
    return { context: await ctx.lookup(), warnings: [] };
  } catch {
    return { context: {}, warnings: [LOOKUP_FAILED_WARNING] };
  }
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
