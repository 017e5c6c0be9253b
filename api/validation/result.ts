// The result shape every validator in api/validation returns, the context they read other
// objects from, and the small helpers that build and merge results. Pure: no I/O.
// Tests live next to each validator (*.test.ts).
import type { FieldProblem } from '../field-problem.js';
import { formatFieldProblem } from '../field-problem.js';

/** What a validator found: denials (`fieldErrors`) and admission warnings (`warnings`). */
export interface ValidationResult {
  warnings: string[];
  fieldErrors: FieldProblem[];
}

/** Minimal view of a stored object the validators read from the context. */
export interface ObjectLike {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: unknown;
  spec?: unknown;
  status?: unknown;
}

/** A cluster as far as selection is concerned: where it is and which labels it carries. */
export interface ClusterLike {
  kind?: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
}

/**
 * What validators may know about the rest of the world. Every field is optional: validators
 * that need one skip their check (never fail) when it is absent.
 * - `profiles`: ClusterProfiles and Profiles already stored (for dependency cycles and overlaps).
 * - `clusters`: clusters known to the caller, to decide whether two selections overlap.
 */
export interface ValidationContext {
  profiles?: readonly ObjectLike[];
  clusters?: readonly ClusterLike[];
}

/** An empty result. */
export function emptyResult(): ValidationResult {
  return { warnings: [], fieldErrors: [] };
}

/** Concatenates results in order. */
export function mergeResults(...results: ValidationResult[]): ValidationResult {
  return {
    warnings: results.flatMap((r) => r.warnings),
    fieldErrors: results.flatMap((r) => r.fieldErrors),
  };
}

/** A result made of field errors only. */
export function errorsOnly(fieldErrors: FieldProblem[]): ValidationResult {
  return { warnings: [], fieldErrors };
}

/** True when the result carries no denial. */
export function isValid(result: ValidationResult): boolean {
  return result.fieldErrors.length === 0;
}

/** All problems of a result, one `path: value: reason` per entry, in the order found. */
export function formatProblems(result: ValidationResult): string[] {
  return result.fieldErrors.map(formatFieldProblem);
}

/** One line listing every problem, separated by `; ` — the body of a denial. */
export function summarizeProblems(result: ValidationResult): string {
  return formatProblems(result).join('; ');
}
