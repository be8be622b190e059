import { describe, expect, it } from 'vitest';
import { createCluster } from '../index.js';
import { newAwsTestContext } from './testing.js';

type Ctx = ReturnType<typeof newAwsTestContext>;

function volume(t: Ctx, zone = 'us-east-1a'): string {
  const r = t.aws(`ec2 create-volume --availability-zone ${zone} --size 5 --volume-type gp2`);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout).VolumeId;
}

function snapshot(t: Ctx, volumeId: string): string {
  const r = t.aws(`ec2 create-snapshot --volume-id ${volumeId}`);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout).SnapshotId;
}

function volumeTags(t: Ctx, id: string): unknown {
  return JSON.parse(t.aws(`ec2 describe-volumes --volume-ids ${id}`).stdout).Volumes[0].Tags;
}

function snapshotTags(t: Ctx, id: string): unknown {
  return JSON.parse(t.aws(`ec2 describe-snapshots --snapshot-ids ${id}`).stdout).Snapshots[0].Tags;
}

/** What the CLI prints for a service error of `operation`. */
function serviceError(operation: string, code: string, message: string) {
  return { stdout: '', stderr: `\nAn error occurred (${code}) when calling the ${operation} operation: ${message}\n`, exitCode: 254 };
}

const NOTHING = { stdout: '', stderr: '', exitCode: 0 };

