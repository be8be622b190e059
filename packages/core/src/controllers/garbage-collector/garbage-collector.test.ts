import { describe, expect, it } from 'vitest';
import { newControllerRef } from '../../api/object.js';
import { CoreCluster } from '../../cluster/core-cluster.js';

function setup() {
  const core = new CoreCluster();
  const owner = core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' }, data: {} });
  const dep = (name: string, owners = [newControllerRef(owner)]) =>
    core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ownerReferences: owners }, data: {} });
  return { core, owner, dep };
}

describe('garbage collector', () => {
  it('background cascade deletes dependents after the owner is gone', () => {
    const { core, dep } = setup();
    dep('d1');
    dep('d2');
    core.api.delete('ConfigMap', 'default', 'owner');
    expect(core.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
    core.loop.advance('1s');
    expect(core.store.list('ConfigMap').map((o) => o.metadata.name)).toEqual([]);
  });

  it('an owner recreated under the same name is not the referenced owner: the dependents of the first go', () => {
    const { core, dep } = setup();
    dep('d1');
    core.api.delete('ConfigMap', 'default', 'owner');
    core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' }, data: {} });
    core.loop.advance('1s');
    expect(core.store.list('ConfigMap').map((o) => o.metadata.name)).toEqual(['owner']);
  });

  it('a dependent created after its owner is gone is collected; a live cluster-scoped owner keeps its dependent', () => {
    const { core, owner } = setup();
    const node = core.store.create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
    core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'on-node', namespace: 'default', ownerReferences: [newControllerRef(node)] }, data: {} });
    core.api.delete('ConfigMap', 'default', 'owner');
    core.loop.advance('1s');
    core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'default', ownerReferences: [newControllerRef(owner)] }, data: {} });
    core.loop.advance('1s');
    expect(core.store.list('ConfigMap').map((o) => o.metadata.name)).toEqual(['on-node']);
    core.api.delete('Node', undefined, 'n1');
    core.loop.advance('1s');
    expect(core.store.list('ConfigMap')).toEqual([]);
  });

  it('keeps a dependent that still has another live owner, dropping the dead reference', () => {
    const { core, owner, dep } = setup();
    const other = core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'default' }, data: {} });
    dep('shared', [newControllerRef(owner), { ...newControllerRef(other), controller: false }]);
    core.api.delete('ConfigMap', 'default', 'owner');
    core.loop.advance('1s');
    const shared = core.store.get('ConfigMap', 'default', 'shared');
    expect(shared?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['other']);
  });

  it('orphan propagation removes owner references and keeps dependents', () => {
    const { core, dep } = setup();
    dep('d1');
    const during = core.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Orphan' });
    expect(during.metadata.finalizers).toEqual(['orphan']);
    expect(during.metadata.deletionTimestamp).toBeDefined();
    core.loop.advance('1s');
    expect(core.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
    expect(core.store.get('ConfigMap', 'default', 'd1')?.metadata.ownerReferences).toBeUndefined();
  });

  it('foreground propagation removes dependents first, then the owner', () => {
    const { core, dep } = setup();
    dep('d1');
    core.api.delete('ConfigMap', 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(core.store.get('ConfigMap', 'default', 'owner')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    core.loop.advance('1s');
    expect(core.store.get('ConfigMap', 'default', 'd1')).toBeUndefined();
    expect(core.store.get('ConfigMap', 'default', 'owner')).toBeUndefined();
  });

  it('a user finalizer holds deletion until it is removed', () => {
    const { core } = setup();
    core.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'f', namespace: 'default', finalizers: ['example.com/hold'] }, data: {} });
    core.api.delete('ConfigMap', 'default', 'f');
    expect(core.store.get('ConfigMap', 'default', 'f')?.metadata.deletionTimestamp).toBe('2026-01-01T00:00:00Z');
    core.api.updateWith('ConfigMap', 'default', 'f', (d) => {
      d.metadata.finalizers = [];
    });
    expect(core.store.get('ConfigMap', 'default', 'f')).toBeUndefined();
  });
});
