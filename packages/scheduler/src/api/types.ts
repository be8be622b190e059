/**
 * The slices of the Kubernetes API the scheduler reads: readonly shapes of Pod, Node, CSINode,
 * PersistentVolumeClaim, PersistentVolume and StorageClass (field names as in `k8s.io/api`).
 *
 * @remarks Only the fields the scheduler looks at are typed; objects come frozen from the store.
 * @see k8s.io/api core/v1/types.go, storage/v1/types.go
 */
import type { KubeObject } from '@kubesim/core';

/** `metav1.LabelSelectorRequirement`. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** `metav1.LabelSelector`. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** `v1.NodeSelectorRequirement`. */
export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
}

/** `v1.NodeSelectorTerm`. */
export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

/** `v1.NodeSelector`. */
export interface NodeSelector {
  readonly nodeSelectorTerms: readonly NodeSelectorTerm[];
}

/** `v1.PodAffinityTerm`. */
export interface PodAffinityTerm {
  readonly labelSelector?: LabelSelector;
  readonly namespaces?: readonly string[];
  readonly topologyKey: string;
}

/** `v1.Affinity`. */
export interface Affinity {
  readonly nodeAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
    readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly { readonly weight: number; readonly preference: NodeSelectorTerm }[];
  };
  readonly podAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
  };
  readonly podAntiAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
  };
}

/** `v1.Toleration`. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
}

/** `v1.Taint`. */
export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

/** `v1.TopologySpreadConstraint`. */
export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string;
  readonly labelSelector?: LabelSelector;
  readonly minDomains?: number;
  readonly matchLabelKeys?: readonly string[];
}

/** `v1.Container` (resources only). */
export interface Container {
  readonly name: string;
  readonly resources?: { readonly requests?: Readonly<Record<string, string | number>> };
  readonly restartPolicy?: string;
}

/** `v1.Volume` (the sources the scheduler cares about). */
export interface Volume {
  readonly name: string;
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
  readonly awsElasticBlockStore?: { readonly volumeID: string; readonly readOnly?: boolean };
  readonly ephemeral?: unknown;
  readonly csi?: { readonly driver: string };
}

/** `v1.PodSpec` (scheduling fields). */
export interface PodSpec {
  readonly schedulerName?: string;
  readonly nodeName?: string;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly affinity?: Affinity;
  readonly tolerations?: readonly Toleration[];
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  readonly overhead?: Readonly<Record<string, string | number>>;
  readonly volumes?: readonly Volume[];
  readonly priority?: number;
  /** `PreemptLowerPriority` (default) or `Never`. */
  readonly preemptionPolicy?: string;
}

/** `v1.PodCondition`. */
export interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastProbeTime?: string | null;
  readonly lastTransitionTime?: string;
}

/** `v1.Pod`. */
export interface Pod extends KubeObject {
  readonly kind: 'Pod';
  readonly spec: PodSpec;
  readonly status?: {
    readonly phase?: string;
    readonly conditions?: readonly PodCondition[];
    /** Set by preemption: the node the pod is expected to land on once its victims are gone. */
    readonly nominatedNodeName?: string;
    readonly startTime?: string;
  };
}

/** `v1.Node`. */
export interface Node extends KubeObject {
  readonly kind: 'Node';
  readonly spec?: { readonly unschedulable?: boolean; readonly taints?: readonly Taint[] };
  readonly status?: {
    readonly allocatable?: Readonly<Record<string, string | number>>;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

/** `storagev1.CSINode`. */
export interface CSINode extends KubeObject {
  readonly kind: 'CSINode';
  readonly spec: {
    readonly drivers?: readonly { readonly name: string; readonly nodeID?: string; readonly allocatable?: { readonly count?: number } }[];
  };
}

/** `v1.PersistentVolumeClaim`. */
export interface PersistentVolumeClaim extends KubeObject {
  readonly kind: 'PersistentVolumeClaim';
  readonly spec: {
    readonly accessModes?: readonly string[];
    readonly storageClassName?: string | null;
    readonly volumeName?: string;
    readonly volumeMode?: string;
    readonly selector?: LabelSelector;
    readonly resources?: { readonly requests?: Readonly<Record<string, string | number>> };
  };
  readonly status?: { readonly phase?: string };
}

/** `v1.PersistentVolume`. */
export interface PersistentVolume extends KubeObject {
  readonly kind: 'PersistentVolume';
  readonly spec: {
    readonly accessModes?: readonly string[];
    readonly capacity?: Readonly<Record<string, string | number>>;
    readonly storageClassName?: string;
    readonly volumeMode?: string;
    readonly claimRef?: { readonly kind?: string; readonly namespace?: string; readonly name?: string; readonly uid?: string };
    readonly nodeAffinity?: { readonly required?: NodeSelector };
    readonly csi?: { readonly driver: string; readonly volumeHandle: string };
    readonly awsElasticBlockStore?: { readonly volumeID: string };
  };
  readonly status?: { readonly phase?: string };
}

/** `storagev1.StorageClass`. */
export interface StorageClass extends KubeObject {
  readonly kind: 'StorageClass';
  readonly provisioner: string;
  readonly volumeBindingMode?: string;
  readonly allowedTopologies?: readonly {
    readonly matchLabelExpressions?: readonly { readonly key: string; readonly values: readonly string[] }[];
  }[];
}
