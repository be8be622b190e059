import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../api-types.js';
import { ANN } from '../constants.js';
import { makeClaim, makeClass, makePod, makeVolume, newStorageCluster } from '../testing/index.js';

function setup() {
  const t = newStorageCluster();
  const create = (o: KubeObject) => {
    const out = t.core.api.create(o);
    t.core.loop.settle();
    return out;
  };
  const claim = (name: string) => t.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', name) as PersistentVolumeClaim;
  const pv = (name: string) => t.core.store.get<PersistentVolume>('PersistentVolume', undefined, name) as PersistentVolume;
  return { t, create, claim, pv };
}

describe('PV controller: unbound claims', () => {
  it('1-1 no volume and no class: FailedBinding, Pending', () => {
    const { t, create, claim } = setup();
    create(makeClaim('c').storageClass('').obj());
    expect(claim('c').status?.phase).toBe('Pending');
    expect(t.events(claim('c'))).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
  });

  it('1-2 binds the smallest matching volume, both ways, with annotations', () => {
    const { t, create, claim, pv } = setup();
    create(makeVolume('big').capacity('10Gi').obj());
    create(makeVolume('small').capacity('2Gi').obj());
    create(makeVolume('tiny').capacity('500Mi').obj());
    t.advance('1s');
    create(makeClaim('c').storageClass('').size('1Gi').obj());
    expect(claim('c').spec?.volumeName).toBe('small');
    expect(claim('c').status).toMatchObject({ phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(claim('c').metadata.annotations).toMatchObject({ [ANN.bindCompleted]: 'yes', [ANN.boundByController]: 'yes' });
    expect(pv('small').spec?.claimRef).toMatchObject({ name: 'c', namespace: 'default', uid: claim('c').metadata.uid });
    expect(pv('small').metadata.annotations?.[ANN.boundByController]).toBe('yes');
    expect(pv('small').status?.phase).toBe('Bound');
    expect(pv('big').status?.phase).toBe('Available');
  });

  it('1-3 WaitForFirstConsumer without a selected node waits (and names unscheduled pods)', () => {
    const { t, create, claim } = setup();
    create(makeClass('gp3').mode('WaitForFirstConsumer').obj());
    create(makeClaim('c').storageClass('gp3').obj());
    expect(t.events(claim('c'))).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    create(makePod('web').pvc('c').obj());
    t.advance('15s');
    expect(t.events(claim('c'))).toContain('Normal WaitForPodScheduled waiting for pod web to be scheduled');
  });

  it('1-4 a class with a provisioner: ExternalProvisioning, then the PV pvc-<uid> is provisioned and bound', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('gp3').obj());
    create(makeClaim('c').storageClass('gp3').size('500M').obj());
    const uid = claim('c').metadata.uid;
    expect(claim('c').metadata.annotations?.[ANN.storageProvisioner]).toBe('ebs.csi.aws.com');
    expect(claim('c').metadata.annotations?.[ANN.betaStorageProvisioner]).toBe('ebs.csi.aws.com');
    t.advance('10s');
    const name = `pvc-${uid}`;
    expect(claim('c').spec?.volumeName).toBe(name);
    expect(claim('c').status?.capacity?.storage).toBe('1Gi');
    expect(pv(name).spec?.csi).toMatchObject({ driver: 'ebs.csi.aws.com', fsType: 'ext4' });
    expect(pv(name).spec?.csi?.volumeHandle).toMatch(/^vol-[0-9a-f]{17}$/);
    expect(pv(name).spec?.nodeAffinity?.required?.nodeSelectorTerms[0].matchExpressions?.[0].key).toBe('topology.kubernetes.io/zone');
    expect(pv(name).metadata.annotations?.[ANN.provisionedBy]).toBe('ebs.csi.aws.com');
    const lines = t.events(claim('c'));
    expect(lines[0]).toBe(
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(lines).toContain('Normal Provisioning External provisioner is provisioning volume for claim "default/c"');
    expect(lines).toContain(`Normal ProvisioningSucceeded Successfully provisioned volume ${name}`);
  });

  it('1-5 missing class: ProvisioningFailed, then provisioned once the class appears (15s resync)', () => {
    const { t, create, claim } = setup();
    create(makeClaim('randserver-data').storageClass('general-purpose').obj());
    expect(t.events(claim('randserver-data'))).toEqual([
      'Warning ProvisioningFailed storageclass.storage.k8s.io "general-purpose" not found',
    ]);
    t.advance('20s');
    expect(claim('randserver-data').status?.phase).toBe('Pending');
    create(makeClass('general-purpose', 'kubernetes.io/aws-ebs').params({ type: 'gp2' }).obj());
    t.advance('20s');
    expect(claim('randserver-data').status?.phase).toBe('Bound');
  });

  it('1-6 access modes must all be offered', () => {
    const { create, claim } = setup();
    create(makeVolume('rwo').obj());
    create(makeClaim('c').storageClass('').modes('ReadWriteMany').obj());
    expect(claim('c').spec?.volumeName).toBeUndefined();
  });

  it('1-7 label selector must match', () => {
    const { create, claim } = setup();
    create(makeVolume('a').label('tier', 'cold').obj());
    create(makeVolume('b').capacity('5Gi').label('tier', 'hot').obj());
    create(makeClaim('c').storageClass('').selector({ tier: 'hot' }).obj());
    expect(claim('c').spec?.volumeName).toBe('b');
  });

  it('1-8 volumeMode must match', () => {
    const { create, claim } = setup();
    create(makeVolume('fs').obj());
    create(makeClaim('c').storageClass('').volumeMode('Block').obj());
    expect(claim('c').spec?.volumeName).toBeUndefined();
  });

  it('1-9 retroactive default class and admission default (newest default wins, tie by name)', () => {
    const { t, create, claim } = setup();
    create(makeClaim('early').storageClass(null).obj());
    expect(claim('early').spec?.storageClassName).toBeUndefined();
    // Both defaults appear at the same instant: the tie goes to the name that sorts first.
    t.core.api.create(makeClass('b-default').isDefault().obj());
    t.core.api.create(makeClass('a-default').isDefault().obj());
    t.advance('16s');
    expect(claim('early').spec?.storageClassName).toBe('a-default');
    t.advance('1s');
    create(makeClass('newest').isDefault().obj());
    create(makeClaim('late').storageClass(null).obj());
    expect(claim('late').spec?.storageClassName).toBe('newest');
    create(makeClaim('none').storageClass('').obj());
    expect(claim('none').spec?.storageClassName).toBe('');
  });
});

describe('PV controller: pre-bound claims', () => {
  it('2-1 pre-bound to a missing volume stays Pending', () => {
    const { create, claim } = setup();
    create(makeClaim('c').storageClass('').volumeName('nope').obj());
    expect(claim('c').status?.phase).toBe('Pending');
  });

  it('2-2 pre-bound claim binds an unclaimed volume without bound-by-controller on the claim', () => {
    const { create, claim, pv } = setup();
    create(makeVolume('v').obj());
    create(makeClaim('c').storageClass('').volumeName('v').obj());
    expect(claim('c').status?.phase).toBe('Bound');
    expect(claim('c').metadata.annotations?.[ANN.boundByController]).toBeUndefined();
    expect(pv('v').metadata.annotations?.[ANN.boundByController]).toBe('yes');
  });

  it('2-3 pre-bound to a volume that is too small: VolumeMismatch', () => {
    const { t, create, claim } = setup();
    create(makeVolume('v').capacity('1Gi').obj());
    create(makeClaim('c').storageClass('').size('5Gi').volumeName('v').obj());
    expect(t.events(claim('c'))).toEqual(['Warning VolumeMismatch Cannot bind to requested volume "v": requested PV is too small']);
  });

  it('2-4 volume pre-bound to the claim by the user: bound', () => {
    const { create, claim, pv } = setup();
    create(makeVolume('v').claimRef('default', 'c').obj());
    create(makeClaim('c').storageClass('').obj());
    expect(claim('c').spec?.volumeName).toBe('v');
    expect(pv('v').metadata.annotations?.[ANN.boundByController]).toBeUndefined();
    expect(pv('v').status?.phase).toBe('Bound');
  });

  it('2-5 pre-bound to a volume bound to another claim: FailedBinding, Pending', () => {
    const { t, create, claim } = setup();
    create(makeVolume('v').obj());
    create(makeClaim('first').storageClass('').obj());
    create(makeClaim('second').storageClass('').volumeName('v').obj());
    expect(claim('second').status?.phase).toBe('Pending');
    expect(t.events(claim('second'))).toContain('Warning FailedBinding volume "v" already bound to a different claim.');
  });
});

describe('PV controller: bound claims and volumes', () => {
  it('3-2 a bound claim whose volume disappears is Lost', () => {
    const { t, create, claim } = setup();
    create(makeVolume('v').obj());
    create(makeClaim('c').storageClass('').obj());
    t.core.store.remove('PersistentVolume', undefined, 'v');
    t.advance('1s');
    expect(claim('c').status?.phase).toBe('Lost');
    expect(t.events(claim('c'))).toContain('Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!');
  });

  it('4-1 a new volume is Available', () => {
    const { create, pv } = setup();
    create(makeVolume('v').obj());
    expect(pv('v').status?.phase).toBe('Available');
  });

  /** A static EBS volume `v` holding a file, with `policy`, bound to claim `c`, then the claim deleted. */
  function releaseEbsVolume(policy: 'Retain' | 'Recycle') {
    const s = setup();
    const vol = s.t.storage.ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 });
    s.t.advance('5s');
    vol.fs.writeFile('keep', 'me');
    s.create(makeVolume('v').ebs(vol.volumeId).reclaim(policy).obj());
    s.create(makeClaim('c').storageClass('').obj());
    const boundPhase = s.pv('v').status?.phase;
    s.t.core.api.delete('PersistentVolumeClaim', 'default', 'c');
    s.t.advance('20s');
    return { ...s, vol, boundPhase };
  }

  it('4-3 Retain: deleting the claim leaves the volume Released with its data', () => {
    const { t, pv, vol } = releaseEbsVolume('Retain');
    expect(pv('v').status?.phase).toBe('Released');
    expect(t.storage.ec2.volume(vol.volumeId)?.fs.readFile('keep')).toBe('me');
  });

  it('4-3 Recycle on an EBS volume: no recycler, so the volume is Failed (once), its data kept', () => {
    const { t, pv, vol, boundPhase } = releaseEbsVolume('Recycle');
    expect(boundPhase).toBe('Bound');
    expect(pv('v').status?.phase).toBe('Failed');
    expect(t.events(pv('v'))).toEqual(['Warning VolumeFailedRecycle No recycler plugin found for the volume!']);
    // A later sync (a label change) neither goes back to Released nor repeats the event.
    t.core.api.patch('PersistentVolume', undefined, 'v', { metadata: { labels: { team: 'a' } } });
    t.advance('20s');
    expect(pv('v').status?.phase).toBe('Failed');
    expect(t.events(pv('v'))).toHaveLength(1);
    expect(t.storage.ec2.volume(vol.volumeId)?.fs.readFile('keep')).toBe('me');
  });

  it('4-3 Delete: deleting the claim deletes the PV and the EBS volume', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('gp3').obj());
    create(makeClaim('c').storageClass('gp3').obj());
    t.advance('10s');
    const name = claim('c').spec?.volumeName as string;
    const volumeId = pv(name).spec?.csi?.volumeHandle as string;
    t.core.api.delete('PersistentVolumeClaim', 'default', 'c');
    t.advance('30s');
    expect(pv(name)).toBeUndefined();
    expect(t.storage.ec2.volume(volumeId)).toBeUndefined();
  });

  it('4-3 Delete: a failing DeleteVolume emits VolumeFailedDelete and is retried', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('gp3').obj());
    create(makeClaim('c').storageClass('gp3').obj());
    t.advance('10s');
    const name = claim('c').spec?.volumeName as string;
    const volumeId = pv(name).spec?.csi?.volumeHandle as string;
    t.storage.faults.failNext('DeleteVolume', 'RequestLimitExceeded', 'Request limit exceeded.');
    t.core.api.delete('PersistentVolumeClaim', 'default', 'c');
    t.advance('500ms');
    expect(t.events(pv(name))).toEqual([
      `Warning VolumeFailedDelete rpc error: code = Internal desc = Could not delete volume ID "${volumeId}": RequestLimitExceeded: Request limit exceeded.`,
    ]);
    t.advance('30s');
    expect(pv(name)).toBeUndefined();
    expect(t.storage.ec2.volume(volumeId)).toBeUndefined();
  });

  it('pvc-protection keeps a claim used by a pod until the pod is gone', () => {
    const { t, create, claim } = setup();
    create(makeVolume('v').obj());
    create(makeClaim('c').storageClass('').obj());
    expect(claim('c').metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    create(makePod('p').pvc('c').obj());
    t.core.api.delete('PersistentVolumeClaim', 'default', 'c');
    t.advance('5s');
    expect(claim('c').metadata.deletionTimestamp).toBeDefined();
    t.core.store.remove('Pod', 'default', 'p');
    t.advance('1s');
    expect(claim('c')).toBeUndefined();
  });

  it('pv-protection keeps a Bound volume', () => {
    const { t, create, pv } = setup();
    create(makeVolume('v').obj());
    create(makeClaim('c').storageClass('').obj());
    t.core.api.delete('PersistentVolume', undefined, 'v');
    t.advance('1s');
    expect(pv('v').metadata.deletionTimestamp).toBeDefined();
    t.core.api.delete('PersistentVolumeClaim', 'default', 'c');
    t.advance('20s');
    expect(pv('v')).toBeUndefined();
  });
});

