import { describe, expect, it } from 'vitest';
import {
  DescriptorRegistry,
  SCALAR_TYPES,
  parseFieldSpec,
  parseMessageSpec,
} from './descriptor.js';
import { descriptorRegistry, messageForKind, supportedKinds } from './kinds.js';
import { specialDecoder } from './special.js';
import { ADMISSIONREGISTRATION_MESSAGES } from './tables/admissionregistration.js';
import { APPS_MESSAGES } from './tables/apps.js';
import { AUTHENTICATION_MESSAGES } from './tables/authentication.js';
import { AUTHORIZATION_MESSAGES } from './tables/authorization.js';
import { BATCH_MESSAGES } from './tables/batch.js';
import { COORDINATION_MESSAGES } from './tables/coordination.js';
import { CORE_POD_MESSAGES } from './tables/core-pod.js';
import { CORE_MESSAGES } from './tables/core.js';
import { EVENTS_MESSAGES } from './tables/events.js';
import { META_MESSAGES } from './tables/meta.js';
import { NETWORKING_MESSAGES } from './tables/networking.js';
import { POLICY_MESSAGES } from './tables/policy.js';
import { RBAC_MESSAGES } from './tables/rbac.js';
import { SCHEDULING_MESSAGES } from './tables/scheduling.js';

const allTables = [
  META_MESSAGES,
  CORE_MESSAGES,
  CORE_POD_MESSAGES,
  APPS_MESSAGES,
  BATCH_MESSAGES,
  RBAC_MESSAGES,
  AUTHENTICATION_MESSAGES,
  AUTHORIZATION_MESSAGES,
  COORDINATION_MESSAGES,
  POLICY_MESSAGES,
  SCHEDULING_MESSAGES,
  NETWORKING_MESSAGES,
  EVENTS_MESSAGES,
  ADMISSIONREGISTRATION_MESSAGES,
];

describe('parseFieldSpec', () => {
  it.each([
    ['name=1:string', { json: 'name', number: 1, kind: 'single', type: 'string' }],
    ['replicas=1:int32!', { json: 'replicas', kind: 'single', type: 'int32', keepZero: true }],
    ['spec=2:PodSpec', { json: 'spec', kind: 'single', type: 'core.PodSpec' }],
    ['metadata=1:meta.ObjectMeta', { type: 'meta.ObjectMeta' }],
    ['containers=2:Container[]', { kind: 'repeated', type: 'core.Container' }],
    ['finalizers=14:string[]', { kind: 'repeated', type: 'string' }],
    ['data=2:map<string,bytes>', { kind: 'map', type: 'bytes' }],
    ['limits=1:map<string,resource.Quantity>', { kind: 'map', type: 'resource.Quantity' }],
    ['volumeSource=2:VolumeSource^', { inline: true, keepZero: false, type: 'core.VolumeSource' }],
  ])('parses %s', (token, expected) => {
    expect(parseFieldSpec('core', token)).toMatchObject(expected);
  });

  it('rejects a malformed token naming it and its package', () => {
    expect(() => parseFieldSpec('core', 'name:1')).toThrow(
      'Malformed protobuf field spec "name:1" in package core',
    );
  });
});

describe('parseMessageSpec', () => {
  it('keeps fields in spec order and indexes them by number', () => {
    const d = parseMessageSpec('core', 'ConfigMap', 'metadata=1:meta.ObjectMeta immutable=4:bool!');
    expect(d.name).toBe('core.ConfigMap');
    expect(d.fields.map((f) => f.json)).toEqual(['metadata', 'immutable']);
    expect(d.byNumber.get(4)?.json).toBe('immutable');
    expect(d.listWrapper).toBe(false);
  });

  it('recognises a Go slice type wrapped in a message', () => {
    const d = parseMessageSpec('authn', 'ExtraValue', '[] items=1:string[]');
    expect(d.listWrapper).toBe(true);
    expect(d.fields).toHaveLength(1);
  });
});

describe('DescriptorRegistry', () => {
  it('answers undefined for unknown messages and caches parsed ones', () => {
    const r = new DescriptorRegistry([{ pkg: 'x', messages: { A: 'a=1:string' } }]);
    expect(r.get('x.B')).toBeUndefined();
    expect(r.get('x.A')).toBe(r.get('x.A'));
    expect(r.has('x.A')).toBe(true);
  });

  it('resolves every message type referenced by the tables (no dangling references)', () => {
    const registry = descriptorRegistry();
    const fields = allTables.flatMap((table) =>
      Object.keys(table.messages).flatMap((name) =>
        registry
          .get(`${table.pkg}.${name}`)!
          .fields.map((f) => ({ owner: `${table.pkg}.${name}`, f })),
      ),
    );
    const dangling = fields
      .filter(
        ({ f }) => !SCALAR_TYPES.has(f.type) && !registry.has(f.type) && !specialDecoder(f.type),
      )
      .map(({ owner, f }) => `${owner}.${f.json} → ${f.type}`);
    expect(dangling).toEqual([]);
  });

  it('has no duplicate field numbers or JSON names within a message', () => {
    const problems: string[] = [];
    for (const table of allTables) {
      for (const [name, spec] of Object.entries(table.messages)) {
        const d = parseMessageSpec(table.pkg, name, spec);
        if (d.byNumber.size !== d.fields.length) problems.push(`${d.name} numbers`);
        const named = d.fields.filter((f) => !f.inline).map((f) => f.json);
        if (new Set(named).size !== named.length) problems.push(`${d.name} names`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('messageForKind', () => {
  it.each([
    ['v1', 'Namespace', 'core.Namespace'],
    ['v1', 'Event', 'core.Event'],
    ['events.k8s.io/v1', 'Event', 'events.Event'],
    ['authentication.k8s.io/v1', 'TokenRequest', 'authn.TokenRequest'],
    ['authorization.k8s.io/v1', 'SelfSubjectAccessReview', 'authz.SelfSubjectAccessReview'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 'rbac.ClusterRoleBinding'],
    ['coordination.k8s.io/v1', 'Lease', 'coord.Lease'],
    ['apps/v1', 'Deployment', 'apps.Deployment'],
    ['v1', 'DeleteOptions', 'meta.DeleteOptions'],
    ['apps/v1', 'DeleteOptions', 'meta.DeleteOptions'],
    ['v1', 'Deployment', undefined],
    ['v1', 'Node', undefined],
    ['v1', 'toString', undefined],
    ['constructor', 'X', undefined],
  ])('maps %s %s to %s', (apiVersion, kind, expected) => {
    expect(messageForKind(apiVersion, kind)).toBe(expected);
  });

  it('has a descriptor for every supported kind', () => {
    const missing = supportedKinds().filter(
      (k) => !descriptorRegistry().has(messageForKind(k.apiVersion, k.kind)!),
    );
    expect(missing).toEqual([]);
  });
});
