/**
 * The EBS volume and snapshot records of the cloud model, and their EC2 API shapes.
 * @see AWS EC2 API reference: Volume, VolumeAttachment, Snapshot data types
 */
import type { VolumeFilesystem } from '@kubesim/core';
import type { VolumeType } from './defaults.js';

/** `VolumeState`. */
export type VolumeState = 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';
/** `VolumeAttachmentState`. */
export type AttachmentState = 'attaching' | 'attached' | 'detaching' | 'detached' | 'busy';

/** An EC2 tag. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** One attachment of a volume to an instance. */
export interface EbsAttachment {
  readonly volumeId: string;
  readonly instanceId: string;
  readonly device: string;
  state: AttachmentState;
  readonly attachTimeMs: number;
}

/** One EBS volume; `fs` holds its data for as long as the volume exists. */
export interface EbsVolume {
  readonly volumeId: string;
  readonly zone: string;
  sizeGiB: number;
  readonly volumeType: VolumeType;
  iops?: number;
  throughput?: number;
  readonly encrypted: boolean;
  readonly kmsKeyId?: string;
  readonly snapshotId: string;
  state: VolumeState;
  readonly createTimeMs: number;
  readonly tags: Tag[];
  readonly multiAttachEnabled: boolean;
  attachments: EbsAttachment[];
  readonly fs: VolumeFilesystem;
}

/** One EBS snapshot with a frozen copy of the volume's data. */
export interface EbsSnapshot {
  readonly snapshotId: string;
  readonly volumeId: string;
  readonly volumeSizeGiB: number;
  readonly description: string;
  state: 'pending' | 'completed' | 'error';
  readonly startTimeMs: number;
  readonly encrypted: boolean;
  readonly tags: Tag[];
  readonly fs: VolumeFilesystem;
}

/** Formats virtual ms as an EC2 wire timestamp (`2026-01-01T00:00:05.123Z`). */
export type TimeFormatter = (ms: number) => string;

/** The `VolumeAttachment` API shape. */
export function attachmentShape(a: EbsAttachment, time: TimeFormatter): Record<string, unknown> {
  return {
    AttachTime: time(a.attachTimeMs),
    Device: a.device,
    InstanceId: a.instanceId,
    State: a.state,
    VolumeId: a.volumeId,
    DeleteOnTermination: false,
  };
}

/**
 * The `Volume` API shape, members in the EC2 service model's order (Attachments, AvailabilityZone,
 * CreateTime, Encrypted, KmsKeyId, Size, SnapshotId, State, VolumeId, Iops, Tags, VolumeType,
 * MultiAttachEnabled, Throughput). CreateVolume's response has no Attachments.
 */
export function volumeShape(v: EbsVolume, time: TimeFormatter, withAttachments: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (withAttachments) out.Attachments = v.attachments.map((a) => attachmentShape(a, time));
  out.AvailabilityZone = v.zone;
  out.CreateTime = time(v.createTimeMs);
  out.Encrypted = v.encrypted;
  if (v.kmsKeyId) out.KmsKeyId = v.kmsKeyId;
  out.Size = v.sizeGiB;
  out.SnapshotId = v.snapshotId;
  out.State = v.state;
  out.VolumeId = v.volumeId;
  if (v.iops !== undefined) out.Iops = v.iops;
  out.Tags = v.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  out.VolumeType = v.volumeType;
  out.MultiAttachEnabled = v.multiAttachEnabled;
  if (v.throughput !== undefined) out.Throughput = v.throughput;
  return out;
}

/** The `Snapshot` API shape. */
export function snapshotShape(s: EbsSnapshot, time: TimeFormatter, ownerId: string): Record<string, unknown> {
  return {
    Description: s.description,
    Encrypted: s.encrypted,
    OwnerId: ownerId,
    Progress: s.state === 'completed' ? '100%' : '0%',
    SnapshotId: s.snapshotId,
    StartTime: time(s.startTimeMs),
    State: s.state,
    VolumeId: s.volumeId,
    VolumeSize: s.volumeSizeGiB,
    Tags: s.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}
