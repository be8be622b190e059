/**
 * The provisioner seam: what the external-provisioner loop asks a CSI driver (EBS, EFS).
 * @see kubernetes-csi external-provisioner pkg/controller/controller.go (Provision, Delete)
 */
import type { Node, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api-types.js';

/** One provisioning request. */
export interface ProvisionRequest {
  readonly claim: PersistentVolumeClaim;
  readonly storageClass: StorageClass;
  /** `pvc-<claim uid>`. */
  readonly pvName: string;
  /** Requested bytes (spec.resources.requests.storage). */
  readonly requestBytes: number;
  /** The node in `volume.kubernetes.io/selected-node` (WaitForFirstConsumer). */
  readonly selectedNode?: Node;
  /** The snapshot to restore from (`VolumeContentSource` of a VolumeSnapshot dataSource). */
  readonly snapshotId?: string;
}

/** A volume being created: a handle to poll and the size that will be reported. */
export interface ProvisionedVolume {
  readonly handle: string;
  readonly sizeGiB: number;
  readonly zone?: string;
}

/** The PV parts a driver decides. */
export type PersistentVolumeSpec = NonNullable<PersistentVolume['spec']>;

/** A volume provisioner (CSI driver controller service). */
export interface VolumeProvisioner {
  /** StorageClass `provisioner` values it serves (CSI name and in-tree names under migration). */
  readonly names: readonly string[];
  /** CSI driver name (`ebs.csi.aws.com`). */
  readonly driver: string;
  /** Whether the driver restores volumes from snapshots (CREATE_DELETE_SNAPSHOT capability). */
  readonly restoresSnapshots?: boolean;
  /** Whether the driver clones volumes (CLONE_VOLUME capability); neither EBS nor EFS does. */
  readonly clonesVolumes?: boolean;
  /** Starts creating a volume; throws ProvisionError with the driver's text. */
  create(req: ProvisionRequest): ProvisionedVolume;
  /** Whether the volume is usable (CreateVolume returned). */
  isReady(handle: string): boolean;
  /** Volume source, node affinity and annotations for the PV. */
  pvParts(req: ProvisionRequest, vol: ProvisionedVolume): {
    readonly spec: Partial<PersistentVolumeSpec>;
    readonly annotations: Readonly<Record<string, string>>;
  };
  /** Deletes the volume behind a PV: 'done', or 'retry' (e.g. still attached). Throws on errors. */
  deleteVolume(pv: PersistentVolume): 'done' | 'retry';
  /** Grows a volume; returns whether the resize is complete. */
  expand?(pv: PersistentVolume, sizeGiB: number): boolean;
}