describe('aws ec2 create-tags', () => {
  it('adds tags to volumes and snapshots, prints nothing, and overwrites a key in place', () => {
    const t = newAwsTestContext();
    const vol = volume(t);
    const snap = snapshot(t, vol);
    expect(t.aws(`ec2 create-tags --resources ${vol} ${snap} --tags Key=app,Value=web Key=team,Value=storage`)).toEqual(NOTHING);
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=app,Value=db`)).toEqual(NOTHING);
    expect(volumeTags(t, vol)).toEqual([
      { Key: 'app', Value: 'db' },
      { Key: 'team', Value: 'storage' },
    ]);
    expect(snapshotTags(t, snap)).toEqual([
      { Key: 'app', Value: 'web' },
      { Key: 'team', Value: 'storage' },
    ]);
  });

  it('takes the JSON form and comma-separated resources; Value= sets an empty value', () => {
    const t = newAwsTestContext();
    const a = volume(t);
    const b = volume(t);
    expect(t.aws(`ec2 create-tags --resources ${a},${b} --tags '[{"Key":"kubernetes.io/cluster/demo","Value":"owned"},{"Key":"empty","Value":""}]'`)).toEqual(NOTHING);
    expect(t.aws(`ec2 create-tags --resources ${b} --tags Key=flag,Value=`)).toEqual(NOTHING);
    expect(volumeTags(t, a)).toEqual([
      { Key: 'kubernetes.io/cluster/demo', Value: 'owned' },
      { Key: 'empty', Value: '' },
    ]);
    expect(volumeTags(t, b)).toEqual([
      { Key: 'kubernetes.io/cluster/demo', Value: 'owned' },
      { Key: 'empty', Value: '' },
      { Key: 'flag', Value: '' },
    ]);
  });

  it('describe-volumes --filters Name=tag:KEY sees tags added by create-tags', () => {
    const t = newAwsTestContext();
    const a = volume(t);
    volume(t);
    expect(t.aws(`ec2 describe-volumes --filters Name=tag:app,Values=web --query Volumes[].VolumeId --output text`).stdout).toBe('');
    t.aws(`ec2 create-tags --resources ${a} --tags Key=app,Value=web`);
    expect(t.aws(`ec2 describe-volumes --filters Name=tag:app,Values=web --query Volumes[].VolumeId --output text`).stdout).toBe(`${a}\n`);
    expect(t.aws(`ec2 describe-volumes --filters Name=tag-key,Values=app --query Volumes[].VolumeId --output text`).stdout).toBe(`${a}\n`);
  });

  it('unknown volume or snapshot: the NotFound errors; another kind of id: InvalidID', () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 create-tags --resources vol-0123456789abcdef0 --tags Key=a,Value=b')).toEqual(
      serviceError('CreateTags', 'InvalidVolume.NotFound', "The volume 'vol-0123456789abcdef0' does not exist."),
    );
    expect(t.aws('ec2 create-tags --resources snap-0123456789abcdef0 --tags Key=a,Value=b')).toEqual(
      serviceError('CreateTags', 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist."),
    );
    expect(t.aws('ec2 create-tags --resources i-0123456789abcdef0 --tags Key=a,Value=b')).toEqual(
      serviceError('CreateTags', 'InvalidID', "The ID 'i-0123456789abcdef0' is not valid"),
    );
    expect(t.aws('ec2 create-tags --resources vol-xyz --tags Key=a,Value=b')).toEqual(serviceError('CreateTags', 'InvalidID', "The ID 'vol-xyz' is not valid"));
  });

  it('is all-or-nothing: one unknown resource leaves the others untouched', () => {
    const t = newAwsTestContext();
    const vol = volume(t);
    const r = t.aws(`ec2 create-tags --resources ${vol} vol-0123456789abcdef0 --tags Key=a,Value=b`);
    expect(r).toEqual(serviceError('CreateTags', 'InvalidVolume.NotFound', "The volume 'vol-0123456789abcdef0' does not exist."));
    expect(volumeTags(t, vol)).toEqual([]);
  });

  it("refuses keys starting with 'aws:' (any case) and a tag without a value, changing nothing", () => {
    const t = newAwsTestContext();
    const vol = volume(t);
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=ok,Value=1 Key=aws:x,Value=2`)).toEqual(
      serviceError('CreateTags', 'InvalidParameterValue', "Value ( aws:x ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use"),
    );
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=AWS:Name,Value=2`).stderr).toContain('Value ( AWS:Name ) for parameter key is invalid.');
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=ok,Value=1 Key=novalue`)).toEqual(
      serviceError('CreateTags', 'InvalidParameterValue', 'Tag value cannot be null. Use empty string instead.'),
    );
    expect(volumeTags(t, vol)).toEqual([]);
  });

  it('allows 50 tags per resource; the 51st is TagLimitExceeded for every resource of the call', () => {
    const t = newAwsTestContext();
    const full = volume(t);
    const other = volume(t);
    const tags = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Key=k${from + i},Value=v`).join(' ');
    expect(t.aws(`ec2 create-tags --resources ${full} --tags ${tags(1, 50)}`)).toEqual(NOTHING);
    // Overwriting an existing key does not count against the limit.
    expect(t.aws(`ec2 create-tags --resources ${full} --tags Key=k1,Value=again`)).toEqual(NOTHING);
    expect(t.aws(`ec2 create-tags --resources ${other} ${full} --tags Key=k51,Value=v`)).toEqual(
      serviceError('CreateTags', 'TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.'),
    );
    expect(volumeTags(t, other)).toEqual([]);
    expect((volumeTags(t, full) as unknown[]).length).toBe(50);
    expect(t.aws(`ec2 create-tags --resources ${other} --tags ${tags(1, 51)}`).stderr).toContain('(TagLimitExceeded)');
    expect(volumeTags(t, other)).toEqual([]);
  });

  it('bad --tags input is a parameter error (exit 252) before any call', () => {
    const t = newAwsTestContext();
    const vol = volume(t);
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags app`)).toEqual({
      stdout: '',
      stderr: "\nError parsing parameter '--tags': Expected: '=', received: 'EOF' for input:\napp\n   ^\n",
      exitCode: 252,
    });
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Name=app,Value=web`)).toEqual({
      stdout: '',
      stderr: '\nParameter validation failed:\nUnknown parameter in Tags[0]: "Name", must be one of: Key, Value\n',
      exitCode: 252,
    });
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags '[{"Key":"app","Value":5}]'`)).toEqual({
      stdout: '',
      stderr: "\nParameter validation failed:\nInvalid type for parameter Tags[0].Value, value: 5, type: <class 'int'>, valid types: <class 'str'>\n",
      exitCode: 252,
    });
    expect(t.aws(`ec2 create-tags --resources ${vol}`).stderr.endsWith('aws: error: the following arguments are required: --tags\n')).toBe(true);
    expect(volumeTags(t, vol)).toEqual([]);
  });

  it('an injected CreateTags fault fails the call and changes nothing', () => {
    const t = newAwsTestContext();
    const vol = volume(t);
    t.storage.faults.failNext('CreateTags', 'RequestLimitExceeded', 'Request limit exceeded.');
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=a,Value=b`)).toEqual(serviceError('CreateTags', 'RequestLimitExceeded', 'Request limit exceeded.'));
    expect(volumeTags(t, vol)).toEqual([]);
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=a,Value=b`)).toEqual(NOTHING);
  });

  it('in another region the resources do not exist', () => {
    const t = newAwsTestContext();
    const vol = volume(t);
    expect(t.aws(`ec2 create-tags --resources ${vol} --tags Key=a,Value=b --region eu-west-1`)).toEqual(
      serviceError('CreateTags', 'InvalidVolume.NotFound', `The volume '${vol}' does not exist.`),
    );
    expect(t.aws(`ec2 delete-tags --resources i-0 --region eu-west-1`)).toEqual(serviceError('DeleteTags', 'InvalidID', "The ID 'i-0' is not valid"));
    expect(volumeTags(t, vol)).toEqual([]);
  });
});

