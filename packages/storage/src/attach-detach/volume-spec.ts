/**
 * Which pod volumes the attach/detach controller handles, and their identities: EBS volumes from
 * bound PVCs (CSI or migrated in-tree PVs) and inline `awsElasticBlockStore` volumes.
 * @see kubernetes pkg/controller/volume/attachdetach/util/util.go CreateVolumeSpec;
 *      pkg/volume/util/util.go IsMultiAttachAllowed
 */
import { type ObjectStore, podVolumeClaimName } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim, Pod, PodVolume } from '../api-types.js';
import { csiUniqueVolumeName, EBS_CSI_DRIVER } from '../constants.js';
import { volumeIdFromInTree } from '../provisioners/ebs-provisioner.js';

/** An attachable volume of a pod. */
export interface AttachableVolume {
  /** `kubernetes.io/csi/ebs.csi.aws.com^vol-…`. */
  readonly uniqueName: string;
  /** The EBS volume id (`vol-…`). */
  readonly volumeHandle: string;
  /** `VolumeSpec.Name()`: the PV name, or the pod volume name for inline volumes. */
  readonly specName: string;
  /** The PV name, for PVC-backed volumes. */
  readonly pvName?: string;
  /** Whether several nodes may attach it (PV lists ReadWriteMany or ReadOnlyMany). */
  readonly multiAttachAllowed: boolean;
}

/** Multi-attach is allowed iff the PV lists RWX or ROX (or there is no PV access mode at all). */
export function isMultiAttachAllowed(pv: PersistentVolume | undefined): boolean {
  if (!pv) return false;
  const modes = pv.spec?.accessModes ?? [];
  if (modes.length === 0) return true;
  return modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany');
}

/** The EBS volume handle of a PV, if it is an EBS volume. */
export function ebsHandleOfPV(pv: PersistentVolume): string | undefined {
  if (pv.spec?.csi?.driver === EBS_CSI_DRIVER) return pv.spec.csi.volumeHandle;
  const id = pv.spec?.awsElasticBlockStore?.volumeID;
  return id ? volumeIdFromInTree(id) : undefined;
}

/** Result of resolving one pod volume: attachable, not attachable, or not resolvable yet. */
export type ResolvedVolume =
  | { readonly kind: 'attachable'; readonly volume: AttachableVolume }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'pending' };

/** Resolves a pod volume through its claim and PV. */
export function resolvePodVolume(store: ObjectStore, pod: Pod, v: PodVolume): ResolvedVolume {
  if (v.awsElasticBlockStore?.volumeID) {
    const handle = volumeIdFromInTree(v.awsElasticBlockStore.volumeID);
    return {
      kind: 'attachable',
      volume: { uniqueName: csiUniqueVolumeName(EBS_CSI_DRIVER, handle), volumeHandle: handle, specName: v.name, multiAttachAllowed: false },
    };
  }
  const claimName = podVolumeClaimName(pod, v);
  if (!claimName) return { kind: 'ignored' };
  const claim = store.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace, claimName);
  const pvName = claim?.spec?.volumeName;
  if (!claim || !pvName || claim.status?.phase !== 'Bound') return { kind: 'pending' };
  const pv = store.get<PersistentVolume>('PersistentVolume', undefined, pvName);
  if (!pv) return { kind: 'pending' };
  const handle = ebsHandleOfPV(pv);
  if (!handle) return { kind: 'ignored' };
  return {
    kind: 'attachable',
    volume: {
      uniqueName: csiUniqueVolumeName(EBS_CSI_DRIVER, handle),
      volumeHandle: handle,
      specName: pvName,
      pvName,
      multiAttachAllowed: isMultiAttachAllowed(pv),
    },
  };
}

/**
 * `IsPodTerminated`: phase Failed/Succeeded, or deletionTimestamp set and no container running
 * according to the pod's status.
 */
export function isPodTerminated(pod: Pod): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return true;
  if (!pod.metadata.deletionTimestamp) return false;
  const s = pod.status;
  const all = [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? []), ...(s?.ephemeralContainerStatuses ?? [])];
  return !all.some((c) => c.state?.running !== undefined);
}
