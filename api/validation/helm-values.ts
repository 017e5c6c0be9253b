// Helm `values` and `chartVersion` checks: values must be YAML (a mapping) once Sveltos' Go
// template expressions (`{{ … }}`, rendered per cluster later) are masked, and chartVersion
// must be a SemVer version or range. Pure; tests in helm-values.test.ts.
import { loadAll } from 'js-yaml';
import semver from 'semver';
import type { FieldProblem } from '../field-problem.js';
import { isRecord, isTemplated, isUnset, problem } from './field-checks.js';

const TEMPLATE_EXPRESSION = /\{\{[\s\S]*?\}\}/g;

/**
 * Replaces every `{{ … }}` with something YAML can parse while keeping line numbers: an
 * expression alone on its line(s) (`{{- if … }}`) becomes a comment; one inside a line becomes
 * a unique plain scalar, so two templated keys never collide.
 */
export function maskTemplateExpressions(text: string): string {
  let counter = 0;
  return text.replace(TEMPLATE_EXPRESSION, (expr: string, offset: number) => {
    const newlines = '\n'.repeat(expr.split('\n').length - 1);
    if (standsAlone(text, offset, offset + expr.length)) return `#${newlines}`;
    return `TEMPLATE_EXPR_${counter++}${newlines}`;
  });
}

function standsAlone(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  return before.trim() === '' && !/\S/.test(after.replace(TEMPLATE_EXPRESSION, ''));
}

/** Checks `values`: a string holding a YAML mapping (or nothing) once templates are masked. */
export function validateValuesYaml(values: unknown, path: string): FieldProblem[] {
  if (isUnset(values) || values === '') return [];
  if (typeof values !== 'string') {
    return [problem(path, values, 'must be a string holding YAML (use "values: |")')];
  }
  let documents: unknown[];
  try {
    // Branches of `{{ if }}…{{ else }}` may set the same key twice: only one survives rendering.
    documents = loadAll(maskTemplateExpressions(values), { json: isTemplated(values) });
  } catch (err) {
    return [problem(path, values, `not valid YAML once templates are masked: ${yamlReason(err)}`)];
  }
  if (documents.length > 1) return [problem(path, values, 'must be a single YAML document')];
  const parsed = documents[0];
  if (isUnset(parsed) || isRecord(parsed)) return [];
  return [problem(path, values, 'must be a YAML mapping of chart values')];
}

function yamlReason(err: unknown): string {
  const e = err as { reason?: unknown; mark?: { line?: unknown }; message?: unknown };
  const reason = typeof e.reason === 'string' ? e.reason : String(e.message);
  const line = typeof e.mark?.line === 'number' ? ` at line ${e.mark.line + 1}` : '';
  return `${reason}${line}`;
}

/** How a chartVersion reads: an exact version, a range, or neither. */
export type ChartVersionKind = 'exact' | 'range' | 'invalid';

// A range comparator written with a `v` ("v3.x", ">=v1.2") is refused: Helm index versions
// carry no prefix, and the form hides typos of an exact version.
const PREFIXED_COMPARATOR = /(^|[\s<>=~^|,])v\d/;

/** Classifies a chartVersion string. */
export function classifyChartVersion(version: string): ChartVersionKind {
  if (semver.valid(version) !== null) return 'exact';
  if (PREFIXED_COMPARATOR.test(version)) return 'invalid';
  if (version.trim() !== '' && semver.validRange(version) !== null) return 'range';
  return 'invalid';
}

/** Checks a required chartVersion; ranges are legal but produce a warning in `warnings`. */
export function validateChartVersion(
  version: unknown,
  path: string,
  warnings: string[],
): FieldProblem[] {
  if (isUnset(version) || version === '') return [problem(path, undefined, 'required value')];
  if (typeof version !== 'string') return [problem(path, version, 'must be a string')];
  if (isTemplated(version)) return [];
  const kind = classifyChartVersion(version);
  if (kind === 'invalid') {
    return [problem(path, version, 'not a valid semantic version or version range')];
  }
  if (kind === 'range') {
    warnings.push(
      `${path}: ${JSON.stringify(version)} is a version range: clusters reconciled at different times may run different chart versions`,
    );
  }
  return [];
}
