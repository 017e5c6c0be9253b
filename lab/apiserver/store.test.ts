import { describe, expect, it } from 'vitest';
import { ObjectStore } from './store.js';
import type { StoreEvent } from './store.js';

const cm = (name: string, ns = 'default') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns },
});

describe('ObjectStore', () => {
  it('assigns one increasing resourceVersion per write and emits events in order', () => {
    const store = new ObjectStore();
    const seen: StoreEvent[] = [];
    store.subscribe((e) => seen.push(e));
    const a = store.put('/configmaps', cm('a'));
    const a2 = store.put('/configmaps', { ...a, data: { x: '1' } });
    const gone = store.remove('/configmaps', a2);
    expect([a, a2, gone].map((o) => o.metadata.resourceVersion)).toEqual(['1', '2', '3']);
    expect(seen.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(seen[1]?.previous).toBe(a);
    expect(store.get('/configmaps', 'default', 'a')).toBeUndefined();
  });

  it('lists sorted by namespace and name, narrowed to a namespace', () => {
    const store = new ObjectStore();
    for (const [n, ns] of [
      ['b', 'x'],
      ['a', 'y'],
      ['a', 'x'],
    ] as const)
      store.put('/configmaps', cm(n, ns));
    expect(
      store.list('/configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual(['x/a', 'x/b', 'y/a']);
    expect(store.list('/configmaps', 'y')).toHaveLength(1);
  });

  it('replays events after a version and reports gone versions beyond its window', () => {
    const store = new ObjectStore({ windowSize: 4 });
    for (let i = 0; i < 10; i++) store.put('/configmaps', cm(`c${i}`));
    const since = store.eventsSince(8);
    expect('events' in since && since.events.map((e) => e.rv)).toEqual([9, 10]);
    expect(store.eventsSince(1)).toMatchObject({ gone: true });
  });

  it('refuses a write when the journal throws, leaving memory unchanged', () => {
    const store = new ObjectStore({
      journal: {
        append: () => {
          throw new Error('disk full');
        },
      },
    });
    expect(() => store.put('/configmaps', cm('a'))).toThrow('disk full');
    expect(store.currentRv()).toBe(0);
    expect(store.get('/configmaps', 'default', 'a')).toBeUndefined();
  });
});
