/**
 * A fallback instance-type table for clusters without core's cloud model (tests, Node-only
 * clusters): Nitro flag and EBS attach limit per family.
 * @see ebs-csi pkg/cloud/volume_limits.go (v1.25–v1.35: non-Nitro 39, Nitro 28 shared − ENI − root)
 */
import type { InstanceTypeInfo } from '@kubesim/core';

/** Families built before Nitro (ebs-csi `nonNitroInstanceFamilies`). */
const NON_NITRO = new Set(['t2', 'c3', 'm3', 'r3', 'c4', 'm4', 'r4', 'x1', 'x1e', 'p2', 'p3', 'g3', 'd2', 'h1']);
/** Non-Nitro attach limit (ebs-csi volume_limits.go). */
const NON_NITRO_LIMIT = 39;
/** Nitro: 28 shared slots − 1 ENI − 1 root volume (derived, reference §7). */
const NITRO_LIMIT = 26;

/** Catalogue row for an instance type name, derived from its family. */
export function fallbackInstanceType(name: string): InstanceTypeInfo {
  const family = name.split('.')[0] ?? name;
  const nitro = !NON_NITRO.has(family);
  return { name, vcpu: 2, memoryMiB: 8192, nitro, maxPods: 29, ebsAttachLimit: nitro ? NITRO_LIMIT : NON_NITRO_LIMIT };
}
