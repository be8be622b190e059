/**
 * snapshot-controller + csi-snapshotter over the EC2 model: the happy path with its finalizers and
 * events, the error paths with upstream's texts, deletion by policy, and restore failures.
 */
import { type KubeObject, isStatusError } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from '../api-types.js';
import { SNAPSHOT_ANN, SNAPSHOT_FINALIZER } from '../constants.js';
import { makeClaim, makeClass, makeSnapshot, makeSnapshotClass, newStorageCluster } from '../testing/index.js';
import { installSnapshotController } from './install.js';
import type { VolumeSnapshot, VolumeSnapshotContent } from './types.js';

function setup() {
  const t = newStorageCluster();
  const snapshots = installSnapshotController(t.core, t.storage.ec2);
  t.core.api.create(makeClass('gp3').zones('us-east-1a').obj());
  const vs = (name: string) => t.core.store.get<VolumeSnapshot>('VolumeSnapshot', 'default', name) as VolumeSnapshot;
  const vsc = (name: string) => t.core.store.get<VolumeSnapshotContent>('VolumeSnapshotContent', undefined, name);
  const pvc = (name: string) => t.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name) as PersistentVolumeClaim;
  const bound = (name: string) => {
    t.core.api.create(makeClaim(name).storageClass('gp3').obj());
    t.advance('30s');
    expect(pvc(name).status?.phase).toBe('Bound');
  };
  const createError = (obj: KubeObject): string => {
    try {
      t.core.api.create(obj);
    } catch (e) {
      if (isStatusError(e)) return e.message;
      throw e;
    }
    return 'created';
  };
  return { ...t, snapshots, vs, vsc, pvc, bound, createError };
}

describe('validation (CRD schema and CEL rules)', () => {
  it('1-1 exactly one source, a non-empty class name, required fields', () => {
    const t = setup();
    const both = makeSnapshot('s', 'data');
    both.spec = { source: { persistentVolumeClaimName: 'data', volumeSnapshotContentName: 'c' } };
    expect(t.createError(both)).toBe(
      'VolumeSnapshot.snapshot.storage.k8s.io "s" is invalid: spec.source: Invalid value: "object": exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set',
    );
    const emptyClass = makeSnapshot('s', 'data');
    emptyClass.spec = { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: '' };
    expect(t.createError(emptyClass)).toBe(
      'VolumeSnapshot.snapshot.storage.k8s.io "s" is invalid: spec.volumeSnapshotClassName: Invalid value: "string": volumeSnapshotClassName must not be the empty string when set',
    );
    const cls = makeSnapshotClass('c');
    (cls as { deletionPolicy: string }).deletionPolicy = 'Keep';
    expect(t.createError(cls)).toBe(
      'VolumeSnapshotClass.snapshot.storage.k8s.io "c" is invalid: deletionPolicy: Unsupported value: "Keep": supported values: "Delete", "Retain"',
    );
  });

  it('1-2 the source is immutable', () => {
    const t = setup();
    t.core.api.create(makeSnapshot('s', 'data', 'none'));
    const next = { ...t.vs('s'), spec: { ...t.vs('s').spec, source: { persistentVolumeClaimName: 'other' } } };
    expect(() => t.core.api.update(next)).toThrow(
      'VolumeSnapshot.snapshot.storage.k8s.io "s" is invalid: spec.source.persistentVolumeClaimName: Invalid value: "string": persistentVolumeClaimName is immutable',
    );
  });
});

