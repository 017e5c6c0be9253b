// Admission of SveltosCluster: validation (pullMode immutable, well-formed spec) and mutation
// (stamps the system labels users must not forge). Tests in server.test.ts.
import { LIB_GROUP, SVELTOS_CLUSTER } from '../api/gvk.js';
import {
  mutateSveltosCluster,
  validateSveltosClusterCreate,
  validateSveltosClusterUpdate,
} from '../api/validation/index.js';
import type { AdmissionHandler } from './admission-handler.js';
import { checkRequestKind, objectOf } from './admission-handler.js';
import { allowed, denied, errored, patched } from './admission-responses.js';

const MISSING_OBJECT = 'AdmissionReview request.object is missing';

/** Validates SveltosCluster creates and updates; deletes and connects are allowed. */
export const validateSveltosClusterAdmission: AdmissionHandler = (request) => {
  const wrongKind = checkRequestKind(request, LIB_GROUP, SVELTOS_CLUSTER.kind);
  if (wrongKind) return Promise.resolve(wrongKind);
  if (request.operation === 'DELETE' || request.operation === 'CONNECT') {
    return Promise.resolve(allowed(request.uid));
  }
  const obj = objectOf(request);
  if (obj === undefined) return Promise.resolve(errored(request.uid, 400, MISSING_OBJECT));
  const result =
    request.operation === 'CREATE'
      ? validateSveltosClusterCreate(obj)
      : validateSveltosClusterUpdate(request.oldObject, obj);
  if (result.fieldErrors.length > 0) {
    return Promise.resolve(denied(request.uid, result.fieldErrors, result.warnings));
  }
  return Promise.resolve(allowed(request.uid, result.warnings));
};

/** Stamps the k8s-version and pull-mode labels on SveltosCluster creates and updates. */
export const mutateSveltosClusterAdmission: AdmissionHandler = (request) => {
  const wrongKind = checkRequestKind(request, LIB_GROUP, SVELTOS_CLUSTER.kind);
  if (wrongKind) return Promise.resolve(wrongKind);
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') {
    return Promise.resolve(allowed(request.uid));
  }
  if (objectOf(request) === undefined) {
    return Promise.resolve(errored(request.uid, 400, MISSING_OBJECT));
  }
  // The patch must apply to the object exactly as sent, so use request.object itself.
  const ops = mutateSveltosCluster(request.object, request.oldObject);
  return Promise.resolve(patched(request.uid, ops));
};
