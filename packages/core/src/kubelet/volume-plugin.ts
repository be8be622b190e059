/**
 * The kubelet's volume-manager seam. Core owns the kubelet and emptyDir; the storage package
 * registers plugins for EBS (in-tree `awsElasticBlockStore` and CSI `ebs.csi.aws.com`) and EFS.
 * For each pod volume the kubelet asks the plugin that supports it whether the volume is
 * attached and mounted on the pod's node; the pod stays `ContainerCreating` until every volume
 * is ready.
 * @see kubernetes pkg/kubelet/volumemanager/volume_manager.go, pkg/volume/plugins.go
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import type { VolumeFilesystem } from './filesystem.js';

/** What the kubelet knows about one pod volume when it asks a plugin. */
export interface VolumeContext {
  readonly pod: Pod;
  /** The pod's volume entry (`spec.volumes[i]`). */
  readonly volume: Volume;
  readonly nodeName: string;
  /** For `persistentVolumeClaim` volumes: the bound claim and its volume. */
  readonly pvc?: PersistentVolumeClaim;
  readonly pv?: PersistentVolume;
}

/** The answer of `setUp`. */
export type VolumeSetUpResult =
  | { readonly state: 'ready'; readonly fs: VolumeFilesystem; readonly readOnly?: boolean }
  /** Still waiting: `unattached` (the attach/detach controller has not attached it) or `unmounted`. */
  | { readonly state: 'waiting'; readonly reason: 'unattached' | 'unmounted' }
  /** A real mount failure: the kubelet emits `FailedMount` with this message. */
  | { readonly state: 'failed'; readonly message: string };

/** A kubelet volume plugin. */
export interface KubeletVolumePlugin {
  /** Plugin name (`kubernetes.io/empty-dir`, `kubernetes.io/csi:ebs.csi.aws.com`, …). */
  readonly name: string;
  /** Whether the volume needs attaching by the attach/detach controller first. */
  readonly attachable: boolean;
  canSupport(ctx: VolumeContext): boolean;
  /** Attach-wait and mount. Called on every kubelet sync of a pod until it answers `ready`. */
  setUp(ctx: VolumeContext): VolumeSetUpResult;
  /** Unmount when the pod leaves the node (after its containers stopped). */
  tearDown(ctx: VolumeContext): void;
  /**
   * Attachable plugins: the unique volume name the kubelet reports in `node.status.volumesInUse`
   * (same form as `volumesAttached[].name`, e.g. `kubernetes.io/csi/ebs.csi.aws.com^vol-…`).
   * When given, the kubelet mounts only after the node status lists it (upstream `ReportedInUse`).
   */
  getVolumeName?(ctx: VolumeContext): string | undefined;
}

/** The plugins the kubelets consult, in registration order. */
export class VolumePluginRegistry {
  private readonly plugins: KubeletVolumePlugin[] = [];

  register(plugin: KubeletVolumePlugin): void {
    this.plugins.push(plugin);
  }

  /** The first plugin that supports the volume. */
  find(ctx: VolumeContext): KubeletVolumePlugin | undefined {
    return this.plugins.find((p) => p.canSupport(ctx));
  }

  all(): readonly KubeletVolumePlugin[] {
    return this.plugins;
  }
}
