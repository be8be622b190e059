import { tokenVolumeSource } from '../../api/admission/service-account.js';
import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import type { CoreEvent } from '../../events/recorder.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { FakeKubelet, type FakeKubeletOptions, makeStatefulSet } from '../testing/index.js';
import { desiredClaimOwnerRefs } from './stateful-pod-control.js';
import { StatefulSetController } from './stateful-set.js';
import { type ClaimObject, type RevisionObject, REVISION_LABEL, type StatefulSetObject } from './stateful-set-utils.js';

function setup(opts: FakeKubeletOptions = {}) {
  const core = new CoreCluster({ seed: 5 });
  new StatefulSetController(core);
  const kubelet = new FakeKubelet(core, { startDelayMs: 5000, terminationDelayMs: 10_000, ...opts });
  return { core, kubelet };
}
const pod = (core: CoreCluster, name: string) => core.store.get<PodObject>('Pod', 'default', name);
const podNames = (core: CoreCluster) => core.store.list<PodObject>('Pod', 'default').map((p) => p.metadata.name);
const claim = (core: CoreCluster, name: string) => core.store.get<ClaimObject>('PersistentVolumeClaim', 'default', name);
const set = (core: CoreCluster) => core.store.get<StatefulSetObject>('StatefulSet', 'default', 'randserver') as StatefulSetObject;
const events = (core: CoreCluster) =>
  core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', set(core).metadata.uid ?? '').map((e) => `${e.type} ${e.reason} ${e.message}`);
function scaleTo(core: CoreCluster, n: number) {
  core.api.updateWith<StatefulSetObject>('StatefulSet', 'default', 'randserver', (d) => {
    d.spec!.replicas = n;
  });
}