describe('StorageClasses through the PV controller', () => {
  it('in-tree kubernetes.io/aws-ebs: migrated PV with awsElasticBlockStore aws://<zone>/vol-…', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('general-purpose', 'kubernetes.io/aws-ebs').params({ type: 'gp2' }).obj());
    create(makeClaim('randserver-data').storageClass('general-purpose').obj());
    expect(claim('randserver-data').metadata.annotations).toMatchObject({
      [ANN.storageProvisioner]: 'ebs.csi.aws.com',
      [ANN.migratedTo]: 'ebs.csi.aws.com',
    });
    t.advance('10s');
    const v = pv(claim('randserver-data').spec?.volumeName as string);
    expect(v.spec?.awsElasticBlockStore?.volumeID).toMatch(/^aws:\/\/us-east-1[ab]\/vol-[0-9a-f]{17}$/);
    expect(v.spec?.awsElasticBlockStore?.fsType).toBe('ext4');
    expect(v.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(v.metadata.annotations).toMatchObject({ [ANN.provisionedBy]: 'kubernetes.io/aws-ebs', [ANN.migratedTo]: 'ebs.csi.aws.com' });
    const id = v.spec?.awsElasticBlockStore?.volumeID?.split('/').pop() as string;
    expect(t.storage.ec2.volume(id)?.volumeType).toBe('gp2');
  });

  it('Immediate picks a zone with nodes; allowedTopologies restricts it', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('only-b').zones('us-east-1b').obj());
    create(makeClaim('c').storageClass('only-b').obj());
    t.advance('10s');
    expect(pv(claim('c').spec?.volumeName as string).spec?.nodeAffinity?.required?.nodeSelectorTerms[0].matchExpressions?.[0].values).toEqual([
      'us-east-1b',
    ]);
  });

  it('WaitForFirstConsumer provisions in the zone of the selected node', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('gp3').mode('WaitForFirstConsumer').obj());
    create(makeClaim('c').storageClass('gp3').obj());
    t.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'c', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, [ANN.selectedNode]: 'ip-10-0-2-31.ec2.internal' };
    });
    t.advance('10s');
    const v = pv(claim('c').spec?.volumeName as string);
    expect(t.storage.ec2.volume(v.spec?.csi?.volumeHandle as string)?.zone).toBe('us-east-1b');
  });

  it('a too-small st1 claim fails with the EC2 text as ProvisioningFailed and retries', () => {
    const { t, create, claim } = setup();
    create(makeClass('throughput', 'kubernetes.io/aws-ebs').params({ type: 'st1' }).obj());
    create(makeClaim('c').storageClass('throughput').obj());
    t.advance('2s');
    const failed = t.events(claim('c')).filter((l) => l.startsWith('Warning ProvisioningFailed'));
    expect(failed[0]).toBe(
      `Warning ProvisioningFailed failed to provision volume with StorageClass "throughput": rpc error: code = InvalidArgument desc = Could not create volume "pvc-${claim('c').metadata.uid}": could not create volume in EC2: InvalidParameterValue: Volume of 1GiB is too small; minimum is 125GiB.`,
    );
    t.advance('1m');
    const event = t.eventsByReason('ProvisioningFailed').find((e) => e.message.includes('too small'));
    expect(event?.count).toBeGreaterThan(1);
  });

  it('an unknown parameter fails with the driver text', () => {
    const { t, create, claim } = setup();
    create(makeClass('bad').params({ type: 'gp3', iopsPerGb: '10', iops: '3000' }).obj());
    create(makeClaim('c').storageClass('bad').obj());
    t.advance('2s');
    expect(t.events(claim('c'))).toContain(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "bad": rpc error: code = InvalidArgument desc = invalid StorageClass parameters; specify either IOPS or IOPSPerGb, not both',
    );
  });

  it('expansion: growing the request resizes EBS and the PV, and leaves the file system to a kubelet; a non-expandable class is refused', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('grow').expandable().obj());
    create(makeClass('fixed').obj());
    create(makeClaim('g').storageClass('grow').obj());
    create(makeClaim('f').storageClass('fixed').obj());
    t.advance('10s');
    const grown = structuredClone(claim('g')) as PersistentVolumeClaim & { spec: { resources: { requests: { storage: string } } } };
    grown.spec.resources.requests.storage = '5Gi';
    t.core.api.update(grown);
    t.advance('10s');
    const gpv = pv(claim('g').spec?.volumeName as string);
    expect(gpv.spec?.capacity?.storage).toBe('5Gi');
    expect(t.storage.ec2.volume(gpv.spec?.csi?.volumeHandle as string)?.sizeGiB).toBe(5);
    // No pod mounts it: the claim's capacity waits for a kubelet to grow the file system.
    expect(claim('g').status?.capacity?.storage).toBe('1Gi');
    expect(claim('g').status?.allocatedResources).toEqual({ storage: '5Gi' });
    expect(claim('g').status?.allocatedResourceStatuses).toEqual({ storage: 'NodeResizePending' });
    // external-resizer v2 keeps Resizing next to FileSystemResizePending (kubernetes#129085: the
    // pending condition "is usually second"); the kubelet clears both when it is done.
    expect(claim('g').status?.conditions?.map((c) => [c.type, c.status, c.message])).toEqual([
      ['Resizing', 'True', undefined],
      ['FileSystemResizePending', 'True', 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.'],
    ]);
    expect(t.events(claim('g')).slice(-3)).toEqual([
      'Normal ExternalExpanding waiting for an external controller to expand this PVC',
      `Normal Resizing External resizer is resizing volume ${gpv.metadata.name}`,
      'Normal FileSystemResizeRequired Require file system resize of volume on node',
    ]);
    const fixed = structuredClone(claim('f')) as typeof grown;
    fixed.spec.resources.requests.storage = '5Gi';
    expect(() => t.core.api.update(fixed)).toThrow(
      'persistentvolumeclaims "f" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });

  it('a raw block claim is done by the resizer alone (VolumeResizeSuccessful, capacity at once)', () => {
    const { t, create, claim } = setup();
    create(makeClass('grow').expandable().obj());
    create(makeClaim('b').storageClass('grow').volumeMode('Block').obj());
    t.advance('10s');
    const c = structuredClone(claim('b')) as PersistentVolumeClaim & { spec: { resources: { requests: { storage: string } } } };
    c.spec.resources.requests.storage = '3Gi';
    t.core.api.update(c);
    t.advance('10s');
    expect(claim('b').status?.capacity?.storage).toBe('3Gi');
    expect(claim('b').status?.allocatedResources).toEqual({ storage: '3Gi' });
    expect(claim('b').status?.allocatedResourceStatuses).toBeUndefined();
    expect(claim('b').status?.conditions).toBeUndefined();
    expect(t.events(claim('b')).at(-1)).toBe('Normal VolumeResizeSuccessful Resize volume succeeded');
  });

  it('a larger request while node expansion is pending waits for it (no second ModifyVolume)', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('grow').expandable().obj());
    create(makeClaim('g').storageClass('grow').obj());
    t.advance('10s');
    const resize = (size: string) => {
      const c = structuredClone(claim('g')) as PersistentVolumeClaim & { spec: { resources: { requests: { storage: string } } } };
      c.spec.resources.requests.storage = size;
      t.core.api.update(c);
    };
    resize('5Gi');
    t.advance('10s');
    resize('8Gi');
    t.advance('1h');
    const volumeId = pv(claim('g').spec?.volumeName as string).spec?.csi?.volumeHandle as string;
    expect(t.storage.ec2.volume(volumeId)?.sizeGiB).toBe(5);
    expect(t.storage.ec2.modification(volumeId)?.targetSize).toBe(5);
    expect(claim('g').status?.allocatedResources).toEqual({ storage: '5Gi' });
    expect(t.events(claim('g')).filter((e) => e.startsWith('Warning'))).toEqual([]);
  });

  it('a second expansion within six hours fails with EC2\'s rate limit (VolumeResizeFailed) and goes through after', () => {
    const { t, create, claim } = setup();
    create(makeClass('grow').expandable().obj());
    // Raw block: no node expansion between the two resizes.
    create(makeClaim('g').storageClass('grow').volumeMode('Block').obj());
    t.advance('10s');
    const resize = (size: string) => {
      const c = structuredClone(claim('g')) as PersistentVolumeClaim & { spec: { resources: { requests: { storage: string } } } };
      c.spec.resources.requests.storage = size;
      t.core.api.update(c);
    };
    resize('5Gi');
    t.advance('10s');
    expect(claim('g').status?.capacity?.storage).toBe('5Gi');
    const volumeId = (t.core.store.get<PersistentVolume>('PersistentVolume', undefined, claim('g').spec?.volumeName as string)?.spec?.csi?.volumeHandle) as string;
    // One ModifyVolume for the first resize, however often the resizer polled meanwhile.
    expect(t.storage.ec2.modification(volumeId)?.targetSize).toBe(5);
    resize('8Gi');
    t.advance('10s');
    expect(claim('g').status?.capacity?.storage).toBe('5Gi');
    expect(t.events(claim('g')).filter((e) => e.startsWith('Warning VolumeResizeFailed'))).toEqual([
      `Warning VolumeResizeFailed resize volume "${claim('g').spec?.volumeName}" by resizer "ebs.csi.aws.com" failed: rpc error: code = Internal desc = Could not resize volume "${volumeId}": VolumeModificationRateExceeded: You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.`,
    ]);
    // Internal is a final error, not an infeasible one: external-resizer v2's ControllerResizeError
    // condition, next to Resizing, and the claim stays ControllerResizeInProgress.
    expect(claim('g').status?.allocatedResourceStatuses).toEqual({ storage: 'ControllerResizeInProgress' });
    expect(claim('g').status?.conditions?.map((c) => [c.type, c.status, c.message])).toEqual([
      ['Resizing', 'True', undefined],
      [
        'ControllerResizeError',
        'True',
        `failed to expand pvc with rpc error: code = Internal desc = Could not resize volume "${volumeId}": VolumeModificationRateExceeded: You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.`,
      ],
    ]);
    // Retried every five minutes, not in a loop: the Event aggregates one failure per attempt (70 minutes in).
    t.advance('1h');
    expect(t.events(claim('g')).filter((e) => e.startsWith('Warning VolumeResizeFailed'))).toHaveLength(1);
    expect(t.core.store.list('Event').filter((e) => (e as unknown as { reason: string }).reason === 'VolumeResizeFailed').map((e) => (e as unknown as { count: number }).count)).toEqual([14]);
    t.advance('6h');
    expect(claim('g').status?.capacity?.storage).toBe('8Gi');
    expect(t.storage.ec2.volume(volumeId)?.sizeGiB).toBe(8);
    // Done: the resize conditions go.
    expect(claim('g').status?.conditions).toBeUndefined();
  });

  it('efs.csi.aws.com provisions ReadWriteMany volumes without a zone', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('efs', 'efs.csi.aws.com').params({ provisioningMode: 'efs-ap', fileSystemId: 'fs-0123456789abcdef0' }).obj());
    create(makeClaim('shared').storageClass('efs').modes('ReadWriteMany').obj());
    t.advance('2s');
    const v = pv(claim('shared').spec?.volumeName as string);
    expect(v.spec?.csi?.driver).toBe('efs.csi.aws.com');
    expect(v.spec?.csi?.volumeHandle).toMatch(/^fs-0123456789abcdef0::fsap-[0-9a-f]{17}$/);
    expect(v.spec?.nodeAffinity).toBeUndefined();
  });
});

