/**
 * Event reasons the storage controllers emit.
 * @see kubernetes pkg/controller/volume/events/event.go, pkg/kubelet/events/event.go
 */
export const REASON = {
  FailedBinding: 'FailedBinding',
  VolumeMismatch: 'VolumeMismatch',
  VolumeDelete: 'VolumeDelete',
  VolumeFailedDelete: 'VolumeFailedDelete',
  VolumeFailedRecycle: 'VolumeFailedRecycle',
  ExternalProvisioning: 'ExternalProvisioning',
  Provisioning: 'Provisioning',
  ProvisioningFailed: 'ProvisioningFailed',
  ProvisioningSucceeded: 'ProvisioningSucceeded',
  WaitForFirstConsumer: 'WaitForFirstConsumer',
  WaitForPodScheduled: 'WaitForPodScheduled',
  ClaimMisbound: 'ClaimMisbound',
  ExternalExpanding: 'ExternalExpanding',
  Resizing: 'Resizing',
  VolumeResizeSuccessful: 'VolumeResizeSuccessful',
  VolumeResizeFailed: 'VolumeResizeFailed',
  FileSystemResizeRequired: 'FileSystemResizeRequired',
  ClaimLost: 'ClaimLost',
  FailedAttachVolume: 'FailedAttachVolume',
  SuccessfulAttachVolume: 'SuccessfulAttachVolume',
  SuccessfulDetachVolume: 'SuccessfulDetachVolume',
  // snapshot-controller (external-snapshotter pkg/common-controller)
  CreatingSnapshot: 'CreatingSnapshot',
  SnapshotCreated: 'SnapshotCreated',
  SnapshotReady: 'SnapshotReady',
  GetSnapshotClassFailed: 'GetSnapshotClassFailed',
  SetDefaultSnapshotClassFailed: 'SetDefaultSnapshotClassFailed',
  SnapshotContentCreationFailed: 'SnapshotContentCreationFailed',
  SnapshotContentMissing: 'SnapshotContentMissing',
  SnapshotContentMisbound: 'SnapshotContentMisbound',
  SnapshotDeletePending: 'SnapshotDeletePending',
  // csi-snapshotter (external-snapshotter pkg/sidecar-controller)
  SnapshotCreationFailed: 'SnapshotCreationFailed',
  SnapshotDeleteError: 'SnapshotDeleteError',
} as const;

/** One of the storage event reasons. */
export type Reason = (typeof REASON)[keyof typeof REASON];