describe('snapshot-controller', () => {
  it('2-1 a snapshot of a Bound claim: content, finalizers, events, ready once the EBS snapshot completes', () => {
    const t = setup();
    t.core.api.create(makeSnapshotClass('ebs', { isDefault: true }));
    t.bound('data');
    t.core.api.create(makeSnapshot('snap', 'data'));
    t.advance('1s');
    const snap = t.vs('snap');
    const contentName = `snapcontent-${snap.metadata.uid}`;
    expect(snap.spec.volumeSnapshotClassName).toBe('ebs');
    expect(snap.status?.boundVolumeSnapshotContentName).toBe(contentName);
    expect(snap.status?.readyToUse).toBe(false);
    expect(snap.metadata.finalizers).toEqual([SNAPSHOT_FINALIZER.snapshotAsSource, SNAPSHOT_FINALIZER.snapshotBound]);
    expect(t.pvc('data').metadata.finalizers).toContain(SNAPSHOT_FINALIZER.pvcAsSource);
    const content = t.vsc(contentName) as VolumeSnapshotContent;
    expect(content.metadata.finalizers).toEqual([SNAPSHOT_FINALIZER.contentBound]);
    expect(content.spec).toEqual({
      deletionPolicy: 'Delete',
      driver: 'ebs.csi.aws.com',
      source: { volumeHandle: expect.stringMatching(/^vol-/) },
      sourceVolumeMode: 'Filesystem',
      volumeSnapshotClassName: 'ebs',
      volumeSnapshotRef: {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshot',
        name: 'snap',
        namespace: 'default',
        resourceVersion: expect.any(String),
        uid: snap.metadata.uid,
      },
    });
    expect(content.status?.snapshotHandle).toMatch(/^snap-[0-9a-f]{17}$/);
    expect(content.status?.restoreSize).toBe(1073741824);
    expect(content.status?.creationTime).toBe((t.core.clock.startEpochMs + t.storage.ec2.snapshot(content.status?.snapshotHandle ?? '')!.startTimeMs) * 1e6);
    t.advance('2m');
    expect(t.vsc(contentName)?.status?.readyToUse).toBe(true);
    expect(t.vs('snap').status).toMatchObject({ readyToUse: true, restoreSize: '1Gi' });
    expect(t.pvc('data').metadata.finalizers).not.toContain(SNAPSHOT_FINALIZER.pvcAsSource);
    expect(t.storage.ec2.snapshot(content.status?.snapshotHandle ?? '')?.tags).toEqual([
      { Key: 'CSIVolumeSnapshotName', Value: `snapshot-${snap.metadata.uid}` },
      { Key: 'ebs.csi.aws.com/cluster', Value: 'true' },
    ]);
    expect(t.events(t.vs('snap'))).toEqual([
      'Normal CreatingSnapshot Waiting for a snapshot default/snap to be created by the CSI driver.',
      'Normal SnapshotCreated Snapshot default/snap was successfully created by the CSI driver.',
      'Normal SnapshotReady Snapshot default/snap is ready to use.',
    ]);
  });

  it('2-2 no default class for the driver', () => {
    const t = setup();
    t.bound('data');
    t.core.api.create(makeSnapshot('snap', 'data'));
    t.advance('10s');
    const message = 'Failed to set default snapshot class with error cannot find default snapshot class';
    expect(t.events(t.vs('snap'))).toEqual([`Warning SetDefaultSnapshotClassFailed ${message}`]);
    expect(t.vs('snap').status?.error?.message).toBe(message);
  });

  it('2-3 the claim is not bound yet: an error until it is, then the snapshot is taken', () => {
    const t = setup();
    t.core.api.create(makeSnapshotClass('ebs', { isDefault: true }));
    t.core.api.create(makeClass('late').mode('WaitForFirstConsumer').obj());
    t.core.api.create(makeClaim('data').storageClass('late').obj());
    t.core.api.create(makeSnapshot('snap', 'data'));
    t.advance('10s');
    expect(t.events(t.vs('snap'))).toEqual([
      'Warning SetDefaultSnapshotClassFailed Failed to set default snapshot class with error the PVC data is not yet bound to a PV, will not attempt to take a snapshot',
    ]);
    expect(t.vs('snap').status?.boundVolumeSnapshotContentName).toBeUndefined();
    expect(t.core.store.list('VolumeSnapshotContent')).toEqual([]);
    // The scheduler picks a node: the claim is provisioned and bound; a retry takes the snapshot.
    t.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, 'volume.kubernetes.io/selected-node': 'ip-10-0-1-23.ec2.internal' };
    });
    t.advance('5m');
    expect(t.pvc('data').status?.phase).toBe('Bound');
    expect(t.vs('snap').status).toMatchObject({ readyToUse: true, restoreSize: '1Gi' });
    expect(t.vs('snap').status?.error).toBeUndefined();
  });

  it('2-4 a named class that does not exist', () => {
    const t = setup();
    t.bound('data');
    t.core.api.create(makeSnapshot('snap', 'data', 'missing'));
    t.advance('10s');
    const message = 'Failed to get snapshot class with error volumesnapshotclass.snapshot.storage.k8s.io "missing" not found';
    expect(t.events(t.vs('snap'))).toEqual([`Warning GetSnapshotClassFailed ${message}`]);
    expect(t.vs('snap').status?.error?.message).toBe(message);
    // It retries with backoff: the class appearing later lets it through.
    t.core.api.create(makeSnapshotClass('missing'));
    t.advance('2m');
    expect(t.vs('snap').status?.readyToUse).toBe(true);
    expect(t.vs('snap').status?.error).toBeUndefined();
  });

  it('2-5 deletionPolicy Delete: the EBS snapshot and the content go with the snapshot', () => {
    const t = setup();
    t.core.api.create(makeSnapshotClass('ebs', { isDefault: true }));
    t.bound('data');
    t.core.api.create(makeSnapshot('snap', 'data'));
    t.advance('2m');
    const contentName = t.vs('snap').status?.boundVolumeSnapshotContentName ?? '';
    const handle = t.vsc(contentName)?.status?.snapshotHandle ?? '';
    expect(t.storage.ec2.snapshot(handle)?.state).toBe('completed');
    t.core.api.delete('VolumeSnapshot', 'default', 'snap');
    t.advance('5s');
    expect(t.core.store.get('VolumeSnapshot', 'default', 'snap')).toBeUndefined();
    expect(t.vsc(contentName)).toBeUndefined();
    expect(t.storage.ec2.snapshot(handle)).toBeUndefined();
  });

  it('2-6 deletionPolicy Retain: the content and the EBS snapshot stay', () => {
    const t = setup();
    t.core.api.create(makeSnapshotClass('keep', { policy: 'Retain' }));
    t.bound('data');
    t.core.api.create(makeSnapshot('snap', 'data', 'keep'));
    t.advance('2m');
    expect(t.vs('snap').metadata.finalizers).toEqual([SNAPSHOT_FINALIZER.snapshotAsSource]);
    const contentName = t.vs('snap').status?.boundVolumeSnapshotContentName ?? '';
    const handle = t.vsc(contentName)?.status?.snapshotHandle ?? '';
    t.core.api.delete('VolumeSnapshot', 'default', 'snap');
    t.advance('5s');
    expect(t.core.store.get('VolumeSnapshot', 'default', 'snap')).toBeUndefined();
    const content = t.vsc(contentName);
    expect(content?.metadata.deletionTimestamp).toBeUndefined();
    expect(content?.metadata.annotations?.[SNAPSHOT_ANN.beingDeleted]).toBe('yes');
    expect(t.storage.ec2.snapshot(handle)?.state).toBe('completed');
  });
});

