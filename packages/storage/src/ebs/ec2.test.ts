import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_NODES, newStorageCluster } from '../testing/index.js';
import { Ec2Error } from './errors.js';

function setup() {
  const t = newStorageCluster();
  const a1 = t.instanceOf(DEFAULT_TEST_NODES[0].name);
  const a2 = t.instanceOf(DEFAULT_TEST_NODES[1].name);
  const b1 = t.instanceOf(DEFAULT_TEST_NODES[2].name);
  return { t, ec2: t.storage.ec2, a1, a2, b1 };
}

function ec2Error(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Ec2Error) return e.toString();
    throw e;
  }
  throw new Error('expected an Ec2Error');
}

describe('EBS CreateVolume', () => {
  it('creates a gp2 volume creating → available with a vol- id and 3 IOPS/GiB (min 100)', () => {
    const { t, ec2 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5, VolumeType: 'gp2' });
    expect(v.volumeId).toMatch(/^vol-[0-9a-f]{17}$/);
    expect(v.state).toBe('creating');
    expect(v.iops).toBe(100);
    t.advance('5s');
    expect(ec2.volume(v.volumeId)?.state).toBe('available');
    expect(ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 100, VolumeType: 'gp2' }).iops).toBe(300);
    expect(ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 16000, VolumeType: 'gp2' }).iops).toBe(16000);
  });

  it('gp3 defaults to 3000 IOPS and 125 MiB/s', () => {
    const { ec2 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp3' });
    expect([v.iops, v.throughput]).toEqual([3000, 125]);
  });

  it.each([
    ['st1 below 125 GiB', { VolumeType: 'st1', Size: 1 }, 'InvalidParameterValue: Volume of 1GiB is too small; minimum is 125GiB.'],
    ['io1 below 4 GiB', { VolumeType: 'io1', Size: 1, Iops: 100 }, 'InvalidParameterValue: Volume of 1GiB is too small; minimum is 4GiB.'],
    ['gp2 above 16384', { VolumeType: 'gp2', Size: 16385 }, 'InvalidParameterValue: Volume of 16385GiB is too large; maximum is 16384GiB.'],
    ['io1 ratio above 50', { VolumeType: 'io1', Size: 10, Iops: 1000 }, 'InvalidParameterValue: Iops to volume size ratio of 100.000000 is too high; maximum is 50'],
    ['io1 without iops', { VolumeType: 'io1', Size: 10 }, 'MissingParameter: The request must contain the parameter iops for io1 volumes.'],
    ['gp2 with iops', { VolumeType: 'gp2', Size: 10, Iops: 300 }, 'InvalidParameterCombination: The parameter iops is not supported for gp2 volumes.'],
    ['multi-attach on gp3', { VolumeType: 'gp3', Size: 10, MultiAttachEnabled: true }, 'InvalidParameterCombination: The parameter multiAttachEnabled is only supported with io1 and io2 volumes.'],
    ['unknown type', { VolumeType: 'gp9', Size: 10 }, 'InvalidParameterValue: Value (gp9) for parameter volumeType is invalid. Valid values: standard | io1 | io2 | gp2 | sc1 | st1 | gp3'],
  ])('rejects %s', (_name, input, text) => {
    const { ec2 } = setup();
    expect(ec2Error(() => ec2.createVolume({ AvailabilityZone: 'us-east-1a', ...input }))).toBe(text);
  });

  it('rejects an unknown zone', () => {
    const { ec2 } = setup();
    expect(ec2Error(() => ec2.createVolume({ AvailabilityZone: 'eu-west-1a', Size: 1 }))).toBe(
      'InvalidParameterValue: Invalid availability zone: [eu-west-1a]',
    );
  });
});

