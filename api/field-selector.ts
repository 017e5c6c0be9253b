// Field selectors (`?fieldSelector=metadata.name=x,metadata.namespace!=y`): the string form
// kube-apiserver accepts. Which fields a resource supports is the server's business; this
// module only parses and matches. Pure; tests in field-selector.test.ts.
import { SelectorParseError } from './label-selector.js';

export interface FieldRequirement {
  field: string;
  operator: '=' | '!=';
  value: string;
}

/** Parses a field selector; `=` and `==` are the same. Throws SelectorParseError. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (selector.trim() === '') return [];
  return selector.split(',').map((clause) => {
    const match = /^\s*([A-Za-z0-9_.[\]-]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(clause);
    if (!match) throw new SelectorParseError(`invalid field selector: "${clause}"`);
    const operator = match[2] === '!=' ? '!=' : '=';
    return { field: match[1] ?? '', operator, value: match[3] ?? '' };
  });
}

/** True when every requirement holds; `fieldOf` returns the object's value for a field path. */
export function matchesFieldSelector(
  requirements: readonly FieldRequirement[],
  fieldOf: (field: string) => string | undefined,
): boolean {
  return requirements.every((req) => {
    const actual = fieldOf(req.field) ?? '';
    return req.operator === '=' ? actual === req.value : actual !== req.value;
  });
}
