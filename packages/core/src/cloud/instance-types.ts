/**
 * The instance-type catalogue: vCPUs, memory, Nitro, max pods and the EBS attach limit, and how
 * EKS turns them into node capacity and allocatable.
 * @see awslabs/amazon-eks-ami templates/shared/runtime/eni-max-pods.txt (max pods)
 * @see awslabs/amazon-eks-ami nodeadm internal/kubelet/config.go (kube-reserved formulas)
 * @see kubernetes-sigs/aws-ebs-csi-driver pkg/cloud/volume_limits.go (attach limits)
 */
import type { InstanceTypeInfo } from './provider.js';

/** Nitro instances share 28 attachment slots between ENIs, EBS volumes and NVMe instance store (ebs-csi volume_limits.go). */
export const NITRO_SHARED_ATTACH_SLOTS = 28;
/** Nitro shared: 28 slots minus the primary ENI minus the root volume (ebs-csi node.go getVolumesLimit). */
export const NITRO_SHARED_EBS_LIMIT = NITRO_SHARED_ATTACH_SLOTS - 1 - 1;
/** Older (Xen) families: 40 volumes, minus the root volume (ebs-csi volume_limits.go `nonNitroMaxAttachments`). */
export const NON_NITRO_EBS_LIMIT = 39;
/** Families with a dedicated EBS limit (7th generation+), smallest sizes (ebs-csi limits/dedicated_limits.go). */
export const DEDICATED_EBS_LIMIT = 32;

/** ENIs × (IPv4 addresses per ENI − 1) + 2, the eni-max-pods formula. */
function maxPods(enis: number, ipsPerEni: number): number {
  return enis * (ipsPerEni - 1) + 2;
}

type Row = readonly [name: string, vcpu: number, memoryGiB: number, enis: number, ipsPerEni: number];

function family(rows: readonly Row[], nitro: boolean, ebsAttachLimit: number): InstanceTypeInfo[] {
  return rows.map(([name, vcpu, memoryGiB, enis, ipsPerEni]) => ({
    name,
    vcpu,
    memoryMiB: memoryGiB * 1024,
    nitro,
    maxPods: maxPods(enis, ipsPerEni),
    ebsAttachLimit,
  }));
}

// vCPU / memory: AWS EC2 instance-type pages; ENIs and IPs per ENI: EC2 "IP addresses per network interface per instance type".
const T3: Row[] = [
  ['t3.medium', 2, 4, 3, 6],
  ['t3.large', 2, 8, 3, 12],
  ['t3.xlarge', 4, 16, 4, 15],
  ['t3.2xlarge', 8, 32, 4, 15],
];
const M5: Row[] = [
  ['m5.large', 2, 8, 3, 10],
  ['m5.xlarge', 4, 16, 4, 15],
  ['m5.2xlarge', 8, 32, 4, 15],
  ['m5.4xlarge', 16, 64, 8, 30],
];
const C5: Row[] = [
  ['c5.large', 2, 4, 3, 10],
  ['c5.xlarge', 4, 8, 4, 15],
  ['c5.2xlarge', 8, 16, 4, 15],
  ['c5.4xlarge', 16, 32, 8, 30],
];
const R5: Row[] = [
  ['r5.large', 2, 16, 3, 10],
  ['r5.xlarge', 4, 32, 4, 15],
  ['r5.2xlarge', 8, 64, 4, 15],
  ['r5.4xlarge', 16, 128, 8, 30],
];
const M6I: Row[] = [
  ['m6i.large', 2, 8, 3, 10],
  ['m6i.xlarge', 4, 16, 4, 15],
  ['m6i.2xlarge', 8, 32, 4, 15],
  ['m6i.4xlarge', 16, 64, 8, 30],
];
const M7I: Row[] = [
  ['m7i.large', 2, 8, 3, 10],
  ['m7i.xlarge', 4, 16, 4, 15],
  ['m7i.2xlarge', 8, 32, 4, 15],
  ['m7i.4xlarge', 16, 64, 8, 30],
];
// m4 (Xen, not Nitro): kept to exercise the older 39-volume limit.
const M4: Row[] = [
  ['m4.large', 2, 8, 2, 10],
  ['m4.xlarge', 4, 16, 4, 15],
  ['m4.2xlarge', 8, 32, 4, 15],
  ['m4.4xlarge', 16, 64, 8, 30],
];

