/**
 * Names storage writes and reads on API objects: annotations, labels, finalizers, driver and
 * plugin names.
 * @see kubernetes staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go
 */

import { EBS_CSI_DRIVER, EBS_CSI_ZONE_LABEL, NodeLabels } from '@kubesim/core';

/** CSI driver name of the AWS EBS CSI driver (ebs-csi pkg/driver/driver.go `DriverName`); core names it on CSINodes. */
export { EBS_CSI_DRIVER };
/** CSI driver name of the AWS EFS CSI driver. */
export const EFS_CSI_DRIVER = 'efs.csi.aws.com';
/** In-tree provisioner name, served through CSI migration since 1.25. */
export const IN_TREE_EBS_PROVISIONER = 'kubernetes.io/aws-ebs';

/** Annotations (pv_helpers.go, pv_controller.go). */
export const ANN = {
  bindCompleted: 'pv.kubernetes.io/bind-completed',
  boundByController: 'pv.kubernetes.io/bound-by-controller',
  provisionedBy: 'pv.kubernetes.io/provisioned-by',
  migratedTo: 'pv.kubernetes.io/migrated-to',
  storageProvisioner: 'volume.kubernetes.io/storage-provisioner',
  betaStorageProvisioner: 'volume.beta.kubernetes.io/storage-provisioner',
  selectedNode: 'volume.kubernetes.io/selected-node',
  isDefaultClass: 'storageclass.kubernetes.io/is-default-class',
  betaIsDefaultClass: 'storageclass.beta.kubernetes.io/is-default-class',
} as const;

/** Finalizers (pkg/controller/volume/protectionutil). */
export const FINALIZER = {
  pvcProtection: 'kubernetes.io/pvc-protection',
  pvProtection: 'kubernetes.io/pv-protection',
} as const;

/** Node labels storage reads. */
export const LABEL = {
  zone: NodeLabels.zone,
  ebsCsiZone: EBS_CSI_ZONE_LABEL,
  betaZone: NodeLabels.zoneBeta,
  instanceType: NodeLabels.instanceType,
} as const;

/** Taint that allows immediate force detach (NodeOutOfServiceVolumeDetach, GA 1.28). */
export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/** Components that emit events. */
export const COMPONENT = {
  pvController: 'persistentvolume-controller',
  attachDetach: 'attachdetach-controller',
} as const;

/** Unique volume name of an EBS volume in node status (`kubernetes.io/csi/<driver>^<handle>`). */
export function csiUniqueVolumeName(driver: string, handle: string): string {
  return `kubernetes.io/csi/${driver}^${handle}`;
}

/** The `snapshot.storage.k8s.io` API group of the VolumeSnapshot CRDs (external-snapshotter client/apis). */
export const SNAPSHOT_GROUP = 'snapshot.storage.k8s.io';

/** Snapshot finalizers (external-snapshotter pkg/utils/util.go). */
export const SNAPSHOT_FINALIZER = {
  /** On a VolumeSnapshotContent bound to a VolumeSnapshot (`VolumeSnapshotContentFinalizer`). */
  contentBound: 'snapshot.storage.kubernetes.io/volumesnapshotcontent-bound-protection',
  /** On a VolumeSnapshot bound to a content with deletionPolicy Delete (`VolumeSnapshotBoundFinalizer`). */
  snapshotBound: 'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection',
  /** On a VolumeSnapshot that may be the source of a PVC (`VolumeSnapshotAsSourceFinalizer`). */
  snapshotAsSource: 'snapshot.storage.kubernetes.io/volumesnapshot-as-source-protection',
  /** On a PVC while a snapshot of it is being taken (`PVCFinalizer`). */
  pvcAsSource: 'snapshot.storage.kubernetes.io/pvc-as-source-protection',
} as const;

/** Snapshot annotations (external-snapshotter pkg/utils/util.go). */
export const SNAPSHOT_ANN = {
  isDefaultClass: 'snapshot.storage.kubernetes.io/is-default-class',
  /** Set by the snapshot-controller on a content whose VolumeSnapshot is being deleted. */
  beingDeleted: 'snapshot.storage.kubernetes.io/volumesnapshot-being-deleted',
  /** Set by csi-snapshotter while CreateSnapshot has not answered. */
  beingCreated: 'snapshot.storage.kubernetes.io/volumesnapshot-being-created',
} as const;

/** The snapshot-controller's event source (external-snapshotter cmd/snapshot-controller `snapshot-controller`). */
export const SNAPSHOT_CONTROLLER = 'snapshot-controller';
