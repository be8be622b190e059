import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.js';
import { CoreCluster } from '../cluster/core-cluster.js';
import type { WatchEvent } from './store.js';

const cm = (name: string, data: Record<string, string> = {}, extra: Partial<KubeObject['metadata']> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...extra },
  data,
});

describe('ObjectStore writes', () => {
  it('create fills uid, resourceVersion, creationTimestamp and freezes the object', () => {
    const core = new CoreCluster({ seed: 5 });
    const obj = core.store.create(cm('a'));
    expect(obj.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(obj.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(obj.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(Object.isFrozen(obj)).toBe(true);
    expect(Object.isFrozen(obj.metadata)).toBe(true);
    expect(() => core.store.create(cm('a'))).toThrow('configmaps "a" already exists');
  });

  it('generateName appends 5 characters of the upstream alphabet and truncates long bases to 58', () => {
    const core = new CoreCluster({ seed: 5 });
    const pod = core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'randserver-79559c5fb6-', namespace: 'default' } });
    expect(pod.metadata.name).toMatch(/^randserver-79559c5fb6-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const long = core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: `${'x'.repeat(70)}-`, namespace: 'default' } });
    expect(long.metadata.name).toHaveLength(63);
    expect(long.metadata.name?.startsWith('x'.repeat(58))).toBe(true);
  });

  it('only the kinds whose strategy sets it get metadata.generation (workloads and pods, not claims, services or nodes)', () => {
    const core = new CoreCluster();
    const made = (kind: string, apiVersion = 'v1') => core.store.create({ apiVersion, kind, metadata: { name: 'x', namespace: 'default' }, spec: {} }).metadata.generation;
    expect([made('Pod'), made('Deployment', 'apps/v1'), made('StatefulSet', 'apps/v1')]).toEqual([1, 1, 1]);
    expect([made('PersistentVolumeClaim'), made('Service')]).toEqual([undefined, undefined]);
    const claim = core.store.update('PersistentVolumeClaim', 'default', 'x', (d) => {
      (d as unknown as { spec: { volumeName: string } }).spec.volumeName = 'pv-1';
    });
    expect(claim.metadata.generation).toBeUndefined();
  });

  it('update is one produce on one object: untouched subtrees are shared, rv grows, generation follows spec', () => {
    const core = new CoreCluster();
    const a = core.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { replicas: 1 }, status: { x: { y: 1 } } });
    expect(a.metadata.generation).toBe(1);
    const b = core.store.update<KubeObject & { status: { replicas?: number } }>('Deployment', 'default', 'd', (d) => {
      d.status.replicas = 2;
    });
    expect(b.metadata.generation).toBe(1);
    expect(b.spec).toBe(a.spec);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    const c = core.store.update<KubeObject & { spec: { replicas: number } }>('Deployment', 'default', 'd', (d) => {
      d.spec.replicas = 3;
    });
    expect(c.metadata.generation).toBe(2);
    const same = core.store.update('Deployment', 'default', 'd', () => {});
    expect(same).toBe(c);
    expect(() => core.store.update('Deployment', 'default', 'nope', () => {})).toThrow('deployments.apps "nope" not found');
  });

  it('list is sorted by namespace/name; values keep insertion order', () => {
    const core = new CoreCluster();
    for (const n of ['c', 'a', 'b']) core.store.create(cm(n));
    expect(core.store.list('ConfigMap').map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
    expect([...core.store.values('ConfigMap')].map((o) => o.metadata.name)).toEqual(['c', 'a', 'b']);
  });

  it('indexes follow creates, updates and removes', () => {
    const core = new CoreCluster();
    core.store.addIndex<KubeObject & { data: { node?: string } }>('ConfigMap', 'node', (o) => (o.data.node ? [o.data.node] : []));
    core.store.create(cm('a', { node: 'n1' }));
    core.store.create(cm('b', { node: 'n1' }));
    core.store.create(cm('c', { node: 'n2' }));
    expect(core.store.byIndex('ConfigMap', 'node', 'n1').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    core.store.update<KubeObject & { data: { node: string } }>('ConfigMap', 'default', 'a', (d) => {
      d.data.node = 'n2';
    });
    expect(core.store.byIndex('ConfigMap', 'node', 'n2').map((o) => o.metadata.name)).toEqual(['a', 'c']);
    core.store.remove('ConfigMap', 'default', 'c');
    expect(core.store.byIndex('ConfigMap', 'node', 'n2').map((o) => o.metadata.name)).toEqual(['a']);
    expect(core.store.countByIndex('ConfigMap', 'node', 'n1')).toBe(1);
  });
});

