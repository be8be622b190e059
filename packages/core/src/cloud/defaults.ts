/**
 * Defaults and latencies of the cloud model, each with its provenance.
 */

/** `createCluster` default region (public contract). */
export const DEFAULT_REGION = 'us-east-1';
/** `createCluster` default zones (public contract). */
export const DEFAULT_ZONES: readonly string[] = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
/** `createCluster` default instance type (public contract). */
export const DEFAULT_INSTANCE_TYPE = 'm5.large';

/** VPC CIDR the node subnets are carved from (EKS quick-start VPCs use 10.0.0.0/16). */
export const VPC_SECOND_OCTET = 0;
/** Third-octet span of one zone's subnet (/19 per zone, as the EKS VPC CloudFormation template). */
export const SUBNET_THIRD_OCTET_SPAN = 32;

/** EC2 `StopInstances`: stopping → stopped takes tens of seconds (AWS docs, typical observed). */
export const STOP_LATENCY_MS = { min: 20_000, max: 45_000 } as const;
/** EC2 `StartInstances`: pending → running (AWS docs, typical observed). */
export const START_LATENCY_MS = { min: 10_000, max: 20_000 } as const;
/** EC2 `TerminateInstances`: shutting-down → terminated (AWS docs, typical observed). */
export const TERMINATE_LATENCY_MS = { min: 20_000, max: 45_000 } as const;
/** Boot to kubelet registration after `running` (EKS AL2023 AMI boot, typical observed). */
export const KUBELET_BOOT_MS = { min: 15_000, max: 30_000 } as const;
/** AWS cloud-controller-manager node lifecycle monitor period (cloud-provider `--node-monitor-period` 5s). */
export const CLOUD_NODE_MONITOR_PERIOD_MS = 5_000;

/** Taint the cloud node lifecycle controller puts on a stopped instance's node (cloud-provider api/well_known_taints.go). */
export const TAINT_NODE_SHUTDOWN = 'node.cloudprovider.kubernetes.io/shutdown';

/** Kubelet version EKS 1.33 AMIs report (EKS AMI release notes, `v1.33.x-eks-<hash>`). */
export const KUBELET_VERSION = 'v1.33.5-eks-113cf36';
/** containerd version of the EKS AL2023 AMI for 1.33 (EKS AMI release notes). */
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.27';
/** Kernel of the EKS AL2023 AMI (EKS AMI release notes). */
export const KERNEL_VERSION = '6.12.40-63.114.amzn2023.x86_64';
/** OS image string of the EKS AL2023 AMI (EKS AMI release notes). */
export const OS_IMAGE = 'Amazon Linux 2023.8.20250818';
/** Root volume of EKS managed node groups: 20 GiB gp3 (EKS defaults), in Ki as kubelet reports. */
export const EPHEMERAL_STORAGE_CAPACITY_KI = 20_959_212;
