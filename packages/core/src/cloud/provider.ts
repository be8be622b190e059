/**
 * The cloud seam: what the rest of kubesim may ask about EC2 instances. Core's cloud model
 * implements it (instances, zones, instance-type catalogue, lifecycle); storage reads it for
 * attach rules and limits, the AWS CLI emulation for describe/stop/start/terminate-instances.
 */

/** EC2 instance states (`InstanceStateName`). */
export type InstanceState = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

/** One instance-type row of the catalogue. */
export interface InstanceTypeInfo {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryMiB: number;
  /** Built on the Nitro system (shared EBS/ENI attachment slots). */
  readonly nitro: boolean;
  /** Max pods per node (EKS eni-max-pods). */
  readonly maxPods: number;
  /** EBS volumes the node may attach (CSINode allocatable count for ebs.csi.aws.com). */
  readonly ebsAttachLimit: number;
}

/** An EC2 instance backing (or having backed) a node. */
export interface InstanceInfo {
  readonly instanceId: string;
  readonly nodeName: string;
  readonly zone: string;
  readonly instanceType: string;
  readonly state: InstanceState;
  readonly privateIp: string;
  /** Virtual ms of launch. */
  readonly launchTimeMs: number;
}

/** Handler of instance state changes. */
export type InstanceStateHandler = (instance: InstanceInfo, previous: InstanceState) => void;

/** What other packages may ask the cloud model. */
export interface CloudProvider {
  readonly region: string;
  readonly zones: readonly string[];
  /** All instances ever launched, in launch order (terminated ones included). */
  instances(): readonly InstanceInfo[];
  getInstance(instanceId: string): InstanceInfo | undefined;
  /** The instance behind a node name. */
  instanceForNode(nodeName: string): InstanceInfo | undefined;
  instanceType(name: string): InstanceTypeInfo | undefined;
  /** Subscribe to state changes (delivered on the event loop). Returns unsubscribe. */
  onInstanceState(handler: InstanceStateHandler): () => void;
}