describe('ObjectStore lazy index', () => {
  it('files nothing until first asked, then everything, and follows later writes', () => {
    const core = new CoreCluster();
    const byTeam = (o: KubeObject) => [o.metadata.labels?.team ?? ''];
    core.store.create(cm('a', {}, { labels: { team: 'x' } }));
    core.store.addIndex('ConfigMap', 'team', byTeam, { lazy: true });
    core.store.create(cm('b', {}, { labels: { team: 'x' } }));
    core.store.create(cm('c', {}, { labels: { team: 'y' } }));
    expect(core.store.byIndex('ConfigMap', 'team', 'x').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(core.store.countByIndex('ConfigMap', 'team', 'y')).toBe(1);
    core.store.create(cm('d', {}, { labels: { team: 'y' } }));
    core.store.update<KubeObject>('ConfigMap', 'default', 'a', (d) => {
      d.metadata.labels = { team: 'y' };
    });
    core.store.remove('ConfigMap', 'default', 'c');
    expect(core.store.byIndex('ConfigMap', 'team', 'x').map((o) => o.metadata.name)).toEqual(['b']);
    expect(core.store.byIndex('ConfigMap', 'team', 'y').map((o) => o.metadata.name)).toEqual(['a', 'd']);
  });
});

describe('ObjectStore watch', () => {
  it('delivers ADDED/MODIFIED/DELETED through the event queue, never inside the write', () => {
    const core = new CoreCluster();
    const seen: string[] = [];
    core.store.watch('ConfigMap', (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name} ${e.old ? 'old' : ''}`.trim()));
    core.store.create(cm('a'));
    core.store.update<KubeObject & { data?: Record<string, string> }>('ConfigMap', 'default', 'a', (d) => {
      d.data = { k: 'v' };
    });
    core.store.remove('ConfigMap', 'default', 'a');
    expect(seen).toEqual([]);
    core.loop.settle();
    expect(seen).toEqual(['ADDED a', 'MODIFIED a old', 'DELETED a']);
  });

  it('unsubscribe stops delivery; watchAll sees every kind', () => {
    const core = new CoreCluster();
    const kinds: string[] = [];
    const stop = core.store.watchAll((e) => kinds.push(e.object.kind));
    core.store.create(cm('a'));
    core.loop.settle();
    stop();
    core.store.create(cm('b'));
    core.loop.settle();
    expect(kinds).toEqual(['ConfigMap']);
  });

  it('watchAll with a filter gets only the events it wants; an event nobody wants is not queued', () => {
    const core = new CoreCluster();
    core.loop.settle();
    const seen: string[] = [];
    core.store.watchAll(
      (e) => seen.push(`${e.type} ${e.object.metadata.name}`),
      (e) => e.object.metadata.name !== 'quiet',
    );
    // The garbage collector's filter passes neither write (no owner references, no deletion).
    const before = core.loop.pending;
    core.store.create(cm('quiet'));
    expect(core.loop.pending).toBe(before);
    core.store.create(cm('loud'));
    expect(core.loop.pending).toBe(before + 1);
    core.store.remove('ConfigMap', 'default', 'quiet');
    core.loop.settle();
    expect(seen).toEqual(['ADDED loud']);
  });
});

describe('ObjectStore expiry (the API server\'s TTL leases)', () => {
  it('deletes an object of a TTL kind ttl after its last write, with a DELETED watch event; a write renews it', () => {
    const core = new CoreCluster({ seed: 5 });
    core.store.expireAfterWrite('ConfigMap', 1000);
    const seen: string[] = [];
    core.store.watch('ConfigMap', (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    core.store.create(cm('a'));
    core.store.create(cm('b'));
    core.loop.advance(500);
    core.store.update('ConfigMap', 'default', 'b', (d) => {
      (d as unknown as { data: Record<string, string> }).data.k = 'v';
    });
    core.loop.advance(499);
    expect(core.store.list('ConfigMap').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    core.loop.advance(1);
    // `a` was last written at 0: gone at 1000. `b` was written again at 500: kept until 1500.
    expect(core.store.get('ConfigMap', 'default', 'a')).toBeUndefined();
    expect(core.store.get('ConfigMap', 'default', 'b')).toBeDefined();
    core.loop.advance(499);
    expect(core.store.get('ConfigMap', 'default', 'b')).toBeDefined();
    core.loop.advance(1);
    expect(core.store.get('ConfigMap', 'default', 'b')).toBeUndefined();
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED b', 'DELETED a', 'DELETED b']);
  });

  it('kinds without a TTL are untouched, and a recreated object gets its own lease', () => {
    const core = new CoreCluster({ seed: 5 });
    core.store.expireAfterWrite('ConfigMap', 1000);
    core.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' } });
    core.store.create(cm('a'));
    core.loop.advance(600);
    core.store.remove('ConfigMap', 'default', 'a');
    core.store.create(cm('a'));
    core.loop.advance(400);
    // The first `a`'s lease ran out at 1000, but this `a` was written at 600.
    expect(core.store.get('ConfigMap', 'default', 'a')).toBeDefined();
    core.loop.advance('1h');
    expect(core.store.get('ConfigMap', 'default', 'a')).toBeUndefined();
    expect(core.store.get('Secret', 'default', 's')).toBeDefined();
  });
});