describe('PV controller: remaining binder cases (direct syncClaim/syncVolume)', () => {
  /** Objects written straight to the store; the binder is called by hand before any watch runs. */
  function direct() {
    const s = setup();
    const put = <T extends KubeObject>(o: T) => s.t.core.store.create(o);
    const binder = s.t.storage.pvController.binder;
    return { ...s, put, binder };
  }

  it('2-6 claim bound by the controller to a volume taken by another claim stays Pending', () => {
    const { put, binder, claim } = direct();
    put(makeVolume('v').claimRef('default', 'other', 'uid-other').obj());
    put(makeClaim('c').storageClass('').volumeName('v').annotate(ANN.boundByController, 'yes').obj());
    binder.syncClaim(claim('c'));
    expect(claim('c').status?.phase).toBe('Pending');
  });

  it('3-1 a bound claim without volumeName is Lost', () => {
    const { t, put, binder, claim } = direct();
    put(makeClaim('c').storageClass('').annotate(ANN.bindCompleted, 'yes').obj());
    binder.syncClaim(claim('c'));
    expect(claim('c').status?.phase).toBe('Lost');
    expect(t.events(claim('c'))).toEqual(['Warning ClaimLost Bound claim has lost reference to PersistentVolume. Data on the volume is lost!']);
  });

  it('3-3 a bound claim whose volume forgot it is bound again', () => {
    const { put, binder, claim, pv } = direct();
    put(makeVolume('v').obj());
    put(makeClaim('c').storageClass('').volumeName('v').annotate(ANN.bindCompleted, 'yes').obj());
    binder.syncClaim(claim('c'));
    expect(pv('v').spec?.claimRef?.uid).toBe(claim('c').metadata.uid);
    expect([claim('c').status?.phase, pv('v').status?.phase]).toEqual(['Bound', 'Bound']);
  });

  it('3-4 a consistent bound pair gets both phases Bound', () => {
    const { put, binder, claim, pv } = direct();
    const c = put(makeClaim('c').storageClass('').volumeName('v').annotate(ANN.bindCompleted, 'yes').obj());
    put(makeVolume('v').claimRef('default', 'c', c.metadata.uid).obj());
    binder.syncClaim(claim('c'));
    expect([claim('c').status?.phase, pv('v').status?.phase]).toEqual(['Bound', 'Bound']);
    expect(claim('c').status?.capacity?.storage).toBe('1Gi');
  });

  it('3-5 a bound claim whose volume points at another claim is Lost (ClaimMisbound)', () => {
    const { t, put, binder, claim } = direct();
    put(makeVolume('v').claimRef('default', 'other', 'uid-other').obj());
    put(makeClaim('c').storageClass('').volumeName('v').annotate(ANN.bindCompleted, 'yes').obj());
    binder.syncClaim(claim('c'));
    expect(claim('c').status?.phase).toBe('Lost');
    expect(t.events(claim('c'))).toEqual(['Warning ClaimMisbound Two claims are bound to the same volume, this one is bound incorrectly']);
  });

  it('4-2 a volume pre-bound by name only is Available and waits for its claim', () => {
    const { put, binder, pv } = direct();
    put(makeVolume('v').claimRef('default', 'later').obj());
    binder.syncVolume(pv('v'));
    expect(pv('v').status?.phase).toBe('Available');
  });

  it('4-4 a volume whose claim is not bound yet leaves the work to syncClaim', () => {
    const { t, put, binder, pv, claim } = direct();
    const c = put(makeClaim('c').storageClass('').obj());
    put(makeVolume('v').claimRef('default', 'c', c.metadata.uid).obj());
    binder.syncVolume(pv('v'));
    expect(pv('v').status?.phase).toBeUndefined();
    t.core.loop.settle();
    expect(claim('c').spec?.volumeName).toBe('v');
  });

  it('4-5 a volume bound both ways is Bound', () => {
    const { put, binder, pv } = direct();
    const c = put(makeClaim('c').storageClass('').volumeName('v').obj());
    put(makeVolume('v').claimRef('default', 'c', c.metadata.uid).obj());
    binder.syncVolume(pv('v'));
    expect(pv('v').status?.phase).toBe('Bound');
  });

  it('4-6 a volume we bound whose claim went to another volume is unbound', () => {
    const { put, binder, pv } = direct();
    const c = put(makeClaim('c').storageClass('').volumeName('elsewhere').obj());
    put(makeVolume('v').claimRef('default', 'c', c.metadata.uid).annotate(ANN.boundByController, 'yes').obj());
    binder.syncVolume(pv('v'));
    expect(pv('v').spec?.claimRef).toBeUndefined();
    expect(pv('v').status?.phase).toBe('Available');
  });

  it('4-7 a user pre-bound volume whose claim went elsewhere keeps the name, drops the uid', () => {
    const { put, binder, pv } = direct();
    const c = put(makeClaim('c').storageClass('').volumeName('elsewhere').obj());
    put(makeVolume('v').claimRef('default', 'c', c.metadata.uid).obj());
    binder.syncVolume(pv('v'));
    expect(pv('v').spec?.claimRef).toMatchObject({ name: 'c', namespace: 'default' });
    expect(pv('v').spec?.claimRef?.uid).toBeUndefined();
  });

  it('4-3 a claim replaced by a namesake (different uid) releases the volume', () => {
    const { put, binder, pv } = direct();
    put(makeClaim('c').storageClass('').obj());
    put(makeVolume('v').claimRef('default', 'c', 'uid-of-the-old-claim').obj());
    binder.syncVolume(pv('v'));
    expect(pv('v').status?.phase).toBe('Released');
  });
});

