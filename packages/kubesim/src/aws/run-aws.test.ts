import { describe, expect, it } from 'vitest';
import { newAwsTestContext } from './testing.js';

function created(t: ReturnType<typeof newAwsTestContext>, line = 'ec2 create-volume --availability-zone=us-east-1a --size=5 --volume-type=gp2'): string {
  const r = t.aws(line);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout).VolumeId;
}

describe('aws ec2 create-volume', () => {
  it('prints the CreateVolume JSON like AWS CLI v2 (4-space indent, key order)', () => {
    const t = newAwsTestContext();
    t.core.loop.advance(1234);
    const r = t.aws('ec2 create-volume --availability-zone=us-east-1a --size=5 --volume-type=gp2');
    const id = JSON.parse(r.stdout).VolumeId;
    expect(id).toMatch(/^vol-[0-9a-f]{17}$/);
    expect(r.stdout).toBe(
      `{
    "AvailabilityZone": "us-east-1a",
    "CreateTime": "2026-01-01T00:00:01.234000+00:00",
    "Encrypted": false,
    "Size": 5,
    "SnapshotId": "",
    "State": "creating",
    "VolumeId": "${id}",
    "Iops": 100,
    "Tags": [],
    "VolumeType": "gp2",
    "MultiAttachEnabled": false
}
`,
    );
    expect(r.stderr).toBe('');
  });

  it('gp3 adds Throughput; tags from --tag-specifications shorthand', () => {
    const t = newAwsTestContext();
    const r = t.aws("ec2 create-volume --availability-zone us-east-1b --size 10 --volume-type gp3 --tag-specifications 'ResourceType=volume,Tags=[{Key=app,Value=web}]'");
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ Iops: 3000, Throughput: 125, Tags: [{ Key: 'app', Value: 'web' }] });
    expect(Object.keys(out).slice(-2)).toEqual(['MultiAttachEnabled', 'Throughput']);
  });

  it('EC2 errors go to stderr with exit 254', () => {
    const t = newAwsTestContext();
    const r = t.aws('ec2 create-volume --availability-zone=us-east-1a --size=1 --volume-type=st1');
    expect(r).toEqual({
      stdout: '',
      stderr: '\nAn error occurred (InvalidParameterValue) when calling the CreateVolume operation: Volume of 1GiB is too small; minimum is 125GiB.\n',
      exitCode: 254,
    });
  });

  it('usage errors exit 252', () => {
    const t = newAwsTestContext();
    const r = t.aws('ec2 create-volume --availability-zone=us-east-1a --size');
    expect(r.exitCode).toBe(252);
    expect(r.stderr).toMatch(/^\nusage: aws \[options\] <command> <subcommand> \[<subcommand> \.\.\.\] \[parameters\]\n/);
    expect(r.stderr.endsWith('aws: error: argument --size: expected one argument\n')).toBe(true);
    expect(t.aws('ec2 create-volume --size 5').stderr.endsWith('aws: error: the following arguments are required: --availability-zone\n')).toBe(true);
    expect(t.aws('ec2 describe-volumes --foo bar').stderr.endsWith('Unknown options: --foo, bar\n')).toBe(true);
  });

  it('--dry-run answers DryRunOperation', () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 create-volume --availability-zone us-east-1a --size 1 --dry-run').stderr).toBe(
      '\nAn error occurred (DryRunOperation) when calling the CreateVolume operation: Request would have succeeded, but DryRun flag is set.\n',
    );
  });
});