describe('StatefulSet identity and order', () => {
  it('status omits zero counts as Go\'s omitempty does, but always has replicas and availableReplicas', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(1).claim('data').obj());
    core.loop.advance('1s');
    // One pod, not ready yet: replicas 1, nothing ready, current or updated beyond it.
    const starting = set(core).status ?? {};
    expect(starting).toMatchObject({ replicas: 1, availableReplicas: 0 });
    expect(starting).not.toHaveProperty('readyReplicas');
    core.loop.advance('10s');
    expect(set(core).status).toMatchObject({ replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 1 });
    scaleTo(core, 0);
    core.loop.advance('1m');
    const empty = set(core).status ?? {};
    expect(empty).toMatchObject({ replicas: 0, availableReplicas: 0 });
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) expect(empty).not.toHaveProperty(k);
  });

  it('A3: claim before pod, ordinal 1 only after ordinal 0 is Running+Ready, exact event texts', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(2).claim('data').obj());
    core.loop.advance('1s');
    expect(podNames(core)).toEqual(['randserver-0']);
    core.loop.advance('4s');
    expect(podNames(core)).toEqual(['randserver-0', 'randserver-1']);
    core.loop.advance('10s');
    expect(events(core)).toEqual([
      'Normal SuccessfulCreate create Claim data-randserver-0 Pod randserver-0 in StatefulSet randserver success',
      'Normal SuccessfulCreate create Pod randserver-0 in StatefulSet randserver successful',
      'Normal SuccessfulCreate create Claim data-randserver-1 Pod randserver-1 in StatefulSet randserver success',
      'Normal SuccessfulCreate create Pod randserver-1 in StatefulSet randserver successful',
    ]);
    const e = core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', set(core).metadata.uid ?? '')[0];
    expect(e.source.component).toBe('statefulset-controller');
  });

  it('gives each pod its hostname, subdomain, identity labels, revision label and claim volume', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(1).claim('data').obj());
    core.loop.advance('10s');
    const p = pod(core, 'randserver-0') as PodObject;
    const [rev] = core.store.list<RevisionObject>('ControllerRevision', 'default');
    expect(rev.metadata.name).toMatch(/^randserver-[456789bcdf]+$/);
    expect(p.spec?.hostname).toBe('randserver-0');
    expect(p.spec?.subdomain).toBe('randserver');
    expect(p.metadata.labels).toEqual({
      app: 'randserver',
      'statefulset.kubernetes.io/pod-name': 'randserver-0',
      'apps.kubernetes.io/pod-index': '0',
      [REVISION_LABEL]: rev.metadata.name,
    });
    // The claim volume from the template, then the ServiceAccount admission plugin's token volume.
    expect(p.spec?.volumes).toEqual([
      { name: 'data', persistentVolumeClaim: { claimName: 'data-randserver-0' } },
      { name: expect.stringMatching(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/), projected: tokenVolumeSource() },
    ]);
    const c = claim(core, 'data-randserver-0') as ClaimObject;
    expect(c.metadata.labels).toEqual({ app: 'randserver' });
    expect(c.metadata.ownerReferences).toBeUndefined();
    expect(c.spec?.resources?.requests?.storage).toBe('1Gi');
    expect(set(core).status).toMatchObject({
      replicas: 1,
      readyReplicas: 1,
      currentReplicas: 1,
      updatedReplicas: 1,
      availableReplicas: 1,
      currentRevision: rev.metadata.name,
      updateRevision: rev.metadata.name,
      observedGeneration: 1,
    });
  });

  it('honours spec.ordinals.start', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(2).ordinalsStart(5).claim().obj());
    core.loop.advance('20s');
    expect(podNames(core)).toEqual(['randserver-5', 'randserver-6']);
    expect(claim(core, 'data-randserver-5')).toBeDefined();
  });

  it('deleting randserver-1 creates a new randserver-1 only after the old object is gone, on the same claim', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(3).claim().obj());
    core.loop.advance('30s');
    const old = pod(core, 'randserver-1') as PodObject;
    const claimUid = claim(core, 'data-randserver-1')?.metadata.uid;
    const creations: string[] = [];
    core.store.watch<PodObject>('Pod', (e) => {
      if (e.type === 'ADDED') creations.push(`${e.object.metadata.name}@${core.clock.now()}`);
    });
    core.api.delete('Pod', 'default', 'randserver-1');
    core.loop.advance('5s');
    expect(pod(core, 'randserver-1')?.metadata.uid).toBe(old.metadata.uid);
    expect(pod(core, 'randserver-1')?.metadata.deletionTimestamp).toBeDefined();
    expect(creations).toEqual([]);
    core.loop.advance('10s');
    const fresh = pod(core, 'randserver-1') as PodObject;
    expect(fresh.metadata.uid).not.toBe(old.metadata.uid);
    expect(creations).toHaveLength(1);
    expect(claim(core, 'data-randserver-1')?.metadata.uid).toBe(claimUid);
    expect(fresh.spec?.volumes?.[0].persistentVolumeClaim?.claimName).toBe('data-randserver-1');
  });

  it('scale 3→1→3 deletes from the highest ordinal, one at a time, and reuses the same claims', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(3).claim().obj());
    core.loop.advance('30s');
    const uids = [0, 1, 2].map((i) => claim(core, `data-randserver-${i}`)?.metadata.uid);
    scaleTo(core, 1);
    core.loop.advance('5s');
    expect(pod(core, 'randserver-2')?.metadata.deletionTimestamp).toBeDefined();
    expect(pod(core, 'randserver-1')?.metadata.deletionTimestamp).toBeUndefined();
    core.loop.advance('30s');
    expect(podNames(core)).toEqual(['randserver-0']);
    expect(events(core).filter((e) => e.includes('SuccessfulDelete'))).toEqual([
      'Normal SuccessfulDelete delete Pod randserver-2 in StatefulSet randserver successful',
      'Normal SuccessfulDelete delete Pod randserver-1 in StatefulSet randserver successful',
    ]);
    expect([0, 1, 2].map((i) => claim(core, `data-randserver-${i}`)?.metadata.uid)).toEqual(uids);
    scaleTo(core, 3);
    core.loop.advance('30s');
    expect(podNames(core)).toEqual(['randserver-0', 'randserver-1', 'randserver-2']);
    expect([0, 1, 2].map((i) => claim(core, `data-randserver-${i}`)?.metadata.uid)).toEqual(uids);
    expect(events(core).filter((e) => e.includes('Claim'))).toHaveLength(3);
  });

  it('Parallel creates every ordinal at once', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(3).parallel().obj());
    core.loop.advance('1s');
    expect(podNames(core)).toEqual(['randserver-0', 'randserver-1', 'randserver-2']);
    expect(core.store.list<PodObject>('Pod', 'default').every((p) => p.status?.phase !== 'Running')).toBe(true);
  });

  it('OrderedReady waits forever behind a pod that never becomes Ready', () => {
    const { core } = setup({ ready: (p) => p.metadata?.name !== 'randserver-0' });
    core.api.create(makeStatefulSet().replicas(3).obj());
    core.loop.advance('120s');
    expect(podNames(core)).toEqual(['randserver-0']);
  });

  it('recreates a failed pod with RecreatingFailedPod', () => {
    const { core, kubelet } = setup();
    core.api.create(makeStatefulSet().replicas(1).obj());
    core.loop.advance('10s');
    const uid = pod(core, 'randserver-0')?.metadata.uid;
    kubelet.fail('default', 'randserver-0');
    core.loop.advance('30s');
    expect(events(core)).toContain('Warning RecreatingFailedPod StatefulSet default/randserver is recreating failed Pod randserver-0');
    expect(pod(core, 'randserver-0')?.metadata.uid).not.toBe(uid);
    expect(pod(core, 'randserver-0')?.status?.phase).toBe('Running');
  });
});

