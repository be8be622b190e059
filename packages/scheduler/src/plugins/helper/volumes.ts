/**
 * Volume helpers shared by the volume plugins: claim lookups with upstream error texts, CSI driver
 * of a PV or class (with in-tree EBS translated to `ebs.csi.aws.com`), and a pod's attachable
 * volumes as the cache counts them.
 * @see kubernetes pkg/scheduler/framework/plugins/nodevolumelimits/csi.go; csi-translation-lib aws_ebs.go
 */
import type { PersistentVolume, PersistentVolumeClaim } from '../../api/types.js';
import { EBS_CSI_DRIVER, IN_TREE_EBS_PLUGIN } from '../../api/well-known.js';
import type { AttachableVolume } from '../../cache/node-info.js';
import type { Handle } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';

/** `persistentvolumeclaim "x" not found` (the lister's NotFound error text). */
export function errPVCNotFound(name: string): string {
  return `persistentvolumeclaim "${name}" not found`;
}

/** `persistentvolumeclaim "x" is being deleted` (volumebinding GetPodVolumeClaims). */
/** `podHasPVCs`'s text for a generic ephemeral volume's claim not created yet. */
export function errEphemeralPVCNotCreated(name: string): string {
  return `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"`;
}

/** `ephemeral.VolumeIsForPod`'s text for a claim of that name the pod does not own. */
export function errPVCNotForPod(namespace: string, name: string, podName: string): string {
  return `PVC ${namespace}/${name} was not created for pod ${namespace}/${podName} (pod is not owner)`;
}

export function errPVCBeingDeleted(name: string): string {
  return `persistentvolumeclaim "${name}" is being deleted`;
}

/** `storageclass.storage.k8s.io "x" not found`. */
export function errStorageClassNotFound(name: string): string {
  return `storageclass.storage.k8s.io "${name}" not found`;
}

/** The claim's class name (`storagehelpers.GetPersistentVolumeClaimClass`). */
export function claimClass(pvc: PersistentVolumeClaim): string {
  return pvc.spec.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

/** The CSI driver of a PV, translating in-tree EBS. */
export function pvDriver(pv: PersistentVolume): string | undefined {
  if (pv.spec.csi) return pv.spec.csi.driver;
  if (pv.spec.awsElasticBlockStore) return EBS_CSI_DRIVER;
  return undefined;
}

/** The CSI driver a provisioner creates volumes with, translating in-tree EBS. */
export function provisionerDriver(provisioner: string | undefined): string | undefined {
  if (!provisioner) return undefined;
  return provisioner === IN_TREE_EBS_PLUGIN ? EBS_CSI_DRIVER : provisioner;
}

const NO_VOLUMES: readonly AttachableVolume[] = Object.freeze([]);

/** The attachable volumes of a pod: PVC volumes keyed by claim, inline EBS keyed by volume ID. */
export function attachableVolumes(pi: PodInfo, handle: Handle): readonly AttachableVolume[] {
  if (pi.claimNames.length === 0 && pi.inlineEbsVolumeIds.length === 0) return NO_VOLUMES;
  const out: AttachableVolume[] = [];
  for (const claim of pi.claimNames) {
    const pvc = handle.getPVC(pi.namespace, claim);
    if (!pvc) continue;
    let driver: string | undefined;
    if (pvc.spec.volumeName) {
      const pv = handle.getPV(pvc.spec.volumeName);
      driver = pv ? pvDriver(pv) : undefined;
    } else {
      const cls = claimClass(pvc);
      driver = cls ? provisionerDriver(handle.getStorageClass(cls)?.provisioner) : undefined;
    }
    if (driver) out.push({ driver, handle: `${pi.namespace}/${claim}` });
  }
  for (const id of pi.inlineEbsVolumeIds) out.push({ driver: EBS_CSI_DRIVER, handle: id });
  return out;
}
