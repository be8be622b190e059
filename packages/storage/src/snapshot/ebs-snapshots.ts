/**
 * The EBS CSI driver's snapshot RPCs over the EC2 model: CreateSnapshot (idempotent by name, tagged
 * `CSIVolumeSnapshotName` and `ebs.csi.aws.com/cluster`, described `Created by AWS EBS CSI driver
 * for volume vol-…`; ReadyToUse once the EC2 snapshot is `completed`) and DeleteSnapshot (a
 * snapshot already gone is success).
 * @see ebs-csi pkg/driver/controller.go (CreateSnapshot, DeleteSnapshot, newCreateSnapshotResponse),
 *      pkg/cloud/cloud.go (CreateSnapshot, SnapshotNameTagKey, AwsEbsDriverTagKey)
 */
import { clusterIdTags } from '../ebs/cluster-tags.js';
import { Ec2Error } from '../ebs/errors.js';
import type { Ec2Model } from '../ebs/ec2.js';
import { rpcError } from '../provisioners/parameters.js';
import { GIB } from '../util/quantity.js';

/** Tag keys the driver puts on snapshots (ebs-csi pkg/cloud/cloud.go). */
export const EBS_SNAPSHOT_TAG = {
  snapshotName: 'CSIVolumeSnapshotName',
  managedByDriver: 'ebs.csi.aws.com/cluster',
} as const;

/** `csi.Snapshot` of a CreateSnapshot response. */
export interface CsiSnapshot {
  readonly snapshotId: string;
  readonly sourceVolumeId: string;
  readonly sizeBytes: number;
  /** Unix nanoseconds (the EC2 snapshot's StartTime). */
  readonly creationTimeNs: number;
  readonly readyToUse: boolean;
}

/** The driver's snapshot side. */
export class EbsSnapshotDriver {
  /** Snapshot ids by CSI snapshot name (the driver's `GetSnapshotByName`, a tag lookup in EC2). */
  private readonly byName = new Map<string, string>();
  /** CSI snapshot names by snapshot id. */
  private readonly nameById = new Map<string, string>();

  constructor(
    private readonly ec2: Ec2Model,
    /** Epoch ms of virtual time zero. */
    private readonly startEpochMs: number,
    /** The driver's `--k8s-tag-cluster-id` (the EKS add-on passes the cluster's name). */
    private readonly clusterId?: string,
  ) {}

  private response(snapshotId: string): CsiSnapshot | undefined {
    const s = this.ec2.snapshot(snapshotId);
    if (!s) return undefined;
    return {
      snapshotId: s.snapshotId,
      sourceVolumeId: s.volumeId,
      sizeBytes: s.volumeSizeGiB * GIB,
      creationTimeNs: (this.startEpochMs + s.startTimeMs) * 1e6,
      readyToUse: s.state === 'completed',
    };
  }

  /** CreateSnapshot: the existing snapshot of that name, or a new one. Throws ProvisionError (rpc text). */
  createSnapshot(name: string, volumeId: string): CsiSnapshot {
    const known = this.byName.get(name);
    const existing = known ? this.response(known) : undefined;
    if (existing) {
      if (existing.sourceVolumeId !== volumeId) {
        throw rpcError('AlreadyExists', `Snapshot ${name} already exists for different volume (${existing.sourceVolumeId})`);
      }
      return existing;
    }
    try {
      const snap = this.ec2.createSnapshot({
        VolumeId: volumeId,
        Description: `Created by AWS EBS CSI driver for volume ${volumeId}`,
        TagSpecifications: [
          {
            ResourceType: 'snapshot',
            Tags: [
              { Key: EBS_SNAPSHOT_TAG.snapshotName, Value: name },
              { Key: EBS_SNAPSHOT_TAG.managedByDriver, Value: 'true' },
              ...clusterIdTags(this.clusterId, name, 'snapshot'),
            ],
          },
        ],
      });
      this.byName.set(name, snap.snapshotId);
      this.nameById.set(snap.snapshotId, name);
      return this.response(snap.snapshotId) as CsiSnapshot;
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      throw rpcError('Internal', `Could not create snapshot ${JSON.stringify(name)}: error creating snapshot of volume ${volumeId}: ${e.toString()}`);
    }
  }

  /** DeleteSnapshot: NotFound is success. Throws ProvisionError (rpc text). */
  deleteSnapshot(snapshotId: string): void {
    try {
      this.ec2.deleteSnapshot(snapshotId);
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      if (e.code === 'InvalidSnapshot.NotFound') return;
      throw rpcError('Internal', `Could not delete snapshot ID ${JSON.stringify(snapshotId)}: ${e.toString()}`);
    }
    const name = this.nameById.get(snapshotId);
    if (name !== undefined) this.byName.delete(name);
    this.nameById.delete(snapshotId);
  }

  /** ListSnapshots by id (csi-snapshotter's GetSnapshotStatus): undefined when EC2 has no such snapshot. */
  getSnapshot(snapshotId: string): CsiSnapshot | undefined {
    return this.response(snapshotId);
  }
}
