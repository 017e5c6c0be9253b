// kube-openapi's numberValidator: the int32/int64/float range check of the value and of each
// boundary, then multipleOf, minimum and maximum, compared as int64 when the JSON value is
// integral and as float64 otherwise (with the matching `%v` rendering in messages). Pure.
import type { JSONSchemaProps } from '../types.js';
import { goFloat } from './go-values.js';
import { schemaTypes } from './openapi-run.js';
import type { SchemaRun } from './openapi-run.js';

interface NumberType {
  /** `integer`, `number` or '' when the schema has no single numeric type. */
  name: string;
  format: string;
}

function numberType(s: JSONSchemaProps): NumberType {
  const types = schemaTypes(s);
  if (types.length !== 1) return { name: '', format: '' };
  if (types[0] === 'integer') {
    return {
      name: 'integer',
      format: s.format === 'int32' || s.format === 'int64' ? s.format : '',
    };
  }
  if (types[0] === 'number') {
    return {
      name: 'number',
      format: s.format === 'float' || s.format === 'double' ? s.format : '',
    };
  }
  return { name: '', format: '' };
}

function inRange(v: number, t: NumberType): boolean {
  if (t.name === 'integer') {
    if (!Number.isInteger(v)) return false;
    const bound = t.format === 'int32' ? 2 ** 31 : 2 ** 63;
    return v >= -bound && v < bound;
  }
  if (t.format === 'float') return Math.abs(v) <= 3.4028234663852886e38;
  return true;
}

/** What every number check needs. */
interface NumberCheck {
  run: SchemaRun;
  t: NumberType;
  path: string;
}

/** IsValueValidAgainstRange: a plain error (reported on the nil path) when out of range. */
function checkRange(c: NumberCheck, v: number, prefix: string): boolean {
  if (inRange(v, c.t)) return true;
  const what = c.t.format
    ? `${c.t.name} with format ${c.t.format}`
    : `${c.t.name} (default format)`;
  c.run.addPlain(`${prefix} value must be of type ${what} in ${c.path}`);
  return false;
}

interface Bound {
  value: number;
  exclusive: boolean;
  native: boolean;
}

function isJsonInteger(f: number): boolean {
  return Number.isFinite(f) && Math.abs(f - Math.round(f)) < 1e-9;
}

function checkMultipleOf(run: SchemaRun, v: number, b: Bound, path: string): void {
  const { value: factor, native } = b;
  const intMode = native && Number.isInteger(v);
  const f = intMode ? Math.trunc(factor) : factor;
  const shown = intMode ? String(f) : goFloat(f);
  if (f <= 0) {
    run.addInvalid(path, f, `factor MultipleOf declared for ${path} must be positive: ${shown}`);
    return;
  }
  const ok = intMode ? v % f === 0 : isJsonInteger(f < 1 ? (1 / f) * v : v / f);
  if (!ok) run.addInvalid(path, v, `${path} in body should be a multiple of ${shown}`);
}

function checkMinimum(run: SchemaRun, v: number, b: Bound, path: string): void {
  const intMode = b.native && Number.isInteger(v);
  const min = intMode ? Math.trunc(b.value) : b.value;
  if (b.exclusive ? v > min : v >= min) return;
  const op = b.exclusive ? 'greater than' : 'greater than or equal to';
  run.addInvalid(path, v, `${path} in body should be ${op} ${intMode ? min : goFloat(min)}`);
}

function checkMaximum(run: SchemaRun, v: number, b: Bound, path: string): void {
  const intMode = b.native && Number.isInteger(v);
  const max = intMode ? Math.trunc(b.value) : b.value;
  if (b.exclusive ? v < max : v <= max) return;
  const op = b.exclusive ? 'less than' : 'less than or equal to';
  run.addInvalid(path, v, `${path} in body should be ${op} ${intMode ? max : goFloat(max)}`);
}

/** Number checks, in kube-openapi's order: range, multipleOf, minimum, maximum. */
export function validateNumber(run: SchemaRun, v: number, s: JSONSchemaProps, path: string): void {
  const c: NumberCheck = { run, t: numberType(s), path };
  checkRange(c, v, 'Checked');
  if (s.multipleOf !== undefined) {
    const native = checkRange(c, s.multipleOf, 'MultipleOf');
    checkMultipleOf(run, v, { value: s.multipleOf, exclusive: false, native }, path);
  }
  if (s.minimum !== undefined) {
    const native = checkRange(c, s.minimum, 'Minimum boundary');
    checkMinimum(
      run,
      v,
      { value: s.minimum, exclusive: s.exclusiveMinimum === true, native },
      path,
    );
  }
  if (s.maximum !== undefined) {
    const native = checkRange(c, s.maximum, 'Maximum boundary');
    checkMaximum(
      run,
      v,
      { value: s.maximum, exclusive: s.exclusiveMaximum === true, native },
      path,
    );
  }
}
