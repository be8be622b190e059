/**
 * `aws ec2` volume and snapshot commands over the EBS model: create-volume, delete-volume,
 * describe-volumes, attach-volume, detach-volume, modify-volume, describe-volumes-modifications,
 * create-snapshot, describe-snapshots.
 * @see AWS CLI reference `aws ec2 create-volume` etc.; AWS EC2 API reference
 */
import { attachmentShape, type EbsAttachment, ec2Errors, modificationShape, snapshotShape, volumeShape } from '@kubesim/storage';
import type { ParamSpec, ParsedArgs } from './args.js';
import { type AwsContext, cliTime } from './context.js';
import { ServiceError } from './errors.js';
import type { Json } from './jmespath.js';
import { parseFilters, parseTagSpecifications } from './shorthand.js';

/** One `aws ec2` operation. */
export interface Ec2Command {
  /** API operation name (`CreateVolume`), used in error texts and as the table title. */
  readonly operation: string;
  readonly params: readonly ParamSpec[];
  /** The result is text a CLI customization prints as it is (`aws eks update-kubeconfig`), not an API response. */
  readonly prints?: boolean;
  /** Runs the call; `foreign` is true when `--region` names another region (nothing there). */
  run(ctx: AwsContext, args: ParsedArgs, foreign: boolean): Json;
}

/** A string parameter's value (undefined when absent or not a string). */
export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.params.get(name);
  return typeof v === 'string' ? v : undefined;
}

function int(args: ParsedArgs, name: string): number | undefined {
  const v = str(args, name);
  return v === undefined ? undefined : Number(v);
}

function list(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.params.get(name);
  return Array.isArray(v) ? v.flatMap((w) => w.split(/[\s,]+/).filter(Boolean)) : undefined;
}

function bool(args: ParsedArgs, name: string): boolean | undefined {
  const v = args.params.get(name);
  return typeof v === 'boolean' ? v : undefined;
}

/** The words of a list parameter as given (none when absent). */
export function words(args: ParsedArgs, name: string): string[] {
  const v = args.params.get(name);
  return Array.isArray(v) ? v : [];
}

function time(ctx: AwsContext): (ms: number) => string {
  return (ms) => cliTime(ctx, ms);
}

/** The attach/detach response (no DeleteOnTermination). */
function attachmentResponse(ctx: AwsContext, a: EbsAttachment): Json {
  const { DeleteOnTermination: _d, ...rest } = attachmentShape(a, time(ctx));
  return rest as Json;
}

/** In another region the volume does not exist. */
function missingVolume(id: string, foreign: boolean): void {
  if (foreign) throw new ServiceError(ec2Errors.volumeNotFound(id).code, ec2Errors.volumeNotFound(id).message);
}

