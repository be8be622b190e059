import { describe, expect, it } from 'vitest';
import { FakeCloud, newStorageCluster } from '../testing/index.js';
import { regionAbbreviation, zoneId } from './ec2.js';
import { Ec2Error } from './errors.js';

function setup() {
  const t = newStorageCluster();
  const ec2 = t.storage.ec2;
  const vol = ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5, TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'data' }] }] });
  const snap = ec2.createSnapshot({ VolumeId: vol.volumeId });
  return { t, ec2, vol: vol.volumeId, snap: snap.snapshotId };
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

function ebsTrace(t: ReturnType<typeof newStorageCluster>): string[] {
  return t.core.trace
    .list()
    .filter((r) => r.kind === 'ebs')
    .map((r) => r.text);
}

describe('EBS CreateTags / DeleteTags', () => {
  it('CreateTags overwrites in place, appends new keys and records one trace line', () => {
    const { t, ec2, vol, snap } = setup();
    ec2.createTags({ Resources: [vol, snap], Tags: [{ Key: 'Name', Value: 'renamed' }, { Key: 'team', Value: 'db' }] });
    expect(ec2.volume(vol)?.tags).toEqual([
      { Key: 'Name', Value: 'renamed' },
      { Key: 'team', Value: 'db' },
    ]);
    expect(ec2.snapshot(snap)?.tags).toEqual([
      { Key: 'Name', Value: 'renamed' },
      { Key: 'team', Value: 'db' },
    ]);
    expect(ebsTrace(t).at(-1)).toBe(`CreateTags ${vol},${snap} Name=renamed,team=db`);
  });

  it('validates everything before changing anything', () => {
    const { ec2, vol, snap } = setup();
    const before = () => [ec2.volume(vol)?.tags.map((x) => x.Key), ec2.snapshot(snap)?.tags.length];
    expect(ec2Error(() => ec2.createTags({ Resources: [vol, 'snap-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] }))).toBe(
      "InvalidSnapshot.NotFound: The snapshot 'snap-0123456789abcdef0' does not exist.",
    );
    expect(ec2Error(() => ec2.createTags({ Resources: [vol, 'eni-0123'], Tags: [{ Key: 'a', Value: 'b' }] }))).toBe("InvalidID: The ID 'eni-0123' is not valid");
    expect(ec2Error(() => ec2.createTags({ Resources: [vol], Tags: [{ Key: 'a', Value: 'b' }, { Key: 'aws:x', Value: 'c' }] }))).toBe(
      "InvalidParameterValue: Value ( aws:x ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use",
    );
    expect(ec2Error(() => ec2.createTags({ Resources: [vol], Tags: [{ Key: 'a' }] }))).toBe('InvalidParameterValue: Tag value cannot be null. Use empty string instead.');
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    // The volume already has Name: 49 new keys fit, 50 do not; the snapshot has none.
    expect(ec2Error(() => ec2.createTags({ Resources: [snap, vol], Tags: many }))).toBe('TagLimitExceeded: The maximum number of Tags for a resource has been reached.');
    expect(before()).toEqual([['Name'], 0]);
    ec2.createTags({ Resources: [vol], Tags: many.slice(0, 49) });
    expect(ec2.volume(vol)?.tags).toHaveLength(50);
  });

  it('DeleteTags: all tags, by key, or by key and value; unknown keys are no error', () => {
    const { t, ec2, vol } = setup();
    ec2.createTags({ Resources: [vol], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }] });
    ec2.deleteTags({ Resources: [vol], Tags: [{ Key: 'a', Value: 'other' }, { Key: 'b' }, { Key: 'c', Value: '' }, { Key: 'zzz' }] });
    expect(ec2.volume(vol)?.tags).toEqual([
      { Key: 'Name', Value: 'data' },
      { Key: 'a', Value: '1' },
    ]);
    expect(ebsTrace(t).at(-1)).toBe(`DeleteTags ${vol} a=other,b,c=,zzz`);
    ec2.deleteTags({ Resources: [vol] });
    expect(ec2.volume(vol)?.tags).toEqual([]);
    expect(ebsTrace(t).at(-1)).toBe(`DeleteTags ${vol}`);
  });

  it('injected faults fail CreateTags and DeleteTags without a change', () => {
    const { t, ec2, vol } = setup();
    t.storage.faults.failNext('CreateTags', 'RequestLimitExceeded', 'Request limit exceeded.');
    t.storage.faults.failNext('DeleteTags', 'RequestLimitExceeded', 'Request limit exceeded.');
    expect(ec2Error(() => ec2.createTags({ Resources: [vol], Tags: [{ Key: 'a', Value: 'b' }] }))).toBe('RequestLimitExceeded: Request limit exceeded.');
    expect(ec2Error(() => ec2.deleteTags({ Resources: [vol] }))).toBe('RequestLimitExceeded: Request limit exceeded.');
    expect(ec2.volume(vol)?.tags).toEqual([{ Key: 'Name', Value: 'data' }]);
  });
});

describe('EBS DescribeTags', () => {
  it('lists volume and snapshot tags by resource id then key, with filters', () => {
    const { ec2, vol, snap } = setup();
    ec2.createTags({ Resources: [snap], Tags: [{ Key: 'b', Value: 'x' }, { Key: 'a', Value: 'y' }] });
    expect(ec2.describeTags()).toEqual([
      { Key: 'a', ResourceId: snap, ResourceType: 'snapshot', Value: 'y' },
      { Key: 'b', ResourceId: snap, ResourceType: 'snapshot', Value: 'x' },
      { Key: 'Name', ResourceId: vol, ResourceType: 'volume', Value: 'data' },
    ]);
    expect(ec2.describeTags({ Filters: [{ Name: 'resource-type', Values: ['volume'] }] }).map((d) => d.Key)).toEqual(['Name']);
    expect(ec2.describeTags({ Filters: [{ Name: 'key', Values: ['?'] }, { Name: 'value', Values: ['y', 'data'] }] }).map((d) => d.Key)).toEqual(['a']);
    expect(ec2.describeTags({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] })).toEqual([]);
  });
});

describe('EBS DescribeAvailabilityZones', () => {
  it.each([
    ['us-east-1', 'use1'],
    ['eu-west-1', 'euw1'],
    ['ap-southeast-2', 'apse2'],
    ['ap-northeast-1', 'apne1'],
    ['ca-central-1', 'cac1'],
    ['us-gov-west-1', 'usgw1'],
  ])('abbreviates %s as %s', (region, short) => {
    expect(regionAbbreviation(region)).toBe(short);
  });

  it('zone ids follow the zone letter', () => {
    expect([zoneId('us-east-1', 'us-east-1a'), zoneId('eu-west-1', 'eu-west-1c')]).toEqual(['use1-az1', 'euw1-az3']);
  });

  it('lists the cloud zones sorted; names must be zones of the cloud', () => {
    const t = newStorageCluster([], { cloud: new FakeCloud('eu-west-1', ['eu-west-1b', 'eu-west-1a']) });
    const ec2 = t.storage.ec2;
    expect(ec2.describeAvailabilityZones().map((z) => [z.ZoneName, z.ZoneId, z.GroupName, z.NetworkBorderGroup, z.RegionName])).toEqual([
      ['eu-west-1a', 'euw1-az1', 'eu-west-1-zg-1', 'eu-west-1', 'eu-west-1'],
      ['eu-west-1b', 'euw1-az2', 'eu-west-1-zg-1', 'eu-west-1', 'eu-west-1'],
    ]);
    expect(ec2.describeAvailabilityZones({ ZoneNames: ['eu-west-1b'] }).map((z) => z.ZoneName)).toEqual(['eu-west-1b']);
    expect(ec2Error(() => ec2.describeAvailabilityZones({ ZoneNames: ['eu-west-1c'] }))).toBe("InvalidParameterValue: The zone 'eu-west-1c' does not exist.");
  });
});
