import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import type { CoreEvent } from '../../events/recorder.js';
import { WorkloadReasons } from '../events.js';
import { FakeKubelet, makePod, makeReplicaSet } from '../testing/index.js';
import { compareForDeletion, type PodObject } from './controller-utils.js';
import { getPodsToDelete, type ReplicaSetObject } from './replica-set-sync.js';
import { ReplicaSetController } from './replica-set.js';

function setup(opts: ConstructorParameters<typeof FakeKubelet>[1] = {}) {
  const core = new CoreCluster({ seed: 7 });
  const rsc = new ReplicaSetController(core);
  const kubelet = new FakeKubelet(core, opts);
  return { core, rsc, kubelet };
}

const pods = (core: CoreCluster) => core.store.list<PodObject>('Pod', 'default');
const events = (core: CoreCluster, obj: { metadata: { uid?: string } }) =>
  core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', obj.metadata.uid ?? '').map((e) => `${e.reason} ${e.message}`);

describe('ReplicaSet controller', () => {
  it('creates pods named <rs>-<5 chars> with template labels and a controller ref', () => {
    const { core } = setup();
    const rs = core.api.create<ReplicaSetObject>(makeReplicaSet().name('web').replicas(3).obj());
    core.loop.advance('5s');
    const list = pods(core);
    expect(list).toHaveLength(3);
    for (const p of list) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const evs = events(core, rs);
    expect([...evs].sort()).toEqual(list.map((p) => `SuccessfulCreate Created pod: ${p.metadata.name}`).sort());
    const ev = core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', rs.metadata.uid ?? '')[0];
    expect(ev.source.component).toBe('replicaset-controller');
    const live = core.store.get<ReplicaSetObject>('ReplicaSet', 'default', 'web');
    expect(live?.status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  });

  it('defaults replicas to 1 when absent', () => {
    const { core } = setup();
    core.api.create(makeReplicaSet().name('one').replicas(undefined).obj());
    core.loop.advance('2s');
    expect(pods(core)).toHaveLength(1);
  });

  it('replaces a pod as soon as it is terminating (deletionTimestamp does not count)', () => {
    const { core } = setup({ terminationDelayMs: 20_000 });
    core.api.create(makeReplicaSet().name('web').replicas(2).obj());
    core.loop.advance('2s');
    const victim = pods(core)[0];
    core.api.delete('Pod', 'default', victim.metadata.name ?? '');
    core.loop.advance('1s');
    const list = pods(core);
    expect(list).toHaveLength(3);
    expect(list.filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    core.loop.advance('30s');
    expect(pods(core)).toHaveLength(2);
  });

  it('scales down deleting not-ready and unscheduled pods first, with SuccessfulDelete events', () => {
    const { core, kubelet } = setup();
    const rs = core.api.create<ReplicaSetObject>(makeReplicaSet().name('web').replicas(3).obj());
    core.loop.advance('2s');
    kubelet.enabled = false;
    core.api.updateWith<ReplicaSetObject>('ReplicaSet', 'default', 'web', (d) => {
      d.spec!.replicas = 4;
    });
    core.loop.advance('1s');
    const fresh = pods(core).find((p) => !p.spec?.nodeName);
    expect(fresh).toBeDefined();
    core.api.updateWith<ReplicaSetObject>('ReplicaSet', 'default', 'web', (d) => {
      d.spec!.replicas = 2;
    });
    core.loop.advance('1s');
    const left = pods(core).filter((p) => !p.metadata.deletionTimestamp);
    expect(left).toHaveLength(2);
    expect(left.some((p) => p.metadata.name === fresh?.metadata.name)).toBe(false);
    expect(events(core, rs).filter((e) => e.startsWith(WorkloadReasons.SuccessfulDelete))).toContain(`SuccessfulDelete Deleted pod: ${fresh?.metadata.name}`);
  });

  it('adopts a matching orphan instead of creating, and releases a pod whose labels stop matching', () => {
    const { core } = setup();
    core.api.create(makePod().name('stray').labels({ app: 'web' }).obj());
    core.loop.advance('1s');
    const rs = core.api.create<ReplicaSetObject>(makeReplicaSet().name('web').replicas(1).obj());
    core.loop.advance('1s');
    expect(pods(core).map((p) => p.metadata.name)).toEqual(['stray']);
    expect(core.store.get<PodObject>('Pod', 'default', 'stray')?.metadata.ownerReferences?.[0].uid).toBe(rs.metadata.uid);
    core.api.updateWith<PodObject>('Pod', 'default', 'stray', (d) => {
      d.metadata.labels = { app: 'other' };
    });
    core.loop.advance('1s');
    expect(core.store.get<PodObject>('Pod', 'default', 'stray')?.metadata.ownerReferences).toBeUndefined();
    expect(pods(core)).toHaveLength(2);
  });

  it('counts availableReplicas only after minReadySeconds of Ready', () => {
    const { core } = setup({ startDelayMs: 1000 });
    core.api.create(makeReplicaSet().name('web').replicas(1).minReadySeconds(10).obj());
    core.loop.advance('2s');
    const rs = () => core.store.get<ReplicaSetObject>('ReplicaSet', 'default', 'web')?.status;
    expect(rs()?.readyReplicas).toBe(1);
    // omitempty: none available yet is no key at all.
    expect(rs()).not.toHaveProperty('availableReplicas');
    core.loop.advance('10s');
    expect(rs()?.availableReplicas).toBe(1);
  });
});

describe('ActivePodsWithRanks order', () => {
  const base = () => makePod().node('n1').phase('Running').ready('2026-01-01T00:00:10Z');
  it.each([
    ['unscheduled before scheduled', makePod().name('a').obj(), base().name('b').obj()],
    ['pending before running', makePod().name('a').node('n1').phase('Pending').obj(), base().name('b').obj()],
    ['not ready before ready', makePod().name('a').node('n1').phase('Running').obj(), base().name('b').obj()],
    ['ready later before ready earlier', base().name('a').ready('2026-01-01T00:00:20Z').obj(), base().name('b').obj()],
    ['more restarts first', base().name('a').restarts(3).obj(), base().name('b').obj()],
    ['newer before older', base().name('a').created('2026-01-01T00:05:00Z').obj(), base().name('b').created('2026-01-01T00:01:00Z').obj()],
  ])('%s', (_case, first, second) => {
    expect(compareForDeletion(first, second, 0, 0)).toBeLessThan(0);
    expect(compareForDeletion(second, first, 0, 0)).toBeGreaterThan(0);
  });

  it('prefers pods on crowded nodes (rank) when otherwise equal', () => {
    const a = makePod().name('a').node('n1').phase('Running').obj() as PodObject;
    const b = makePod().name('b').node('n1').phase('Running').obj() as PodObject;
    const c = makePod().name('c').node('n2').phase('Running').obj() as PodObject;
    const picked = getPodsToDelete([c, a, b], [a, b, c], 1);
    expect(picked[0].spec?.nodeName).toBe('n1');
  });
});
