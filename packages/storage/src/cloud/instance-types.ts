/**
 * For instance types outside core's catalogue (`INSTANCE_TYPES`), on clusters without core's
 * cloud model: Nitro flag and EBS attach limit from the family, with core's limit constants.
 * @see ebs-csi pkg/cloud/volume_limits.go (v1.25–v1.35: non-Nitro 39, Nitro 28 shared − ENI − root)
 */
import { type InstanceTypeInfo, NITRO_SHARED_EBS_LIMIT, NON_NITRO_EBS_LIMIT } from '@kubesim/core';

/** Families built before Nitro (ebs-csi `nonNitroInstanceFamilies`). */
const NON_NITRO = new Set(['t2', 'c3', 'm3', 'r3', 'c4', 'm4', 'r4', 'x1', 'x1e', 'p2', 'p3', 'g3', 'd2', 'h1']);

/** Catalogue row for an instance type name, derived from its family. */
export function fallbackInstanceType(name: string): InstanceTypeInfo {
  const family = name.split('.')[0] ?? name;
  const nitro = !NON_NITRO.has(family);
  return { name, vcpu: 2, memoryMiB: 8192, nitro, maxPods: 29, ebsAttachLimit: nitro ? NITRO_SHARED_EBS_LIMIT : NON_NITRO_EBS_LIMIT };
}
