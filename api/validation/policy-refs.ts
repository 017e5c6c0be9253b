// Checks of the references a profile deploys from: `policyRefs` and `kustomizationRefs`
// (ConfigMap, Secret or Flux source, name, namespace, deploymentType) and
// `templateResourceRefs` (objects read to instantiate templates). Pure; tests in policy-refs.test.ts.
import type { FieldProblem } from '../field-problem.js';
import {
  checkEnum,
  checkIntegerRange,
  checkNamespaceName,
  checkObjectName,
  checkOptionalBoolean,
  checkOptionalString,
  checkRequiredString,
  isRecord,
  problem,
  readList,
  readRecord,
} from './field-checks.js';
import type { ProfileScope } from './profile-scope.js';
import { checkOwnNamespace } from './profile-scope.js';

export const REFERENCE_KINDS = [
  'ConfigMap',
  'Secret',
  'GitRepository',
  'OCIRepository',
  'Bucket',
] as const;
export const DEPLOYMENT_TYPES = ['Local', 'Remote'] as const;
const INT32_MAX = 2_147_483_647;

/** Validates `policyRefs`, `kustomizationRefs` and `templateResourceRefs` of a profile spec. */
export function validateReferences(
  spec: Record<string, unknown>,
  scope: ProfileScope,
): FieldProblem[] {
  return [
    ...validateRefList(spec.policyRefs, 'spec.policyRefs', scope, validatePolicyRef),
    ...validateRefList(
      spec.kustomizationRefs,
      'spec.kustomizationRefs',
      scope,
      validateKustomizationRef,
    ),
    ...validateTemplateResourceRefs(spec.templateResourceRefs, scope),
  ];
}

type RefValidator = (
  ref: Record<string, unknown>,
  path: string,
  scope: ProfileScope,
) => FieldProblem[];

function validateRefList(
  value: unknown,
  path: string,
  scope: ProfileScope,
  validateRef: RefValidator,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  readList(value, path, problems).forEach((ref, i) => {
    const at = `${path}[${i}]`;
    if (isRecord(ref)) problems.push(...validateRef(ref, at, scope));
    else problems.push(problem(at, ref, 'must be an object'));
  });
  return problems;
}

function validateSourceRef(
  ref: Record<string, unknown>,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  return [
    ...checkRequiredString(ref.kind, `${path}.kind`),
    ...checkEnum(ref.kind, `${path}.kind`, REFERENCE_KINDS),
    ...checkObjectName(ref.name, `${path}.name`),
    ...checkNamespaceName(ref.namespace, `${path}.namespace`),
    ...checkOwnNamespace(ref.namespace, `${path}.namespace`, scope),
    ...checkEnum(ref.deploymentType, `${path}.deploymentType`, DEPLOYMENT_TYPES),
    ...checkOptionalString(ref.path, `${path}.path`),
  ];
}

function validatePolicyRef(
  ref: Record<string, unknown>,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  return [
    ...validateSourceRef(ref, path, scope),
    ...checkOptionalBoolean(ref.optional, `${path}.optional`),
    ...checkIntegerRange(ref.tier, `${path}.tier`, { min: 1, max: INT32_MAX }),
  ];
}

function validateKustomizationRef(
  ref: Record<string, unknown>,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  return [
    ...validateSourceRef(ref, path, scope),
    ...checkNamespaceName(ref.targetNamespace, `${path}.targetNamespace`),
    ...validateStringMap(ref.values, `${path}.values`),
    ...validateRefList(ref.valuesFrom, `${path}.valuesFrom`, scope, validateValuesFromRef),
  ];
}

function validateValuesFromRef(
  ref: Record<string, unknown>,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  return [
    ...checkRequiredString(ref.kind, `${path}.kind`),
    ...checkEnum(ref.kind, `${path}.kind`, ['ConfigMap', 'Secret']),
    ...checkObjectName(ref.name, `${path}.name`),
    ...checkOwnNamespace(ref.namespace, `${path}.namespace`, scope),
  ];
}

function validateStringMap(value: unknown, path: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const map = readRecord(value, path, problems);
  for (const [key, entry] of Object.entries(map ?? {})) {
    problems.push(...checkOptionalString(entry, `${path}.${key}`));
  }
  return problems;
}

function validateTemplateResourceRefs(value: unknown, scope: ProfileScope): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Map<unknown, number>();
  readList(value, 'spec.templateResourceRefs', problems).forEach((ref, i) => {
    const path = `spec.templateResourceRefs[${i}]`;
    if (!isRecord(ref)) {
      problems.push(problem(path, ref, 'must be an object'));
      return;
    }
    problems.push(...validateTemplateResourceRef(ref, path, scope));
    const first = seen.get(ref.identifier);
    if (first !== undefined) {
      const reason = `duplicate value: same identifier as spec.templateResourceRefs[${first}]`;
      problems.push(problem(`${path}.identifier`, ref.identifier, reason));
    } else seen.set(ref.identifier, i);
  });
  return problems;
}

function validateTemplateResourceRef(
  ref: Record<string, unknown>,
  path: string,
  scope: ProfileScope,
): FieldProblem[] {
  const problems = checkRequiredString(ref.identifier, `${path}.identifier`);
  const resource = readRecord(ref.resource, `${path}.resource`, problems);
  if (resource === undefined) {
    if (ref.resource === undefined)
      problems.push(problem(`${path}.resource`, undefined, 'required value'));
    return problems;
  }
  problems.push(
    ...checkRequiredString(resource.kind, `${path}.resource.kind`),
    ...checkRequiredString(resource.name, `${path}.resource.name`),
    ...checkOwnNamespace(resource.namespace, `${path}.resource.namespace`, scope),
  );
  return problems;
}