describe('StatefulSet updates', () => {
  function imageOf(core: CoreCluster, name: string) {
    return pod(core, name)?.spec?.containers[0].image;
  }
  function setImage(core: CoreCluster, image: string) {
    core.api.updateWith<StatefulSetObject>('StatefulSet', 'default', 'randserver', (d) => {
      d.spec!.template.spec!.containers[0].image = image;
    });
  }

  it('RollingUpdate replaces the highest ordinal first, one at a time, then moves currentRevision', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(3).obj());
    core.loop.advance('30s');
    const order: string[] = [];
    core.store.watch<PodObject>('Pod', (e) => {
      if (e.type === 'ADDED') order.push(e.object.metadata.name ?? '');
    });
    setImage(core, 'errm/randserver:v2');
    core.loop.advance('5s');
    expect(imageOf(core, 'randserver-1')).toBe('errm/randserver');
    core.loop.advance('120s');
    expect(order).toEqual(['randserver-2', 'randserver-1', 'randserver-0']);
    expect([0, 1, 2].map((i) => imageOf(core, `randserver-${i}`))).toEqual(Array(3).fill('errm/randserver:v2'));
    const st = set(core).status;
    expect(st?.currentRevision).toBe(st?.updateRevision);
    expect(core.store.list('ControllerRevision', 'default')).toHaveLength(2);
  });

  it('partition keeps ordinals below it at the current revision', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(3).partition(2).obj());
    core.loop.advance('30s');
    setImage(core, 'v2');
    core.loop.advance('60s');
    expect([0, 1, 2].map((i) => imageOf(core, `randserver-${i}`))).toEqual(['errm/randserver', 'errm/randserver', 'v2']);
    expect(set(core).status?.currentRevision).not.toBe(set(core).status?.updateRevision);
  });

  it('OnDelete updates a pod only when the user deletes it', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(2).onDelete().obj());
    core.loop.advance('30s');
    setImage(core, 'v2');
    core.loop.advance('60s');
    expect(imageOf(core, 'randserver-1')).toBe('errm/randserver');
    core.api.delete('Pod', 'default', 'randserver-1');
    core.loop.advance('30s');
    expect(imageOf(core, 'randserver-1')).toBe('v2');
    expect(imageOf(core, 'randserver-0')).toBe('errm/randserver');
  });
});