describe('aws ec2 describe/attach/detach/delete', () => {
  it('describe-volumes --volume-ids shows Attachments first and the current state', () => {
    const t = newAwsTestContext();
    const id = created(t);
    t.core.loop.advance('10s');
    const out = JSON.parse(t.aws(`ec2 describe-volumes --volume-ids ${id}`).stdout);
    expect(Object.keys(out.Volumes[0])[0]).toBe('Attachments');
    expect(out.Volumes[0]).toMatchObject({ State: 'available', Attachments: [], VolumeId: id });
  });

  it('describe-volumes of an unknown id: InvalidVolume.NotFound', () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 describe-volumes --volume-ids vol-0123456789abcdef0').stderr).toBe(
      "\nAn error occurred (InvalidVolume.NotFound) when calling the DescribeVolumes operation: The volume 'vol-0123456789abcdef0' does not exist.\n",
    );
  });

  it('describe-volumes --filters and --query with text output', () => {
    const t = newAwsTestContext();
    const a = created(t);
    created(t, 'ec2 create-volume --availability-zone=us-east-1b --size=5');
    t.core.loop.advance('10s');
    const r = t.aws("ec2 describe-volumes --filters Name=availability-zone,Values=us-east-1a Name=status,Values=available --query 'Volumes[*].VolumeId' --output text");
    expect(r.stdout).toBe(`${a}\n`);
    expect(t.aws("ec2 describe-volumes --query 'length(Volumes)'").stdout).toBe('2\n');
    expect(t.aws(`ec2 describe-volumes --volume-ids ${a} --query 'Volumes[0].[VolumeId,Size]' --output text`).stdout).toBe(`${a}\t5\n`);
  });

  it('attach-volume prints the attachment; describe shows it; ZoneMismatch and VolumeInUse fail with EC2 texts', () => {
    const t = newAwsTestContext();
    const id = created(t);
    t.core.loop.advance('10s');
    const r = t.aws(`ec2 attach-volume --volume-id ${id} --instance-id i-0123456789abcdef0 --device /dev/xvdf`);
    expect(r.stdout).toBe(
      `{
    "AttachTime": "2026-01-01T00:00:10+00:00",
    "Device": "/dev/xvdf",
    "InstanceId": "i-0123456789abcdef0",
    "State": "attaching",
    "VolumeId": "${id}"
}
`,
    );
    expect(t.aws(`ec2 attach-volume --volume-id ${id} --instance-id i-0123456789abcdef1 --device /dev/xvdf`).stderr).toBe(
      `\nAn error occurred (VolumeInUse) when calling the AttachVolume operation: ${id} is already attached to an instance\n`,
    );
    const other = created(t);
    t.core.loop.advance('10s');
    expect(t.aws(`ec2 attach-volume --volume-id ${other} --instance-id i-0fedcba9876543210 --device /dev/xvdf`).stderr).toBe(
      `\nAn error occurred (InvalidVolume.ZoneMismatch) when calling the AttachVolume operation: The volume '${other}' is not in the same availability zone as instance 'i-0fedcba9876543210'\n`,
    );
    const d = JSON.parse(t.aws(`ec2 describe-volumes --volume-ids ${id}`).stdout).Volumes[0];
    expect(d.State).toBe('in-use');
    expect(d.Attachments[0]).toMatchObject({ Device: '/dev/xvdf', InstanceId: 'i-0123456789abcdef0', State: 'attached', DeleteOnTermination: false });
  });

  it('detach-volume then delete-volume (which refuses while attached)', () => {
    const t = newAwsTestContext();
    const id = created(t);
    t.core.loop.advance('10s');
    t.aws(`ec2 attach-volume --volume-id ${id} --instance-id i-0123456789abcdef0 --device /dev/xvdf`);
    t.core.loop.advance('10s');
    expect(t.aws(`ec2 delete-volume --volume-id ${id}`).stderr).toBe(
      `\nAn error occurred (VolumeInUse) when calling the DeleteVolume operation: Volume ${id} is currently attached to i-0123456789abcdef0\n`,
    );
    expect(JSON.parse(t.aws(`ec2 detach-volume --volume-id ${id}`).stdout)).toMatchObject({ State: 'detaching', InstanceId: 'i-0123456789abcdef0' });
    t.core.loop.advance('10s');
    expect(t.aws(`ec2 delete-volume --volume-id ${id}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(t.aws(`ec2 detach-volume --volume-id ${id}`).exitCode).toBe(254);
  });

  it('--region elsewhere sees no volumes', () => {
    const t = newAwsTestContext();
    created(t);
    expect(JSON.parse(t.aws('ec2 describe-volumes --region eu-west-1').stdout)).toEqual({ Volumes: [] });
    expect(JSON.parse(t.aws('ec2 describe-volumes --region us-east-1').stdout).Volumes).toHaveLength(1);
  });
});

describe('aws ec2 snapshots', () => {
  it('create-snapshot and describe-snapshots; create-volume from a snapshot copies the data', () => {
    const t = newAwsTestContext();
    const id = created(t);
    t.core.loop.advance('10s');
    t.storage.ec2.volume(id)?.fs.writeFile('hello', 'world');
    const snap = JSON.parse(t.aws(`ec2 create-snapshot --volume-id ${id} --description backup`).stdout);
    expect(snap).toMatchObject({ Description: 'backup', Encrypted: false, OwnerId: '123456789012', State: 'pending', VolumeId: id, VolumeSize: 5 });
    expect(snap.SnapshotId).toMatch(/^snap-[0-9a-f]{17}$/);
    t.core.loop.advance('30s');
    const listed = JSON.parse(t.aws(`ec2 describe-snapshots --snapshot-ids ${snap.SnapshotId}`).stdout);
    expect(listed.Snapshots[0].State).toBe('completed');
    const copy = created(t, `ec2 create-volume --availability-zone us-east-1b --snapshot-id ${snap.SnapshotId}`);
    expect(t.storage.ec2.volume(copy)?.fs.readFile('hello')).toBe('world');
    // delete-snapshot prints nothing; the snapshot is gone, the volume made from it stays.
    expect(t.aws(`ec2 delete-snapshot --snapshot-id ${snap.SnapshotId}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(t.aws(`ec2 delete-snapshot --snapshot-id ${snap.SnapshotId}`)).toEqual({
      stdout: '',
      stderr: `\nAn error occurred (InvalidSnapshot.NotFound) when calling the DeleteSnapshot operation: The snapshot '${snap.SnapshotId}' does not exist.\n`,
      exitCode: 254,
    });
    expect(t.storage.ec2.volume(copy)?.fs.readFile('hello')).toBe('world');
  });
});