/** Every instance type the simulator knows, by name. */
export const INSTANCE_TYPES: ReadonlyMap<string, InstanceTypeInfo> = new Map(
  [
    ...family(T3, true, NITRO_SHARED_EBS_LIMIT),
    ...family(M5, true, NITRO_SHARED_EBS_LIMIT),
    ...family(C5, true, NITRO_SHARED_EBS_LIMIT),
    ...family(R5, true, NITRO_SHARED_EBS_LIMIT),
    ...family(M6I, true, NITRO_SHARED_EBS_LIMIT),
    ...family(M7I, true, DEDICATED_EBS_LIMIT),
    ...family(M4, false, NON_NITRO_EBS_LIMIT),
  ].map((t) => [t.name, t]),
);

/** Node capacity and allocatable as the EKS kubelet reports them. */
export interface NodeResources {
  readonly capacity: Readonly<Record<string, string>>;
  readonly allocatable: Readonly<Record<string, string>>;
}

/**
 * EKS kube-reserved CPU in millicores: 6% of the first core, 1% of the second, 0.5% of cores 3–4,
 * 0.25% of the rest (amazon-eks-ami nodeadm `getCPUMillicoresToReserve`).
 */
export function kubeReservedCpuMillis(vcpu: number): number {
  const steps: ReadonlyArray<readonly [number, number]> = [
    [1, 0.06],
    [1, 0.01],
    [2, 0.005],
    [Number.POSITIVE_INFINITY, 0.0025],
  ];
  let left = vcpu;
  let reserved = 0;
  for (const [cores, share] of steps) {
    const n = Math.min(left, cores);
    reserved += n * 1000 * share;
    left -= n;
    if (left <= 0) break;
  }
  return Math.round(reserved);
}

/** EKS kube-reserved memory: 11 MiB per pod + 255 MiB (amazon-eks-ami nodeadm `getMemoryMebibytesToReserve`). */
export function kubeReservedMemoryMiB(maxPodsPerNode: number): number {
  return 11 * maxPodsPerNode + 255;
}

/** Kubelet `evictionHard` memory.available (EKS default 100Mi). */
const EVICTION_HARD_MEMORY_MIB = 100;
/** Share of instance memory the kernel reports as MemTotal (firmware/kernel reservations, observed on m5). */
const MEM_TOTAL_SHARE = 0.9459;

/** Capacity and allocatable of a node of this type (cpu, memory, pods, ephemeral-storage, hugepages). */
export function nodeResources(type: InstanceTypeInfo, ephemeralStorageKi: number): NodeResources {
  const memoryKi = Math.floor(type.memoryMiB * 1024 * MEM_TOTAL_SHARE);
  const reservedKi = (kubeReservedMemoryMiB(type.maxPods) + EVICTION_HARD_MEMORY_MIB) * 1024;
  // nodefs.available evictionHard 10% of the root filesystem, in bytes (kubelet reports bytes here).
  const ephemeralAllocatable = Math.floor(ephemeralStorageKi * 1024 * 0.9) - 1_073_741_824;
  return {
    capacity: {
      cpu: String(type.vcpu),
      'ephemeral-storage': `${ephemeralStorageKi}Ki`,
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memoryKi}Ki`,
      pods: String(type.maxPods),
    },
    allocatable: {
      cpu: `${type.vcpu * 1000 - kubeReservedCpuMillis(type.vcpu)}m`,
      'ephemeral-storage': String(ephemeralAllocatable),
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: `${memoryKi - reservedKi}Ki`,
      pods: String(type.maxPods),
    },
  };
}