describe('aws ec2 delete-tags', () => {
  function tagged(): { t: Ctx; vol: string } {
    const t = newAwsTestContext();
    const vol = volume(t);
    t.aws(`ec2 create-tags --resources ${vol} --tags Key=app,Value=web Key=team,Value=storage Key=env,Value= Key=tier,Value=gold`);
    return { t, vol };
  }

  it('Key=k,Value=v deletes only on a matching value; Key=k whatever the value; Value= only an empty value', () => {
    const { t, vol } = tagged();
    expect(t.aws(`ec2 delete-tags --resources ${vol} --tags Key=app,Value=db Key=team Key=tier,Value=`)).toEqual(NOTHING);
    expect(volumeTags(t, vol)).toEqual([
      { Key: 'app', Value: 'web' },
      { Key: 'env', Value: '' },
      { Key: 'tier', Value: 'gold' },
    ]);
    expect(t.aws(`ec2 delete-tags --resources ${vol} --tags Key=app,Value=web Key=env,Value= Key=missing`)).toEqual(NOTHING);
    expect(volumeTags(t, vol)).toEqual([{ Key: 'tier', Value: 'gold' }]);
  });

  it('without --tags deletes every tag of each resource; the JSON form works too', () => {
    const { t, vol } = tagged();
    const snap = snapshot(t, vol);
    t.aws(`ec2 create-tags --resources ${snap} --tags Key=app,Value=web Key=keep,Value=1`);
    expect(t.aws(`ec2 delete-tags --resources ${snap} --tags '[{"Key":"app"}]'`)).toEqual(NOTHING);
    expect(snapshotTags(t, snap)).toEqual([{ Key: 'keep', Value: '1' }]);
    expect(t.aws(`ec2 delete-tags --resources ${vol} ${snap}`)).toEqual(NOTHING);
    expect(volumeTags(t, vol)).toEqual([]);
    expect(snapshotTags(t, snap)).toEqual([]);
  });

  it('unknown, malformed and aws: inputs fail with nothing deleted', () => {
    const { t, vol } = tagged();
    expect(t.aws(`ec2 delete-tags --resources ${vol} snap-0123456789abcdef0`)).toEqual(
      serviceError('DeleteTags', 'InvalidSnapshot.NotFound', "The snapshot 'snap-0123456789abcdef0' does not exist."),
    );
    expect(t.aws(`ec2 delete-tags --resources ${vol} nope`)).toEqual(serviceError('DeleteTags', 'InvalidID', "The ID 'nope' is not valid"));
    expect(t.aws(`ec2 delete-tags --resources ${vol} --tags Key=aws:cloudformation:stack-name`)).toEqual(
      serviceError(
        'DeleteTags',
        'InvalidParameterValue',
        "Value ( aws:cloudformation:stack-name ) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use",
      ),
    );
    expect((volumeTags(t, vol) as unknown[]).length).toBe(4);
  });
});

