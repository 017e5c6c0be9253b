import { describe, expect, it } from 'vitest';
import {
  alreadyExists,
  conflict,
  fieldErrorString,
  forbidden,
  invalid,
  notFound,
} from './status-errors.js';

describe('Status errors in kube-apiserver wording', () => {
  it('names the resource and group of NotFound, AlreadyExists and Conflict', () => {
    expect(notFound({ group: '', resource: 'configmaps' }, 'x').message).toBe(
      'configmaps "x" not found',
    );
    expect(alreadyExists({ group: 'apps', resource: 'deployments' }, 'd').toStatus()).toMatchObject(
      {
        code: 409,
        reason: 'AlreadyExists',
        message: 'deployments.apps "d" already exists',
        details: { name: 'd', group: 'apps', kind: 'deployments' },
      },
    );
    expect(conflict({ group: '', resource: 'configmaps' }, 'x').message).toBe(
      'Operation cannot be fulfilled on configmaps "x": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('renders field errors as field.Error does', () => {
    expect(
      fieldErrorString({
        type: 'FieldValueNotSupported',
        field: 'spec.syncMode',
        badValue: 'Foo',
        detail: 'supported values: "OneTime", "Continuous"',
      }),
    ).toBe('spec.syncMode: Unsupported value: "Foo": supported values: "OneTime", "Continuous"');
    expect(
      fieldErrorString({ type: 'FieldValueRequired', field: 'spec.x', badValue: '', detail: '' }),
    ).toBe('spec.x: Required value');
    expect(
      fieldErrorString({
        type: 'FieldValueInvalid',
        field: 'spec.n',
        badValue: 3,
        detail: 'must be even',
      }),
    ).toBe('spec.n: Invalid value: 3: must be even');
  });

  it('aggregates several invalid fields in brackets and keeps causes', () => {
    const e = invalid({ group: 'config.projectsveltos.io', kind: 'ClusterProfile' }, 'p', [
      { type: 'FieldValueRequired', field: 'spec.a', detail: '' },
      { type: 'FieldValueInvalid', field: 'spec.b', badValue: 'x', detail: 'bad' },
    ]);
    expect(e.code).toBe(422);
    expect(e.message).toBe(
      'ClusterProfile.config.projectsveltos.io "p" is invalid: [spec.a: Required value, spec.b: Invalid value: "x": bad]',
    );
    expect(e.details?.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.a' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "x": bad', field: 'spec.b' },
    ]);
  });

  it('words Forbidden with and without a name', () => {
    expect(
      forbidden({ group: '', resource: 'configmaps' }, '', 'User "u" cannot list').message,
    ).toBe('configmaps is forbidden: User "u" cannot list');
    expect(forbidden({ group: '', resource: 'namespaces' }, 'foo', 'why').message).toBe(
      'namespaces "foo" is forbidden: why',
    );
  });
});