describe('restore (external-provisioner)', () => {
  function restoreEvents(t: ReturnType<typeof setup>, name: string): string[] {
    return t.events(t.pvc(name)).filter((e) => e.startsWith('Warning ProvisioningFailed'));
  }

  it('3-1 a snapshot that does not exist', () => {
    const t = setup();
    t.core.api.create(makeClaim('restored').storageClass('gp3').obj());
    const claim = t.pvc('restored');
    t.core.api.delete('PersistentVolumeClaim', 'default', 'restored');
    t.advance('1s');
    const withSource = { ...claim, metadata: { name: 'restored', namespace: 'default' }, spec: { ...claim.spec, dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'nope' } } };
    t.core.api.create(withSource as KubeObject);
    t.advance('5s');
    expect(restoreEvents(t, 'restored')[0]).toBe(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "gp3": error getting handle for DataSource Type VolumeSnapshot by Name nope: error getting snapshot nope from api server: volumesnapshots.snapshot.storage.k8s.io "nope" not found',
    );
    expect(t.pvc('restored').status?.phase).toBe('Pending');
  });

  it('3-2 a snapshot not ready yet, then a request below its restore size', () => {
    const t = setup();
    t.core.api.create(makeSnapshotClass('ebs', { isDefault: true }));
    t.core.api.create(makeClaim('data').storageClass('gp3').size('2Gi').obj());
    t.advance('30s');
    t.core.api.create(makeSnapshot('snap', 'data'));
    t.advance('1s');
    const restore = (name: string, size: string) => {
      const c = makeClaim(name).storageClass('gp3').size(size).obj() as PersistentVolumeClaim & { spec: Record<string, unknown> };
      c.spec.dataSource = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap' };
      t.core.api.create(c);
    };
    restore('early', '2Gi');
    t.advance('1s');
    expect(restoreEvents(t, 'early')[0]).toBe(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "gp3": error getting handle for DataSource Type VolumeSnapshot by Name snap: snapshot snap is not Ready',
    );
    t.advance('5m');
    expect(t.pvc('early').status?.phase).toBe('Bound');
    restore('small', '1Gi');
    t.advance('5s');
    expect(restoreEvents(t, 'small')[0]).toBe(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "gp3": error getting handle for DataSource Type VolumeSnapshot by Name snap: requested volume size 1073741824 is less than the size 2147483648 for the source snapshot snap',
    );
  });
});