describe('persistentVolumeClaimRetentionPolicy', () => {
  it('whenScaled: Delete hands condemned claims to their pod, so they go with it', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(2).claim().retention('Retain', 'Delete').obj());
    core.loop.advance('30s');
    scaleTo(core, 1);
    core.loop.advance('1s');
    const condemned = pod(core, 'randserver-1') as PodObject;
    expect(claim(core, 'data-randserver-1')?.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'randserver-1', uid: condemned.metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    core.loop.advance('30s');
    expect(claim(core, 'data-randserver-1')).toBeUndefined();
    expect(claim(core, 'data-randserver-0')).toBeDefined();
  });

  it('whenDeleted: Delete makes the set own its claims', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(1).claim().retention('Delete', 'Retain').obj());
    core.loop.advance('10s');
    expect(claim(core, 'data-randserver-0')?.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'randserver', uid: set(core).metadata.uid, controller: true, blockOwnerDeletion: true },
    ]);
    core.api.delete('StatefulSet', 'default', 'randserver');
    core.loop.advance('30s');
    expect(claim(core, 'data-randserver-0')).toBeUndefined();
  });

  it('Delete/Delete: a condemned claim is owned by its pod only, the others by the set', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(2).claim().retention('Delete', 'Delete').obj());
    core.loop.advance('30s');
    scaleTo(core, 1);
    core.loop.advance('1s');
    const owners = (n: string) => claim(core, n)?.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}`);
    expect(owners('data-randserver-1')).toEqual(['Pod/randserver-1']);
    expect(owners('data-randserver-0')).toEqual(['StatefulSet/randserver']);
  });

  it.each([
    ['Retain/Retain keeps no refs', 'Retain', 'Retain', false, []],
    ['whenDeleted Delete → set', 'Delete', 'Retain', false, ['StatefulSet']],
    ['whenDeleted Delete, scaled down → still set', 'Delete', 'Retain', true, ['StatefulSet']],
    ['whenScaled Delete, in range → none', 'Retain', 'Delete', false, []],
    ['whenScaled Delete, scaled down → pod', 'Retain', 'Delete', true, ['Pod']],
    ['both Delete, scaled down → pod only', 'Delete', 'Delete', true, ['Pod']],
  ] as const)('desiredClaimOwnerRefs: %s', (_c, whenDeleted, whenScaled, scaledDown, kinds) => {
    const sts = { ...makeStatefulSet().retention(whenDeleted, whenScaled).obj(), metadata: { name: 'randserver', namespace: 'default', uid: 's-uid' } };
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'randserver-1', uid: 'p-uid' } } as PodObject;
    const stale = [{ apiVersion: 'v1', kind: 'Pod', name: 'randserver-1', uid: 'old' }];
    const refs = desiredClaimOwnerRefs(stale, sts as StatefulSetObject, 'randserver-1', p, scaledDown);
    expect(refs.map((r) => r.kind)).toEqual(kinds);
    expect(refs.every((r) => r.controller === true)).toBe(true);
  });

  it('desiredClaimOwnerRefs adds nothing to a claim controlled by someone else', () => {
    const sts = { ...makeStatefulSet().retention('Delete', 'Delete').obj(), metadata: { name: 'randserver', namespace: 'default', uid: 's' } };
    const other = [{ apiVersion: 'v1', kind: 'Foo', name: 'x', uid: 'f', controller: true }];
    expect(desiredClaimOwnerRefs(other, sts as StatefulSetObject, 'randserver-0', undefined, false)).toEqual(other);
  });

  it('Retain (default) keeps claims after the set is deleted', () => {
    const { core } = setup();
    core.api.create(makeStatefulSet().replicas(1).claim().obj());
    core.loop.advance('10s');
    core.api.delete('StatefulSet', 'default', 'randserver');
    core.loop.advance('30s');
    expect(podNames(core)).toEqual([]);
    expect(claim(core, 'data-randserver-0')).toBeDefined();
  });
});
