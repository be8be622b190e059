/**
 * EBS limits and simulator latencies.
 * @see AWS EC2 API reference CreateVolume (Size, Iops); reference §8 (kubernetes-semantics.md)
 */

/** EBS volume types (`VolumeType` enum of the EC2 API). */
export const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'] as const;
/** One EBS volume type. */
export type VolumeType = (typeof VOLUME_TYPES)[number];

/** Size range in GiB per type (CreateVolume `Size` docs, values of the 1.28–1.33 era). */
export const SIZE_RANGE_GIB: Readonly<Record<VolumeType, readonly [number, number]>> = {
  gp2: [1, 16384],
  gp3: [1, 16384],
  io1: [4, 16384],
  io2: [4, 65536],
  st1: [125, 16384],
  sc1: [125, 16384],
  standard: [1, 1024],
};

/** IOPS rules per provisioned-IOPS type (CreateVolume `Iops` docs; ebs-csi pkg/cloud/cloud.go). */
export const IOPS_RULES = {
  /** gp2: 3 IOPS per GiB, min 100, max 16000 (EBS volume types docs). */
  gp2: { perGiB: 3, min: 100, max: 16000, burst: 3000 },
  /** gp3: baseline 3000 regardless of size; provisionable 3000–16000 at ≤500/GiB. */
  gp3: { baseline: 3000, min: 3000, max: 16000, maxPerGiB: 500 },
  /** io1: 100–64000, ≤50 per GiB. */
  io1: { min: 100, max: 64000, maxPerGiB: 50 },
  /** io2: 100–64000, ≤500 per GiB (256000 / 1000 per GiB with Block Express). */
  io2: { min: 100, max: 64000, maxPerGiB: 500 },
} as const;

/** gp3 throughput MiB/s: baseline 125, max 1000, ≤0.25 MiB/s per IOPS (EBS gp3 docs). */
export const GP3_THROUGHPUT = { baseline: 125, min: 125, max: 1000, perIops: 0.25 } as const;

/** Multi-Attach: io1/io2 only, ≤16 Nitro instances in one zone (EBS Multi-Attach docs). */
export const MULTI_ATTACH = { types: ['io1', 'io2'] as readonly VolumeType[], maxInstances: 16 } as const;

/** Device names the EBS CSI driver hands out (ebs-csi pkg/cloud/devicemanager: /dev/xvdba…). */
export const DEVICE_PREFIX = '/dev/xvd';

/** A latency range in virtual ms, drawn uniformly. */
export type LatencyRange = readonly [number, number];

/** Latencies of EC2 state transitions (reference §8, observational; simulator defaults). */
export interface EbsLatencies {
  readonly createMs: LatencyRange;
  readonly attachMs: LatencyRange;
  readonly detachMs: LatencyRange;
  readonly deleteMs: LatencyRange;
  readonly snapshotMs: LatencyRange;
  readonly modifyMs: LatencyRange;
  /** A modification's `optimizing` phase (the new size is usable meanwhile). */
  readonly optimizeMs: LatencyRange;
}

/** Default latencies: create 1–5 s, attach 2–10 s, detach 2–10 s (reference §8). */
export const DEFAULT_LATENCIES: EbsLatencies = {
  createMs: [1000, 5000],
  attachMs: [2000, 10000],
  detachMs: [2000, 10000],
  deleteMs: [1000, 3000],
  snapshotMs: [5000, 20000],
  modifyMs: [1000, 5000],
  optimizeMs: [60_000, 600_000],
};

/** EC2 allows one ModifyVolume per volume in this window (Elastic Volumes: "wait at least six hours"). */
export const MODIFICATION_COOLDOWN_MS = 6 * 60 * 60_000;

/** Volume size without a capacity range in the CSI driver (ebs-csi `cloud.DefaultVolumeSize`). */
export const DEFAULT_VOLUME_SIZE_GIB = 100;