describe('EBS attach and detach', () => {
  it('attaches with /dev/xvdba then /dev/xvdbb, attaching → attached, in-use', () => {
    const { t, ec2, a1 } = setup();
    const v1 = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    const v2 = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    const att1 = ec2.attachVolume({ VolumeId: v1.volumeId, InstanceId: a1 });
    const att2 = ec2.attachVolume({ VolumeId: v2.volumeId, InstanceId: a1 });
    expect([att1.device, att2.device]).toEqual(['/dev/xvdba', '/dev/xvdbb']);
    expect(att1.state).toBe('attaching');
    expect(ec2.volume(v1.volumeId)?.state).toBe('in-use');
    t.advance('10s');
    expect(ec2.volume(v1.volumeId)?.attachments[0].state).toBe('attached');
  });

  it('rejects an instance in another zone with InvalidVolume.ZoneMismatch', () => {
    const { t, ec2, b1 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    expect(ec2Error(() => ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: b1 }))).toBe(
      `InvalidVolume.ZoneMismatch: The volume '${v.volumeId}' is not in the same availability zone as instance '${b1}'`,
    );
  });

  it('single attach: a second instance gets VolumeInUse', () => {
    const { t, ec2, a1, a2 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    expect(ec2Error(() => ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a2 }))).toBe(
      `VolumeInUse: ${v.volumeId} is already attached to an instance`,
    );
  });

  it('io2 Multi-Attach allows a second Nitro instance in the zone', () => {
    const { t, ec2, a1, a2 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'io2', Iops: 1000, MultiAttachEnabled: true });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a2 });
    t.advance('10s');
    expect(ec2.volume(v.volumeId)?.attachments.map((a) => a.state)).toEqual(['attached', 'attached']);
  });

  it('Multi-Attach is refused on a non-Nitro instance', () => {
    const t = newStorageCluster([
      { name: 'ip-10-0-1-1.ec2.internal', zone: 'us-east-1a', instanceType: 'm5.large' },
      { name: 'ip-10-0-1-2.ec2.internal', zone: 'us-east-1a', instanceType: 'm4.large' },
    ]);
    const ec2 = t.storage.ec2;
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'io2', Iops: 1000, MultiAttachEnabled: true });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: t.instanceOf('ip-10-0-1-1.ec2.internal') });
    expect(() => ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: t.instanceOf('ip-10-0-1-2.ec2.internal') })).toThrow(/does not support Multi-Attach/);
  });

  it('enforces the instance attach limit from the catalogue', () => {
    const { t, ec2, a1 } = setup();
    t.cloud.types.set('m5.large', { name: 'm5.large', vcpu: 2, memoryMiB: 8192, nitro: true, maxPods: 29, ebsAttachLimit: 2 });
    const ids = [1, 2, 3].map(() => ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 }).volumeId);
    t.advance('5s');
    ec2.attachVolume({ VolumeId: ids[0], InstanceId: a1 });
    ec2.attachVolume({ VolumeId: ids[1], InstanceId: a1 });
    expect(ec2Error(() => ec2.attachVolume({ VolumeId: ids[2], InstanceId: a1 }))).toBe('AttachmentLimitExceeded: Attachment limit exceeded');
  });

  it('detach: detaching → gone, volume available again', () => {
    const { t, ec2, a1 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    t.advance('10s');
    expect(ec2.detachVolume({ VolumeId: v.volumeId }).state).toBe('detaching');
    t.advance('10s');
    expect(ec2.volume(v.volumeId)?.state).toBe('available');
    expect(ec2.volume(v.volumeId)?.attachments).toEqual([]);
    expect(ec2Error(() => ec2.detachVolume({ VolumeId: v.volumeId }))).toBe(`IncorrectState: Volume '${v.volumeId}' is in the 'available' state.`);
  });

  it('DeleteVolume refuses attached volumes and forgets deleted ones', () => {
    const { t, ec2, a1 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    expect(ec2Error(() => ec2.deleteVolume(v.volumeId))).toBe(`VolumeInUse: Volume ${v.volumeId} is currently attached to ${a1}`);
    ec2.detachVolume({ VolumeId: v.volumeId });
    t.advance('20s');
    ec2.deleteVolume(v.volumeId);
    expect(ec2.volume(v.volumeId)?.state).toBe('deleting');
    t.advance('5s');
    expect(ec2Error(() => ec2.describeVolumes({ VolumeIds: [v.volumeId] }))).toBe(
      `InvalidVolume.NotFound: The volume '${v.volumeId}' does not exist.`,
    );
  });

  it('a stuck attachment stays attaching until unstuck; slow detach adds latency', () => {
    const { t, ec2, a1 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    t.storage.faults.stuckAttach(v.volumeId);
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    t.advance('5m');
    expect(ec2.volume(v.volumeId)?.attachments[0].state).toBe('attaching');
    t.storage.faults.unstickAttach(v.volumeId);
    t.advance('11s');
    expect(ec2.volume(v.volumeId)?.attachments[0].state).toBe('attached');
    t.storage.faults.slowDetach(60_000);
    ec2.detachVolume({ VolumeId: v.volumeId });
    t.advance('30s');
    expect(ec2.volume(v.volumeId)?.attachments[0]?.state).toBe('detaching');
    t.advance('45s');
    expect(ec2.volume(v.volumeId)?.state).toBe('available');
  });

  it('injected API errors fail the next call only', () => {
    const { ec2, t } = setup();
    t.storage.faults.failNext('CreateVolume', 'RequestLimitExceeded', 'Request limit exceeded.');
    expect(ec2Error(() => ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 }))).toBe('RequestLimitExceeded: Request limit exceeded.');
    expect(ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 }).state).toBe('creating');
  });
});