/** The volume commands by CLI name. */
export const VOLUME_COMMANDS: Readonly<Record<string, Ec2Command>> = {
  'create-volume': {
    operation: 'CreateVolume',
    params: [
      { name: 'availability-zone', kind: 'string', required: true },
      { name: 'size', kind: 'integer' },
      { name: 'volume-type', kind: 'string' },
      { name: 'iops', kind: 'integer' },
      { name: 'throughput', kind: 'integer' },
      { name: 'encrypted', kind: 'boolean' },
      { name: 'kms-key-id', kind: 'string' },
      { name: 'snapshot-id', kind: 'string' },
      { name: 'tag-specifications', kind: 'list' },
      { name: 'multi-attach-enabled', kind: 'boolean' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const zone = str(args, 'availability-zone') as string;
      if (foreign) throw new ServiceError(ec2Errors.invalidZone(zone).code, ec2Errors.invalidZone(zone).message);
      const v = ctx.ec2.createVolume({
        AvailabilityZone: zone,
        Size: int(args, 'size'),
        VolumeType: str(args, 'volume-type'),
        Iops: int(args, 'iops'),
        Throughput: int(args, 'throughput'),
        Encrypted: bool(args, 'encrypted'),
        KmsKeyId: str(args, 'kms-key-id'),
        SnapshotId: str(args, 'snapshot-id'),
        MultiAttachEnabled: bool(args, 'multi-attach-enabled'),
        TagSpecifications: parseTagSpecifications(words(args, 'tag-specifications')),
      });
      return volumeShape(v, time(ctx), false) as Json;
    },
  },
  'delete-volume': {
    operation: 'DeleteVolume',
    params: [
      { name: 'volume-id', kind: 'string', required: true },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const id = str(args, 'volume-id') as string;
      missingVolume(id, foreign);
      ctx.ec2.deleteVolume(id);
      return null;
    },
  },
  'describe-volumes': {
    operation: 'DescribeVolumes',
    params: [
      { name: 'volume-ids', kind: 'list' },
      { name: 'filters', kind: 'list' },
      { name: 'max-results', kind: 'integer' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const vols = foreign ? [] : ctx.ec2.describeVolumes({ VolumeIds: list(args, 'volume-ids'), Filters: parseFilters(words(args, 'filters')) });
      return { Volumes: vols.map((v) => volumeShape(v, time(ctx), true) as Json) };
    },
  },
  'attach-volume': {
    operation: 'AttachVolume',
    params: [
      { name: 'device', kind: 'string', required: true },
      { name: 'instance-id', kind: 'string', required: true },
      { name: 'volume-id', kind: 'string', required: true },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const id = str(args, 'volume-id') as string;
      missingVolume(id, foreign);
      const a = ctx.ec2.attachVolume({ VolumeId: id, InstanceId: str(args, 'instance-id') as string, Device: str(args, 'device') });
      return attachmentResponse(ctx, a);
    },
  },
  'detach-volume': {
    operation: 'DetachVolume',
    params: [
      { name: 'volume-id', kind: 'string', required: true },
      { name: 'instance-id', kind: 'string' },
      { name: 'device', kind: 'string' },
      { name: 'force', kind: 'boolean' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const id = str(args, 'volume-id') as string;
      missingVolume(id, foreign);
      const a = ctx.ec2.detachVolume({ VolumeId: id, InstanceId: str(args, 'instance-id'), Force: bool(args, 'force') });
      return attachmentResponse(ctx, a);
    },
  },
  'modify-volume': {
    operation: 'ModifyVolume',
    params: [
      { name: 'volume-id', kind: 'string', required: true },
      { name: 'size', kind: 'integer' },
      { name: 'volume-type', kind: 'string' },
      { name: 'iops', kind: 'integer' },
      { name: 'throughput', kind: 'integer' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const id = str(args, 'volume-id') as string;
      missingVolume(id, foreign);
      const m = ctx.ec2.modifyVolume({ VolumeId: id, Size: int(args, 'size'), VolumeType: str(args, 'volume-type'), Iops: int(args, 'iops'), Throughput: int(args, 'throughput') });
      return { VolumeModification: modificationShape(m, time(ctx)) as Json };
    },
  },
  'describe-volumes-modifications': {
    operation: 'DescribeVolumesModifications',
    params: [
      { name: 'volume-ids', kind: 'list' },
      { name: 'max-results', kind: 'integer' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const ids = list(args, 'volume-ids');
      if (foreign) for (const id of ids ?? []) missingVolume(id, true);
      const mods = foreign ? [] : ctx.ec2.describeVolumesModifications({ VolumeIds: ids });
      return { VolumesModifications: mods.map((m) => modificationShape(m, time(ctx)) as Json) };
    },
  },
  'create-snapshot': {
    operation: 'CreateSnapshot',
    params: [
      { name: 'volume-id', kind: 'string', required: true },
      { name: 'description', kind: 'string' },
      { name: 'tag-specifications', kind: 'list' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const id = str(args, 'volume-id') as string;
      missingVolume(id, foreign);
      const s = ctx.ec2.createSnapshot({
        VolumeId: id,
        Description: str(args, 'description'),
        TagSpecifications: parseTagSpecifications(words(args, 'tag-specifications')),
      });
      return snapshotShape(s, time(ctx), ctx.ec2.accountId) as Json;
    },
  },
  'delete-snapshot': {
    operation: 'DeleteSnapshot',
    params: [
      { name: 'snapshot-id', kind: 'string', required: true },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const id = str(args, 'snapshot-id') as string;
      if (foreign) throw new ServiceError(ec2Errors.snapshotNotFound(id).code, ec2Errors.snapshotNotFound(id).message);
      ctx.ec2.deleteSnapshot(id);
      return null;
    },
  },
  'describe-snapshots': {
    operation: 'DescribeSnapshots',
    params: [
      { name: 'snapshot-ids', kind: 'list' },
      { name: 'owner-ids', kind: 'list' },
      { name: 'filters', kind: 'list' },
      { name: 'dry-run', kind: 'boolean' },
    ],
    run(ctx, args, foreign) {
      const snaps = foreign ? [] : ctx.ec2.describeSnapshots({ SnapshotIds: list(args, 'snapshot-ids'), Filters: parseFilters(words(args, 'filters')) });
      return { Snapshots: snaps.map((s) => snapshotShape(s, time(ctx), ctx.ec2.accountId) as Json) };
    },
  },
};