describe('aws ec2 instances', () => {
  it('describe-instances lists reservations with placement, state and attached EBS volumes', () => {
    const t = newAwsTestContext();
    const id = created(t);
    t.core.loop.advance('10s');
    t.aws(`ec2 attach-volume --volume-id ${id} --instance-id i-0123456789abcdef0 --device /dev/xvdf`);
    const out = JSON.parse(t.aws('ec2 describe-instances --instance-ids i-0123456789abcdef0').stdout);
    const inst = out.Reservations[0].Instances[0];
    expect(inst).toMatchObject({
      InstanceId: 'i-0123456789abcdef0',
      InstanceType: 'm5.large',
      Placement: { AvailabilityZone: 'us-east-1a', GroupName: '', Tenancy: 'default' },
      PrivateDnsName: 'ip-10-0-1-23.ec2.internal',
      State: { Code: 16, Name: 'running' },
    });
    expect(inst.BlockDeviceMappings[0]).toMatchObject({ DeviceName: '/dev/xvdf', Ebs: { VolumeId: id, Status: 'attaching' } });
    const zoneB = t.aws("ec2 describe-instances --filters Name=availability-zone,Values=us-east-1b --query 'Reservations[].Instances[].InstanceId' --output text");
    expect(zoneB.stdout).toBe('i-0fedcba9876543210\n');
  });

  it('stop-instances, start-instances and terminate-instances print state changes', () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 stop-instances --instance-ids i-0123456789abcdef0').stdout).toBe(
      `{
    "StoppingInstances": [
        {
            "CurrentState": {
                "Code": 64,
                "Name": "stopping"
            },
            "InstanceId": "i-0123456789abcdef0",
            "PreviousState": {
                "Code": 16,
                "Name": "running"
            }
        }
    ]
}
`,
    );
    expect(JSON.parse(t.aws('ec2 start-instances --instance-ids i-0123456789abcdef0').stdout).StartingInstances[0]).toMatchObject({
      CurrentState: { Code: 0, Name: 'pending' },
      PreviousState: { Code: 64, Name: 'stopping' },
    });
    expect(JSON.parse(t.aws('ec2 terminate-instances --instance-ids i-0fedcba9876543210').stdout).TerminatingInstances[0].CurrentState).toEqual({
      Code: 32,
      Name: 'shutting-down',
    });
    expect(t.aws('ec2 stop-instances --instance-ids i-00000000000000000').stderr).toBe(
      "\nAn error occurred (InvalidInstanceID.NotFound) when calling the StopInstances operation: The instance ID 'i-00000000000000000' does not exist\n",
    );
  });
});

