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
  FileSystemResizeSuccessful: 'FileSystemResizeSuccessful',
  ClaimLost: 'ClaimLost',
  FailedAttachVolume: 'FailedAttachVolume',
  SuccessfulAttachVolume: 'SuccessfulAttachVolume',
  SuccessfulDetachVolume: 'SuccessfulDetachVolume',
} as const;

/** One of the storage event reasons. */
export type Reason = (typeof REASON)[keyof typeof REASON];
