/**
 * The parts of Kubernetes object shapes kubectl reads (the kubesim package does not depend on
 * `kubernetes-types`); every field optional and readonly, as objects come from the store.
 */
import type { KubeObject } from '@kubesim/core';

type Str = string | undefined;
type Labels = Readonly<Record<string, string>>;

/** `v1.ContainerState`. */
export interface ContainerState {
  readonly running?: { readonly startedAt?: string };
  readonly waiting?: { readonly reason?: string; readonly message?: string };
  readonly terminated?: {
    readonly exitCode?: number;
    readonly signal?: number;
    readonly reason?: string;
    readonly message?: string;
    readonly startedAt?: string;
    readonly finishedAt?: string;
  };
}

/** `v1.ContainerStatus`. */
export interface ContainerStatus {
  readonly name: string;
  readonly ready?: boolean;
  readonly started?: boolean;
  readonly restartCount?: number;
  readonly image?: string;
  readonly imageID?: string;
  readonly containerID?: string;
  readonly state?: ContainerState;
  readonly lastState?: ContainerState;
}

/** `v1.ObjectFieldSelector`. */
export interface ObjectFieldSelector {
  readonly apiVersion?: string;
  readonly fieldPath: string;
}

/** `v1.ResourceFieldSelector`. */
export interface ResourceFieldSelector {
  readonly containerName?: string;
  readonly resource: string;
  readonly divisor?: string | number;
}

/** `v1.ConfigMapKeySelector` and `v1.SecretKeySelector`. */
export interface KeySelector {
  readonly name?: string;
  readonly key: string;
  readonly optional?: boolean;
}

/** `v1.EnvVarSource`. */
export interface EnvVarSource {
  readonly fieldRef?: ObjectFieldSelector;
  readonly resourceFieldRef?: ResourceFieldSelector;
  readonly configMapKeyRef?: KeySelector;
  readonly secretKeyRef?: KeySelector;
}

/** `v1.EnvFromSource`. */
export interface EnvFromSource {
  readonly prefix?: string;
  readonly configMapRef?: { readonly name?: string; readonly optional?: boolean };
  readonly secretRef?: { readonly name?: string; readonly optional?: boolean };
}

/** `v1.Container`. */
export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly { readonly containerPort: number; readonly hostPort?: number; readonly protocol?: string; readonly name?: string }[];
  readonly env?: readonly { readonly name: string; readonly value?: string; readonly valueFrom?: EnvVarSource }[];
  readonly envFrom?: readonly EnvFromSource[];
  readonly resources?: { readonly limits?: Labels; readonly requests?: Labels };
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string; readonly readOnly?: boolean; readonly subPath?: string }[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly startupProbe?: Probe;
  readonly stdin?: boolean;
  readonly tty?: boolean;
}

/** `v1.Probe` (the printed parts). */
export interface Probe {
  readonly httpGet?: { readonly path?: string; readonly port?: number | string; readonly host?: string; readonly scheme?: string };
  readonly tcpSocket?: { readonly port?: number | string; readonly host?: string };
  readonly exec?: { readonly command?: readonly string[] };
  readonly initialDelaySeconds?: number;
  readonly timeoutSeconds?: number;
  readonly periodSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
}

/** `v1.DownwardAPIVolumeFile` (what describe prints of it). */
export interface DownwardApiVolumeFile {
  readonly path: string;
  readonly fieldRef?: { readonly fieldPath: string };
  readonly resourceFieldRef?: { readonly resource: string };
}

/** `v1.VolumeProjection` (what describe prints of it). */
export interface VolumeProjection {
  readonly secret?: { readonly name?: string; readonly optional?: boolean };
  readonly configMap?: { readonly name?: string; readonly optional?: boolean };
  readonly downwardAPI?: { readonly items?: readonly DownwardApiVolumeFile[] };
  readonly serviceAccountToken?: { readonly expirationSeconds?: number };
}

