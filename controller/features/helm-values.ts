// Merges a chart's `values` and the data of its `valuesFrom` ConfigMaps/Secrets into one values
// document, as Sveltos does: `values` first, then each valuesFrom source in order (its keys
// sorted), later maps deep-merged over earlier ones, lists and scalars replaced. Pure.
// Tests: helm-values.test.ts.
import { dump, loadAll } from 'js-yaml';
import { NonRetriableError } from '../../lib/reconcile-result.js';

export type Values = Record<string, unknown>;

function isMap(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one values document; empty text is `{}`. Throws NonRetriableError naming `origin`. */
export function parseValues(text: string, origin: string): Values {
  let parsed: unknown;
  try {
    // js-yaml 5's load() refuses empty input; an empty or comment-only document means no values.
    const docs = loadAll(text).filter((d) => d !== null && d !== undefined);
    if (docs.length > 1) throw new Error('expected one document, found ' + docs.length);
    parsed = docs[0];
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new NonRetriableError('InvalidValues', `${origin} is not valid YAML: ${why}`, {
      cause: err,
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (!isMap(parsed)) {
    throw new NonRetriableError('InvalidValues', `${origin} must be a YAML mapping of values`);
  }
  return parsed;
}

/** Deep merge: maps merge key by key, anything else in `over` replaces `base`. */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isMap(current) && isMap(value) ? mergeValues(current, value) : value;
  }
  return out;
}

/** Serialises merged values as YAML with sorted keys; '' when there are none. */
export function valuesToYaml(values: Values): string {
  return Object.keys(values).length === 0 ? '' : dump(values, { sortKeys: true, noRefs: true });
}