describe('EBS data and snapshots', () => {
  it('data survives detach and re-attachment on another instance; a snapshot copies it', () => {
    const { t, ec2, a1, a2 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    t.advance('10s');
    ec2.volume(v.volumeId)?.fs.writeFile('data/one', 'x');
    ec2.detachVolume({ VolumeId: v.volumeId });
    t.advance('10s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a2 });
    t.advance('10s');
    expect(ec2.volume(v.volumeId)?.fs.readFile('data/one')).toBe('x');
    const snap = ec2.createSnapshot({ VolumeId: v.volumeId });
    expect(snap.snapshotId).toMatch(/^snap-[0-9a-f]{17}$/);
    ec2.volume(v.volumeId)?.fs.writeFile('data/two', 'y');
    const copy = ec2.createVolume({ AvailabilityZone: 'us-east-1b', SnapshotId: snap.snapshotId });
    expect(copy.sizeGiB).toBe(5);
    expect(copy.fs.readFile('data/one')).toBe('x');
    expect(copy.fs.exists('data/two')).toBe(false);
  });

  it('DescribeVolumes filters by status, zone, tag and attachment.instance-id', () => {
    const { t, ec2, a1 } = setup();
    const v1 = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5, TagSpecifications: [{ Tags: [{ Key: 'app', Value: 'web' }] }] });
    const v2 = ec2.createVolume({ AvailabilityZone: 'us-east-1b', Size: 5 });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v1.volumeId, InstanceId: a1 });
    const ids = (f: { Name: string; Values: string[] }[]) => ec2.describeVolumes({ Filters: f }).map((v) => v.volumeId);
    expect(ids([{ Name: 'status', Values: ['available'] }])).toEqual([v2.volumeId]);
    expect(ids([{ Name: 'availability-zone', Values: ['us-east-1a'] }])).toEqual([v1.volumeId]);
    expect(ids([{ Name: 'tag:app', Values: ['w*'] }])).toEqual([v1.volumeId]);
    expect(ids([{ Name: 'tag-key', Values: ['app'] }])).toEqual([v1.volumeId]);
    expect(ids([{ Name: 'attachment.instance-id', Values: [a1] }])).toEqual([v1.volumeId]);
  });

  it('ids are reproducible from the seed', () => {
    const a = newStorageCluster(DEFAULT_TEST_NODES, { seed: 7 }).storage.ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 });
    const b = newStorageCluster(DEFAULT_TEST_NODES, { seed: 7 }).storage.ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 });
    expect(a.volumeId).toBe(b.volumeId);
  });
});

describe('EBS and instance termination', () => {
  it('a terminated instance loses its attachments; the volume and its data survive', () => {
    const { t, ec2, a1 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5 });
    t.advance('5s');
    ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 });
    t.advance('10s');
    v.fs.writeFile('x', '1');
    t.cloud.setState(a1, 'terminated');
    expect(ec2.volume(v.volumeId)?.state).toBe('available');
    expect(ec2.volume(v.volumeId)?.fs.readFile('x')).toBe('1');
    expect(() => ec2.attachVolume({ VolumeId: v.volumeId, InstanceId: a1 })).toThrow(/does not exist/);
  });
});

describe('EBS ModifyVolume and DescribeVolumesModifications', () => {
  it('modifying, then optimizing with the new size usable, then completed; one modification per six hours', () => {
    const { t, ec2 } = setup();
    const v = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp2' });
    t.advance('5s');
    expect(ec2Error(() => ec2.describeVolumesModifications({ VolumeIds: [v.volumeId] }))).toBe(
      `InvalidVolumeModification.NotFound: Modification for volume '${v.volumeId}' does not exist.`,
    );
    expect(ec2Error(() => ec2.modifyVolume({ VolumeId: v.volumeId, Size: 5 }))).toBe('InvalidParameterValue: New size cannot be smaller than existing size');
    const m = ec2.modifyVolume({ VolumeId: v.volumeId, Size: 20, VolumeType: 'gp3' });
    expect(m).toMatchObject({ state: 'modifying', targetSize: 20, targetVolumeType: 'gp3', targetIops: 3000, targetThroughput: 125, originalSize: 10, originalIops: 100, progress: 0 });
    expect(ec2.volume(v.volumeId)?.sizeGiB).toBe(10);
    t.advance('5s');
    expect(ec2.modification(v.volumeId)?.state).toBe('optimizing');
    expect(ec2.volume(v.volumeId)).toMatchObject({ sizeGiB: 20, volumeType: 'gp3', iops: 3000, throughput: 125 });
    t.advance('10m');
    expect(ec2.describeVolumesModifications()).toMatchObject([{ volumeId: v.volumeId, state: 'completed', progress: 100 }]);
    expect(ec2Error(() => ec2.modifyVolume({ VolumeId: v.volumeId, Size: 30 }))).toBe(
      "VolumeModificationRateExceeded: You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.",
    );
    t.advance('6h');
    expect(ec2.modifyVolume({ VolumeId: v.volumeId, Size: 30 })).toMatchObject({ originalSize: 20, targetSize: 30, targetIops: 3000 });
  });
});

