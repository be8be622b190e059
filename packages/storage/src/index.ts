/**
 * @kubesim/storage — the EBS cloud model, StorageClasses and provisioners, the PV controller and
 * the attach/detach controller. Explicit exports only.
 */
export { installStorage, type Storage, type StorageOptions } from './install.js';
export { AWS_ACCOUNT_ID, Ec2Model, type CreateVolumeInput, type Ec2ChangeHandler } from './ebs/ec2.js';
export { EbsFaults, type Ec2Operation } from './ebs/faults.js';
export { Ec2Error, ec2Errors } from './ebs/errors.js';
export { type Ec2Filter, VOLUME_FILTER_NAMES } from './ebs/filters.js';
export {
  DEFAULT_LATENCIES,
  type EbsLatencies,
  IOPS_RULES,
  type LatencyRange,
  MODIFICATION_COOLDOWN_MS,
  SIZE_RANGE_GIB,
  VOLUME_TYPES,
  type VolumeType,
} from './ebs/defaults.js';
export {
  attachmentShape,
  type AttachmentState,
  type EbsAttachment,
  type EbsSnapshot,
  type EbsVolume,
  type EbsVolumeModification,
  modificationShape,
  type ModificationState,
  snapshotShape,
  type Tag,
  volumeShape,
  type VolumeState,
} from './ebs/volume.js';
export { monthlyPrice, PRICE_PER_GIB_MONTH } from './ebs/pricing.js';
export { NodeBackedCloud, parseProviderID } from './cloud/node-backed-cloud.js';
export { EfsModel } from './provisioners/efs-provisioner.js';
export { getDefaultClass, isDefaultClass } from './provisioners/storage-class.js';
export { parseEbsParameters, ProvisionError } from './provisioners/parameters.js';
export { getAttachmentName } from './attach-detach/operation-executor.js';
export { isPodTerminated } from './attach-detach/volume-spec.js';
export { ANN, csiUniqueVolumeName, EBS_CSI_DRIVER, EFS_CSI_DRIVER, FINALIZER, IN_TREE_EBS_PROVISIONER } from './constants.js';
export { REASON as STORAGE_REASONS } from './events/reasons.js';
export { installSnapshotController, type SnapshotStack } from './snapshot/install.js';
export { SNAPSHOT_KINDS } from './snapshot/api.js';
export { SNAPSHOT_RULE } from './snapshot/validation.js';
export { RESTORE_MSG, SNAPSHOT_MSG, SNAPSHOTTER_MSG } from './snapshot/messages.js';
export { EBS_SNAPSHOT_TAG } from './snapshot/ebs-snapshots.js';
export {
  type DeletionPolicy,
  SNAPSHOT_KIND,
  type VolumeSnapshot,
  type VolumeSnapshotClass,
  type VolumeSnapshotContent,
} from './snapshot/types.js';
export { SNAPSHOT_ANN, SNAPSHOT_CONTROLLER, SNAPSHOT_FINALIZER, SNAPSHOT_GROUP } from './constants.js';
