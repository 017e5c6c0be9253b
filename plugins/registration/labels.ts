// Parses the `--labels` flag of `register cluster` (`env=test,req=x`) into a label map, checking
// every key and value with Kubernetes' own rules so a bad label is refused before anything is
// written. Pure; tests in labels.test.ts.
import { isQualifiedName, isValidLabelValue } from '../../api/k8s-names.js';
import { RESERVED_LABEL_KEYS } from './names.js';

/** A `--labels` value that cannot be used; the message names the offending pair. */
export class InvalidLabelsError extends Error {
  override readonly name = 'InvalidLabelsError';
}

/**
 * Parses `key=value` pairs separated by commas. Whitespace around pairs is ignored; an empty
 * string gives no labels. Throws InvalidLabelsError for a pair without `=`, an invalid key or
 * value, a key given twice, or a key Sveltos reserves for itself.
 */
export function parseLabels(input: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (input === undefined || input.trim() === '') return labels;
  for (const rawPair of input.split(',')) {
    const pair = rawPair.trim();
    const [key, value] = splitPair(pair);
    checkLabel(key, value, labels);
    labels[key] = value;
  }
  return labels;
}

function splitPair(pair: string): [string, string] {
  const eq = pair.indexOf('=');
  if (pair === '') throw new InvalidLabelsError('Invalid --labels: empty label between commas');
  if (eq < 0) {
    throw new InvalidLabelsError(`Invalid --labels: "${pair}" is not of the form key=value`);
  }
  return [pair.slice(0, eq), pair.slice(eq + 1)];
}

function checkLabel(key: string, value: string, seen: Record<string, string>): void {
  const keyErrors = isQualifiedName(key);
  if (keyErrors.length > 0) {
    throw new InvalidLabelsError(`Invalid --labels: key "${key}": ${keyErrors.join('; ')}`);
  }
  const valueErrors = isValidLabelValue(value);
  if (valueErrors.length > 0) {
    throw new InvalidLabelsError(
      `Invalid --labels: value "${value}" of key "${key}": ${valueErrors.join('; ')}`,
    );
  }
  if (key in seen) throw new InvalidLabelsError(`Invalid --labels: key "${key}" is given twice`);
  if (RESERVED_LABEL_KEYS.includes(key)) {
    throw new InvalidLabelsError(
      `Invalid --labels: key "${key}" is reserved; Sveltos sets it on the cluster itself`,
    );
  }
}

/** Renders labels back as `k=v,k2=v2` (sorted), for messages and tables. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([k, v]) => `${k}=${v}`).join(',');
}