/** `v1.Volume` (sources kubectl describes). */
export interface Volume {
  readonly name: string;
  readonly emptyDir?: { readonly medium?: string; readonly sizeLimit?: string };
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
  readonly awsElasticBlockStore?: AwsEbsSource;
  readonly hostPath?: { readonly path: string; readonly type?: string };
  readonly configMap?: { readonly name?: string; readonly optional?: boolean };
  readonly secret?: { readonly secretName?: string; readonly optional?: boolean };
  readonly projected?: { readonly sources?: readonly VolumeProjection[] };
  readonly downwardAPI?: { readonly items?: readonly DownwardApiVolumeFile[] };
  readonly csi?: CsiSource;
  /** A generic ephemeral volume: its claim template. */
  readonly ephemeral?: {
    readonly volumeClaimTemplate?: {
      readonly metadata?: { readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
      readonly spec: { readonly storageClassName?: string; readonly volumeName?: string; readonly volumeMode?: string };
    };
  };
}

/** `v1.AWSElasticBlockStoreVolumeSource`. */
export interface AwsEbsSource {
  readonly volumeID: string;
  readonly fsType?: string;
  readonly partition?: number;
  readonly readOnly?: boolean;
}

/** `v1.CSIPersistentVolumeSource` (the printed parts). */
export interface CsiSource {
  readonly driver: string;
  readonly volumeHandle?: string;
  readonly fsType?: string;
  readonly readOnly?: boolean;
  readonly volumeAttributes?: Labels;
}

/** `v1.Toleration`. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

/** `v1.PodSpec` (read parts). */
export interface PodSpec {
  readonly nodeName?: string;
  readonly containers?: readonly Container[];
  readonly initContainers?: readonly Container[];
  /** `v1.EphemeralContainer`s: a container's common fields and the one it targets. */
  readonly ephemeralContainers?: readonly (Container & { readonly targetContainerName?: string })[];
  readonly volumes?: readonly Volume[];
  readonly nodeSelector?: Labels;
  readonly tolerations?: readonly Toleration[];
  readonly priority?: number;
  readonly priorityClassName?: string;
  readonly serviceAccountName?: string;
  readonly readinessGates?: readonly { readonly conditionType: string }[];
  readonly terminationGracePeriodSeconds?: number;
}

/** `v1.PodCondition` and friends. */
export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
  readonly lastHeartbeatTime?: string;
  readonly lastProbeTime?: string;
  readonly lastUpdateTime?: string;
}

/** `v1.Pod`. */
export interface Pod extends KubeObject {
  readonly spec?: PodSpec;
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly hostIP?: string;
    readonly podIP?: string;
    readonly podIPs?: readonly { readonly ip: string }[];
    readonly startTime?: string;
    readonly nominatedNodeName?: string;
    readonly qosClass?: string;
    readonly conditions?: readonly Condition[];
    readonly containerStatuses?: readonly ContainerStatus[];
    readonly initContainerStatuses?: readonly ContainerStatus[];
    readonly ephemeralContainerStatuses?: readonly ContainerStatus[];
  };
}

/** `v1.PodTemplateSpec`. */
export interface PodTemplate {
  readonly metadata?: { readonly labels?: Labels; readonly annotations?: Labels };
  readonly spec?: PodSpec;
}

/** `metav1.LabelSelector`. */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[];
}

