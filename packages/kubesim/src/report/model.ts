/**
 * The data an HTML report draws: one entry per step of a run (a kubectl/aws command, an
 * `advance`), each with the command's output, the events recorded during the step, and a snapshot
 * of the cluster after it (zones, nodes, pods, EBS volumes and their attachments).
 * The umbrella builds it from a cluster (`snapshotCluster`); the renderer only reads it.
 */

/** One pod as drawn on its node. */
export interface PodSnapshot {
  readonly namespace: string;
  readonly name: string;
  /** kubectl's STATUS column (`Running`, `ContainerCreating`, `Pending`, `Terminating`, …). */
  readonly status: string;
  /** kubectl's READY column (`1/1`). */
  readonly ready: string;
  /** Not Running after its volumes should have been there: drawn highlighted. */
  readonly stuck: boolean;
  /** Why it is stuck, one line (e.g. the Multi-Attach event message or a diagnose chain). */
  readonly reason?: string;
  /** Claims the pod mounts. */
  readonly claims: readonly string[];
}

/** One node in a zone column. */
export interface NodeSnapshot {
  readonly name: string;
  readonly instanceId: string;
  readonly instanceType: string;
  /** Ready condition status: `True`, `False` or `Unknown`. */
  readonly ready: 'True' | 'False' | 'Unknown';
  readonly unschedulable: boolean;
  readonly pods: readonly PodSnapshot[];
}

/** One attachment of an EBS volume. */
export interface AttachmentSnapshot {
  readonly nodeName: string;
  readonly instanceId: string;
  /** `attaching`, `attached`, `detaching`. */
  readonly state: string;
}

/** One EBS (or EFS) volume. */
export interface VolumeSnapshot {
  readonly volumeId: string;
  readonly zone: string;
  readonly sizeGiB: number;
  readonly volumeType: string;
  /** EC2 state: `creating`, `available`, `in-use`, … */
  readonly state: string;
  readonly attachments: readonly AttachmentSnapshot[];
  /** The PV backed by this volume, and its claim `namespace/name`. */
  readonly pvName?: string;
  readonly claim?: string;
  /** A node whose pods want this volume but cannot attach it (Multi-Attach). */
  readonly conflict?: { readonly nodeName: string; readonly pods: readonly string[]; readonly message: string };
}

/** A zone column. */
export interface ZoneSnapshot {
  readonly name: string;
  readonly nodes: readonly NodeSnapshot[];
}

/** The cluster at one instant. */
export interface ClusterSnapshot {
  readonly zones: readonly ZoneSnapshot[];
  readonly volumes: readonly VolumeSnapshot[];
  /** Pods not bound to a node (Pending). */
  readonly unscheduled: readonly PodSnapshot[];
}

/** One event line recorded during a step. */
export interface EventSnapshot {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  /** `kind/name`. */
  readonly object: string;
  readonly message: string;
  readonly count: number;
  readonly atMs: number;
}

/** One step of a run. */
export interface ReportStep {
  readonly index: number;
  /** Virtual ms when the step ended, and its RFC 3339 rendering. */
  readonly atMs: number;
  readonly time: string;
  /** Chapter section or free title, optional. */
  readonly section?: string;
  /** The command as typed (`kubectl get pods`, `aws ec2 create-volume …`, `advance 5m`). */
  readonly command: string;
  readonly output: string;
  readonly exitCode: number;
  readonly events: readonly EventSnapshot[];
  readonly cluster: ClusterSnapshot;
}

/** A whole report. */
export interface ReportModel {
  readonly title: string;
  readonly seed: number;
  readonly fingerprint: string;
  readonly steps: readonly ReportStep[];
}
