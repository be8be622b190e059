/**
 * Manifest types storage works with. Pod, PVC, PV and Volume come from core's kubelet seam (the
 * `kubernetes-types` shapes); Node, StorageClass and VolumeAttachment are the subsets storage
 * reads and writes (storage does not depend on `kubernetes-types` directly).
 */
import type { KubeObject, VolumeContext } from '@kubesim/core';

/** `v1.Pod`. */
export type Pod = VolumeContext['pod'] & KubeObject;
/** `v1.Volume` (a pod volume). */
export type PodVolume = VolumeContext['volume'];
/** `v1.PersistentVolumeClaim`. */
export type PersistentVolumeClaim = NonNullable<VolumeContext['pvc']> & KubeObject;
/** `v1.PersistentVolume`. */
export type PersistentVolume = NonNullable<VolumeContext['pv']> & KubeObject;

/** `v1.Taint`. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

/** `v1.AttachedVolume`. */
export interface AttachedVolume {
  readonly name: string;
  readonly devicePath: string;
}

/** The parts of `v1.Node` storage reads and writes. */
export interface Node extends KubeObject {
  readonly spec?: { readonly providerID?: string; readonly taints?: readonly Taint[]; readonly unschedulable?: boolean };
  readonly status?: {
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
    readonly volumesAttached?: readonly AttachedVolume[];
    readonly volumesInUse?: readonly string[];
    readonly [key: string]: unknown;
  };
}

/** `storage.k8s.io/v1 StorageClass`. */
export interface StorageClass extends KubeObject {
  readonly provisioner: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly reclaimPolicy?: 'Delete' | 'Retain' | 'Recycle';
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  readonly allowVolumeExpansion?: boolean;
  readonly mountOptions?: readonly string[];
  readonly allowedTopologies?: readonly {
    readonly matchLabelExpressions?: readonly { readonly key: string; readonly values: readonly string[] }[];
  }[];
}

/** `storage.k8s.io/v1 VolumeAttachment`. */
export interface VolumeAttachment extends KubeObject {
  readonly spec: {
    readonly attacher: string;
    readonly nodeName: string;
    readonly source: { readonly persistentVolumeName?: string; readonly inlineVolumeSpec?: unknown };
  };
  readonly status?: {
    readonly attached: boolean;
    readonly attachmentMetadata?: Readonly<Record<string, string>>;
    readonly attachError?: { readonly time: string; readonly message: string };
    readonly detachError?: { readonly time: string; readonly message: string };
  };
}