/** Deployment / ReplicaSet / StatefulSet / DaemonSet (the read parts). */
export interface Workload extends KubeObject {
  readonly spec?: {
    readonly replicas?: number;
    readonly selector?: LabelSelector;
    readonly template?: PodTemplate;
    readonly minReadySeconds?: number;
    readonly serviceName?: string;
    readonly strategy?: { readonly type?: string; readonly rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
    readonly updateStrategy?: { readonly type?: string; readonly rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    readonly volumeClaimTemplates?: readonly Pvc[];
    readonly paused?: boolean;
    readonly revisionHistoryLimit?: number;
  };
  readonly status?: {
    readonly replicas?: number;
    readonly readyReplicas?: number;
    readonly updatedReplicas?: number;
    readonly availableReplicas?: number;
    readonly unavailableReplicas?: number;
    readonly currentReplicas?: number;
    readonly observedGeneration?: number;
    readonly currentRevision?: string;
    readonly updateRevision?: string;
    readonly desiredNumberScheduled?: number;
    readonly currentNumberScheduled?: number;
    readonly numberReady?: number;
    readonly numberMisscheduled?: number;
    readonly updatedNumberScheduled?: number;
    readonly numberAvailable?: number;
    readonly conditions?: readonly Condition[];
  };
}

/** `v1.PersistentVolumeClaim`. */
export interface Pvc extends KubeObject {
  readonly spec?: {
    readonly accessModes?: readonly string[];
    readonly storageClassName?: string;
    readonly volumeName?: string;
    readonly volumeMode?: string;
    readonly volumeAttributesClassName?: string;
    readonly resources?: { readonly requests?: Labels };
    readonly dataSource?: { readonly apiGroup?: string | null; readonly kind?: string; readonly name?: string };
  };
  readonly status?: {
    readonly phase?: string;
    readonly accessModes?: readonly string[];
    readonly capacity?: Labels;
    readonly conditions?: readonly Condition[];
  };
}

/** `v1.PersistentVolume`. */
export interface Pv extends KubeObject {
  readonly spec?: {
    readonly capacity?: Labels;
    readonly accessModes?: readonly string[];
    readonly persistentVolumeReclaimPolicy?: string;
    readonly storageClassName?: string;
    readonly volumeMode?: string;
    readonly volumeAttributesClassName?: string;
    readonly claimRef?: { readonly namespace?: string; readonly name?: string };
    readonly awsElasticBlockStore?: AwsEbsSource;
    readonly csi?: CsiSource;
    readonly hostPath?: { readonly path: string; readonly type?: string };
    readonly nodeAffinity?: {
      readonly required?: {
        readonly nodeSelectorTerms?: readonly { readonly matchExpressions?: readonly { key: string; operator: string; values?: readonly string[] }[] }[];
      };
    };
  };
  readonly status?: { readonly phase?: string; readonly reason?: string; readonly message?: string };
}

/** `v1.Node`. */
export interface NodeObj extends KubeObject {
  readonly spec?: {
    readonly unschedulable?: boolean;
    readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: string; readonly timeAdded?: string }[];
    readonly providerID?: string;
    readonly podCIDR?: string;
  };
  readonly status?: {
    readonly conditions?: readonly Condition[];
    readonly addresses?: readonly { readonly type: string; readonly address: string }[];
    readonly capacity?: Labels;
    readonly allocatable?: Labels;
    readonly nodeInfo?: Readonly<Record<string, string>>;
    readonly volumesAttached?: readonly { readonly name: string; readonly devicePath: string }[];
    readonly volumesInUse?: readonly string[];
  };
}

/** `v1.Service`. */
export interface Service extends KubeObject {
  readonly spec?: {
    readonly type?: string;
    readonly clusterIP?: string;
    readonly clusterIPs?: readonly string[];
    readonly ipFamilies?: readonly string[];
    readonly ipFamilyPolicy?: string;
    readonly externalIPs?: readonly string[];
    readonly selector?: Labels;
    readonly sessionAffinity?: string;
    readonly internalTrafficPolicy?: string;
    readonly externalTrafficPolicy?: string;
    readonly externalName?: string;
    readonly healthCheckNodePort?: number;
    readonly ports?: readonly { readonly name?: string; readonly port: number; readonly targetPort?: number | string; readonly protocol?: string; readonly nodePort?: number }[];
  };
  readonly status?: { readonly loadBalancer?: { readonly ingress?: readonly { ip?: string; hostname?: string }[] } };
}

/** `storage.k8s.io/v1 StorageClass`. */
export interface StorageClass extends KubeObject {
  readonly provisioner?: string;
  readonly parameters?: Labels;
  readonly reclaimPolicy?: string;
  readonly volumeBindingMode?: string;
  readonly allowVolumeExpansion?: boolean;
  readonly mountOptions?: readonly string[];
}

/** `v1.Event`. */
export interface EventObj extends KubeObject {
  readonly involvedObject?: { readonly kind?: string; readonly name?: string; readonly namespace?: string; readonly uid?: string; readonly fieldPath?: string };
  readonly reason?: string;
  readonly message?: string;
  readonly type?: string;
  readonly count?: number;
  readonly firstTimestamp?: string;
  readonly lastTimestamp?: string;
  readonly eventTime?: string;
  readonly source?: { readonly component?: string; readonly host?: string };
  readonly reportingComponent?: string;
}

/** Labels of an object, never undefined. */
export function labelsOf(obj: KubeObject): Labels {
  return obj.metadata.labels ?? {};
}

/** `str` or undefined, for reading unknown fields. */
export function asString(v: unknown): Str {
  return typeof v === 'string' ? v : undefined;
}
