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
  volumeType: VolumeType;
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

/** `VolumeModification.ModificationState`. */
export type ModificationState = 'modifying' | 'optimizing' | 'completed' | 'failed';

/** The latest ModifyVolume of a volume (EC2 keeps one per volume). */
export interface EbsVolumeModification {
  readonly volumeId: string;
  state: ModificationState;
  readonly targetSize: number;
  readonly targetIops?: number;
  readonly targetVolumeType: VolumeType;
  readonly targetThroughput?: number;
  readonly targetMultiAttachEnabled: boolean;
  readonly originalSize: number;
  readonly originalIops?: number;
  readonly originalVolumeType: VolumeType;
  readonly originalThroughput?: number;
  readonly originalMultiAttachEnabled: boolean;
  /** Percent, 0 while `modifying`, 100 once `completed`. */
  progress: number;
  readonly startTimeMs: number;
  endTimeMs?: number;
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

/**
 * The `VolumeModification` API shape, members in the EC2 service model's order (VolumeId,
 * ModificationState, TargetSize, TargetIops, TargetVolumeType, TargetThroughput,
 * TargetMultiAttachEnabled, Original…, Progress, StartTime, EndTime).
 */
export function modificationShape(m: EbsVolumeModification, time: TimeFormatter): Record<string, unknown> {
  const out: Record<string, unknown> = { VolumeId: m.volumeId, ModificationState: m.state, TargetSize: m.targetSize };
  if (m.targetIops !== undefined) out.TargetIops = m.targetIops;
  out.TargetVolumeType = m.targetVolumeType;
  if (m.targetThroughput !== undefined) out.TargetThroughput = m.targetThroughput;
  out.TargetMultiAttachEnabled = m.targetMultiAttachEnabled;
  out.OriginalSize = m.originalSize;
  if (m.originalIops !== undefined) out.OriginalIops = m.originalIops;
  out.OriginalVolumeType = m.originalVolumeType;
  if (m.originalThroughput !== undefined) out.OriginalThroughput = m.originalThroughput;
  out.OriginalMultiAttachEnabled = m.originalMultiAttachEnabled;
  out.Progress = m.progress;
  out.StartTime = time(m.startTimeMs);
  if (m.endTimeMs !== undefined) out.EndTime = time(m.endTimeMs);
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