describe('EBS access modes', () => {
  it('RWX filesystem claims are refused; RWX Block io2 claims get a Multi-Attach volume', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('io2').params({ type: 'io2', iops: '1000' }).obj());
    create(makeClaim('fs').storageClass('io2').size('10Gi').modes('ReadWriteMany').obj());
    create(makeClaim('blk').storageClass('io2').size('10Gi').modes('ReadWriteMany').volumeMode('Block').obj());
    t.advance('10s');
    expect(t.events(claim('fs'))).toContain(
      'Warning ProvisioningFailed failed to provision volume with StorageClass "io2": rpc error: code = InvalidArgument desc = Volume capabilities not supported',
    );
    const v = pv(claim('blk').spec?.volumeName as string);
    expect(t.storage.ec2.volume(v.spec?.csi?.volumeHandle as string)?.multiAttachEnabled).toBe(true);
  });
});

describe('seed chapter io1 classes', () => {
  it('high-iops-ssd (io1, iopsPerGB 50) with a 1Gi claim fails in CreateDisk with the IOPS text', () => {
    const { t, create, claim } = setup();
    create(makeClass('high-iops-ssd', 'kubernetes.io/aws-ebs').params({ type: 'io1', iopsPerGB: '50' }).obj());
    create(makeClaim('c').storageClass('high-iops-ssd').obj());
    t.advance('2s');
    expect(t.events(claim('c'))).toContain(
      `Warning ProvisioningFailed failed to provision volume with StorageClass "high-iops-ssd": rpc error: code = Internal desc = Could not create volume "pvc-${claim('c').metadata.uid}": invalid IOPS: 50 is too low, it must be at least 100`,
    );
  });

  it('high-iops-ssd with a 4Gi claim provisions io1 at 200 IOPS', () => {
    const { t, create, claim, pv } = setup();
    create(makeClass('high-iops-ssd', 'kubernetes.io/aws-ebs').params({ type: 'io1', iopsPerGB: '50' }).obj());
    create(makeClaim('c').storageClass('high-iops-ssd').size('4Gi').obj());
    t.advance('10s');
    const id = pv(claim('c').spec?.volumeName as string).spec?.awsElasticBlockStore?.volumeID?.split('/').pop() as string;
    expect(t.storage.ec2.volume(id)).toMatchObject({ volumeType: 'io1', iops: 200, sizeGiB: 4 });
  });
});