describe('output formats', () => {
  it('text output follows the awscli text formatter', () => {
    const t = newAwsTestContext();
    const id = created(t);
    const out = t.aws(`ec2 describe-volumes --volume-ids ${id} --output text`).stdout;
    expect(out).toBe(`VOLUMES\tus-east-1a\t2026-01-01T00:00:00+00:00\tFalse\t100\tFalse\t5\t\tcreating\t${id}\tgp2\n`);
  });

  it('yaml output is block style with quoted timestamps', () => {
    const t = newAwsTestContext();
    const id = created(t);
    expect(t.aws(`ec2 describe-volumes --volume-ids ${id} --output yaml`).stdout).toBe(
      `Volumes:
- Attachments: []
  AvailabilityZone: us-east-1a
  CreateTime: '2026-01-01T00:00:00+00:00'
  Encrypted: false
  Size: 5
  SnapshotId: ''
  State: creating
  VolumeId: ${id}
  Iops: 100
  Tags: []
  VolumeType: gp2
  MultiAttachEnabled: false
`,
    );
  });

  it('table output has the operation as title and the awscli frame', () => {
    const t = newAwsTestContext();
    created(t);
    created(t);
    const lines = t.aws("ec2 describe-volumes --query 'Volumes[].{ID:VolumeId,Size:Size}' --output table").stdout.split('\n');
    expect(lines.filter((l) => /\|\s+ID\s+\|/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /vol-/.test(l))).toHaveLength(2);
    expect(lines[0]).toMatch(/^-+$/);
    expect(lines[1]).toMatch(/^\|\s+DescribeVolumes\s+\|$/);
    expect(lines[2]).toMatch(/^\+-+\+-+\+$/);
    expect(lines[3]).toMatch(/^\|\s+ID\s+\|\s+Size\s+\|$/);
    expect(new Set(lines.filter(Boolean).map((l) => l.length)).size).toBe(1);
  });
});

describe('aws ec2 wait', () => {
  it('volume-available polls every 15 s of virtual time and prints nothing once the volume is available', () => {
    const t = newAwsTestContext();
    const id = created(t);
    const t0 = t.core.clock.now();
    expect(t.aws(`ec2 wait volume-available --volume-ids ${id}`)).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    // The first DescribeVolumes is at once (creating), the next 15 s later.
    expect(t.core.clock.now() - t0).toBe(15_000);
    expect(JSON.parse(t.aws(`ec2 describe-volumes --volume-ids ${id} --query Volumes[0].State`).stdout)).toBe('available');
  });

  it('gives up after 40 attempts (39 sleeps) with botocore\'s message and exit 255', () => {
    const t = newAwsTestContext();
    const id = created(t);
    const t0 = t.core.clock.now();
    expect(t.aws(`ec2 wait volume-in-use --volume-ids ${id}`)).toEqual({ stdout: '', stderr: '\nWaiter VolumeInUse failed: Max attempts exceeded\n', exitCode: 255 });
    expect(t.core.clock.now() - t0).toBe(39 * 15_000);
  });

  it('a service error no acceptor expects fails at once; volume-deleted accepts NotFound', () => {
    const t = newAwsTestContext();
    expect(t.aws('ec2 wait volume-available --volume-ids vol-0123456789abcdef0')).toEqual({
      stdout: '',
      stderr: "\nWaiter VolumeAvailable failed: An error occurred (InvalidVolume.NotFound): The volume 'vol-0123456789abcdef0' does not exist.\n",
      exitCode: 255,
    });
    expect(t.aws('ec2 wait volume-deleted --volume-ids vol-0123456789abcdef0').exitCode).toBe(0);
  });

  it('a terminal failure state ends the wait with its explanation', () => {
    const t = newAwsTestContext();
    t.aws('ec2 stop-instances --instance-ids i-0123456789abcdef0');
    expect(t.aws('ec2 wait instance-running --instance-ids i-0123456789abcdef0')).toEqual({
      stdout: '',
      stderr: '\nWaiter InstanceRunning failed: Waiter encountered a terminal failure state: For expression "Reservations[].Instances[].State.Name" we matched expected path: "stopping" at least once\n',
      exitCode: 255,
    });
  });

  it('an unknown waiter is a usage error listing the waiters', () => {
    const t = newAwsTestContext();
    const r = t.aws('ec2 wait volume-bogus');
    expect(r.exitCode).toBe(252);
    expect(r.stderr).toContain('aws: error: argument subcommand: Invalid choice, valid choices are:\n\ninstance-exists\n');
  });
});

