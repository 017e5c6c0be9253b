import { describe, expect, it } from 'vitest';
import {
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from './k8s-names.js';

describe('Kubernetes name checks', () => {
  it.each([
    ['kyverno', true],
    ['kube-system', true],
    ['Kyverno', false],
    ['-a', false],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['a.b', false],
  ])('isDns1123Label(%j) valid=%s', (value, valid) => {
    expect(isDns1123Label(value).length === 0).toBe(valid);
  });

  it.each([
    ['example.com', true],
    ['deploy-kyverno', true],
    ['a..b', false],
    ['UPPER', false],
  ])('isDns1123Subdomain(%j) valid=%s', (value, valid) => {
    expect(isDns1123Subdomain(value).length === 0).toBe(valid);
  });

  it.each([
    ['env', []],
    ['projectsveltos.io/k8s-version', []],
    ['a/b/c', ['a qualified name must consist']],
    ['/name', ['prefix part must be non-empty']],
    ['Bad_Prefix/name', ['prefix part a lowercase RFC 1123 subdomain']],
    ['example.com/', ['name part must be non-empty']],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
  ])('isQualifiedName(%j) reports %j', (value, fragments) => {
    const errors = isQualifiedName(value);
    expect(errors).toHaveLength(fragments.length);
    fragments.forEach((f, i) => expect(errors[i]).toContain(f));
  });

  it.each([
    ['', true],
    ['v1.32.5', true],
    ['my_value', true],
    ['-x', false],
    ['a b', false],
    ['v'.repeat(64), false],
  ])('isValidLabelValue(%j) valid=%s', (value, valid) => {
    expect(isValidLabelValue(value).length === 0).toBe(valid);
  });
});
