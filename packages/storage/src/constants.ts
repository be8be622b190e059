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