describe('aws ec2 describe-tags', () => {
  function scene(): { t: Ctx; a: string; b: string; snap: string } {
    const t = newAwsTestContext();
    const a = volume(t);
    const b = volume(t, 'us-east-1b');
    const snap = snapshot(t, a);
    t.aws(`ec2 create-tags --resources ${b} --tags Key=team,Value=storage Key=app,Value=db`);
    t.aws(`ec2 create-tags --resources ${a} ${snap} --tags Key=app,Value=web`);
    return { t, a, b, snap };
  }

  it('lists every tag as TagDescriptions sorted by resource id then key, 4-space JSON', () => {
    const { t, a, b, snap } = scene();
    const [first, second] = [a, b].sort();
    const byId: Record<string, string> = {
      [a]: `        {\n            "Key": "app",\n            "ResourceId": "${a}",\n            "ResourceType": "volume",\n            "Value": "web"\n        }`,
      [b]: `        {\n            "Key": "app",\n            "ResourceId": "${b}",\n            "ResourceType": "volume",\n            "Value": "db"\n        },\n        {\n            "Key": "team",\n            "ResourceId": "${b}",\n            "ResourceType": "volume",\n            "Value": "storage"\n        }`,
      [snap]: `        {\n            "Key": "app",\n            "ResourceId": "${snap}",\n            "ResourceType": "snapshot",\n            "Value": "web"\n        }`,
    };
    const order = [snap, first, second].sort();
    const r = t.aws('ec2 describe-tags');
    expect(r).toEqual({ stdout: `{\n    "Tags": [\n${order.map((id) => byId[id]).join(',\n')}\n    ]\n}\n`, stderr: '', exitCode: 0 });
  });

  it('filters by resource-id, resource-type, key and value (with * wildcards); filters AND, values OR', () => {
    const { t, a, b, snap } = scene();
    const q = (filters: string) => JSON.parse(t.aws(`ec2 describe-tags --filters ${filters} --query 'Tags[].[ResourceId,Key,Value]'`).stdout);
    expect(q(`Name=resource-id,Values=${b}`)).toEqual([
      [b, 'app', 'db'],
      [b, 'team', 'storage'],
    ]);
    expect(q('Name=resource-type,Values=snapshot')).toEqual([[snap, 'app', 'web']]);
    expect(q('Name=key,Values=team')).toEqual([[b, 'team', 'storage']]);
    expect(q('Name=value,Values=w*')).toEqual([a, snap].sort().map((id) => [id, 'app', 'web']));
    expect(q('Name=resource-type,Values=volume Name=value,Values=web,storage')).toEqual(
      [
        [a, 'app', 'web'],
        [b, 'team', 'storage'],
      ].sort((x, y) => (x[0] < y[0] ? -1 : 1)),
    );
    expect(q('Name=resource-type,Values=instance')).toEqual([]);
  });

  it('--query and --output text like the other commands; another region has no tags', () => {
    const { t, b } = scene();
    expect(t.aws(`ec2 describe-tags --filters Name=resource-id,Values=${b} --query Tags[].Key --output text`)).toEqual({ stdout: 'app\tteam\n', stderr: '', exitCode: 0 });
    expect(t.aws('ec2 describe-tags --region eu-west-1')).toEqual({ stdout: '{\n    "Tags": []\n}\n', stderr: '', exitCode: 0 });
  });

  it('shows the EBS CSI driver tags of a dynamically provisioned volume', () => {
    const c = createCluster({ seed: 3 });
    const r = c.kubectl('apply -f -', {
      stdin: `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: gp3-now
provisioner: ebs.csi.aws.com
volumeBindingMode: Immediate
parameters:
  type: gp3
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: default
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: gp3-now
  resources:
    requests:
      storage: 1Gi
`,
    });
    expect(r.exitCode).toBe(0);
    c.advance('1m');
    const pv = c.kubectl('get pvc data -o jsonpath={.spec.volumeName}').stdout;
    expect(pv).toMatch(/^pvc-/);
    const volumeId = JSON.parse(c.aws('ec2 describe-volumes --query Volumes[0].VolumeId').stdout);
    const tags = JSON.parse(c.aws(`ec2 describe-tags --filters Name=resource-id,Values=${volumeId}`).stdout).Tags;
    expect(tags).toEqual(
      [
        ['CSIVolumeName', pv],
        ['ebs.csi.aws.com/cluster', 'true'],
        ['kubernetes.io/created-for/pv/name', pv],
        ['kubernetes.io/created-for/pvc/name', 'data'],
        ['kubernetes.io/created-for/pvc/namespace', 'default'],
      ].map(([Key, Value]) => ({ Key, ResourceId: volumeId, ResourceType: 'volume', Value })),
    );
    expect(c.aws(`ec2 create-tags --resources ${volumeId} --tags Key=owner,Value=me`)).toEqual(NOTHING);
    expect(c.aws('ec2 describe-volumes --filters Name=tag:owner,Values=me --query Volumes[].VolumeId --output text').stdout).toBe(`${volumeId}\n`);
  });
});