describe('aws ec2 modify-volume and describe-volumes-modifications', () => {
  it('prints the VolumeModification in the service model\'s member order; errors in the CLI\'s words', () => {
    const t = newAwsTestContext();
    const id = created(t);
    t.core.loop.advance('10s');
    expect(t.aws(`ec2 describe-volumes-modifications --volume-ids ${id}`)).toEqual({
      stdout: '',
      stderr: `\nAn error occurred (InvalidVolumeModification.NotFound) when calling the DescribeVolumesModifications operation: Modification for volume '${id}' does not exist.\n`,
      exitCode: 254,
    });
    const r = t.aws(`ec2 modify-volume --volume-id ${id} --size 20 --volume-type gp3`);
    expect(r.stdout).toBe(`{
    "VolumeModification": {
        "VolumeId": "${id}",
        "ModificationState": "modifying",
        "TargetSize": 20,
        "TargetIops": 3000,
        "TargetVolumeType": "gp3",
        "TargetThroughput": 125,
        "TargetMultiAttachEnabled": false,
        "OriginalSize": 5,
        "OriginalIops": 100,
        "OriginalVolumeType": "gp2",
        "OriginalMultiAttachEnabled": false,
        "Progress": 0,
        "StartTime": "2026-01-01T00:00:10+00:00"
    }
}
`);
    t.core.loop.advance('1h');
    expect(JSON.parse(t.aws('ec2 describe-volumes-modifications --query VolumesModifications[0].[ModificationState,Progress]').stdout)).toEqual(['completed', 100]);
    expect(t.aws(`ec2 modify-volume --volume-id ${id} --size 30`)).toMatchObject({
      stderr: "\nAn error occurred (VolumeModificationRateExceeded) when calling the ModifyVolume operation: You've reached the maximum modification rate per volume limit. Wait at least 6 hours between modifications per EBS volume.\n",
      exitCode: 254,
    });
  });
});

describe('parameter validation (botocore ParamValidator; found by the aws fuzz)', () => {
  it('JSON filters and tag specifications are checked member by member, every problem listed, nothing run', () => {
    const t = newAwsTestContext();
    created(t);
    expect(t.aws(`ec2 describe-volumes --filters '[{"Key":"a","Value":"b"}]'`)).toEqual({
      stdout: '',
      stderr: '\nParameter validation failed:\nUnknown parameter in Filters[0]: "Key", must be one of: Name, Values\nUnknown parameter in Filters[0]: "Value", must be one of: Name, Values\n',
      exitCode: 252,
    });
    expect(t.aws(`ec2 describe-volumes --filters '{"Name":"status","Values":["available"]}'`).stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter Filters, value: {'Name': 'status', 'Values': ['available']}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>\n",
    );
    expect(t.aws(`ec2 describe-volumes --filters '[{"Name":"size","Values":[5, true]}]'`).stderr).toBe(
      "\nParameter validation failed:\nInvalid type for parameter Filters[0].Values[0], value: 5, type: <class 'int'>, valid types: <class 'str'>\nInvalid type for parameter Filters[0].Values[1], value: True, type: <class 'bool'>, valid types: <class 'str'>\n",
    );
    const before = JSON.parse(t.aws('ec2 describe-volumes').stdout).Volumes.length;
    expect(
      t.aws(`ec2 create-volume --availability-zone us-east-1a --size 1 --tag-specifications '[{"ResourceType":"volume","Tags":[{"Key":"a","Val":"b"}]}]'`).stderr,
    ).toBe('\nParameter validation failed:\nUnknown parameter in TagSpecifications[0].Tags[0]: "Val", must be one of: Key, Value\n');
    expect(JSON.parse(t.aws('ec2 describe-volumes').stdout).Volumes.length).toBe(before);
  });

  it('valid JSON filters still filter; a shorthand that does not parse is a parse error without the usage text', () => {
    const t = newAwsTestContext();
    const id = created(t);
    expect(JSON.parse(t.aws(`ec2 describe-volumes --filters '[{"Name":"volume-id","Values":["${id}"]}]'`).stdout).Volumes).toHaveLength(1);
    expect(t.aws('ec2 describe-volumes --filters status').stderr).toBe("\nError parsing parameter '--filters': Expected: '=', received: 'EOF' for input:\nstatus\n      ^\n");
  });
});
