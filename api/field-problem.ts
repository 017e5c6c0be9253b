// The one shape every validator in api/ reports a problem in, and how it is printed:
// `spec.helmCharts[1].chartVersion: "v3.x": not a valid semantic version`.

/** A problem with one field: where, the offending value, and why it is wrong. */
export interface FieldProblem {
  /** Path in kubectl's notation, e.g. `spec.clusterSelector.matchExpressions[0].values`. */
  path: string;
  /** The offending value; `undefined` when the field is missing. */
  value: unknown;
  /** Lower-case reason without trailing period, e.g. `not a valid semantic version`. */
  reason: string;
}

/** Renders a problem as `path: value: reason`, or `path: reason` when the value is missing. */
export function formatFieldProblem(problem: FieldProblem): string {
  if (problem.value === undefined) return `${problem.path}: ${problem.reason}`;
  return `${problem.path}: ${JSON.stringify(problem.value)}: ${problem.reason}`;
}