describe('aws ec2 describe-availability-zones', () => {
  const zone = (name: string, n: number) => `        {
            "OptInStatus": "opt-in-not-required",
            "Messages": [],
            "RegionName": "us-east-1",
            "ZoneName": "${name}",
            "ZoneId": "use1-az${n}",
            "GroupName": "us-east-1-zg-1",
            "NetworkBorderGroup": "us-east-1",
            "ZoneType": "availability-zone",
            "State": "available"
        }`;

  it("prints the region's zones in AWS CLI v2 shape and key order", () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 describe-availability-zones')).toEqual({
      stdout: `{\n    "AvailabilityZones": [\n${[zone('us-east-1a', 1), zone('us-east-1b', 2), zone('us-east-1c', 3)].join(',\n')}\n    ]\n}\n`,
      stderr: '',
      exitCode: 0,
    });
  });

  it('--zone-names picks zones (sorted); an unknown one is InvalidParameterValue', () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 describe-availability-zones --zone-names us-east-1c us-east-1a').stdout).toBe(
      `{\n    "AvailabilityZones": [\n${[zone('us-east-1a', 1), zone('us-east-1c', 3)].join(',\n')}\n    ]\n}\n`,
    );
    expect(t.aws('ec2 describe-availability-zones --zone-names us-east-1a us-east-1z')).toEqual(
      serviceError('DescribeAvailabilityZones', 'InvalidParameterValue', "The zone 'us-east-1z' does not exist."),
    );
  });

  it('--query/--output text, and a fault on DescribeAvailabilityZones', () => {
    const t = newAwsTestContext();
    expect(t.aws("ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId]' --output text").stdout).toBe(
      'us-east-1a\tuse1-az1\nus-east-1b\tuse1-az2\nus-east-1c\tuse1-az3\n',
    );
    t.storage.faults.failNext('DescribeAvailabilityZones', 'Unavailable', 'The service is unavailable. Please try again shortly.');
    expect(t.aws('ec2 describe-availability-zones')).toEqual(
      serviceError('DescribeAvailabilityZones', 'Unavailable', 'The service is unavailable. Please try again shortly.'),
    );
  });

  it('a cluster in another region derives its zone ids from that region', () => {
    const c = createCluster({ seed: 1, region: 'ap-southeast-2', zones: ['ap-southeast-2a', 'ap-southeast-2b'], nodes: [{ zone: 'ap-southeast-2b', count: 1 }] });
    expect(c.aws("ec2 describe-availability-zones --query 'AvailabilityZones[].[ZoneName,ZoneId,GroupName]' --output text").stdout).toBe(
      'ap-southeast-2a\tapse2-az1\tap-southeast-2-zg-1\nap-southeast-2b\tapse2-az2\tap-southeast-2-zg-1\n',
    );
  });
});
