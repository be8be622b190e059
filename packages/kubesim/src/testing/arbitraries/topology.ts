/**
 * Arbitraries for cluster topologies and StorageClasses. Shrinking goes toward one zone, one
 * node per zone, the first instance type, the first provisioner and binding mode.
 */
import fc from 'fast-check';
import type { StorageClassSpec, TopologySpec } from '../model/fuzz-case.js';
import type { ResolvedFuzzSpace } from './space.js';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** Topologies: zones `minZones..maxZones`, `1..maxNodesPerZone` nodes in each, at least `minNodes` nodes in all. */
export function topologyArb(space: ResolvedFuzzSpace): fc.Arbitrary<TopologySpec> {
  return fc
    .array(fc.tuple(fc.integer({ min: 1, max: space.maxNodesPerZone }), fc.constantFrom(...space.instanceTypes)), {
      minLength: space.minZones,
      maxLength: Math.max(space.minZones, space.maxZones),
    })
    .map((groups) => {
      const zones = ZONES.slice(0, groups.length);
      const nodes = groups.map(([count, instanceType], i) => ({ zone: zones[i], count, instanceType }));
      // Top the first zone up to minNodes: shrinking never goes below the space's floor.
      const total = nodes.reduce((n, g) => n + g.count, 0);
      if (total < space.minNodes) nodes[0] = { ...nodes[0], count: nodes[0].count + space.minNodes - total };
      return { zones, nodes };
    });
}

/** StorageClasses named `sc-<index>`; allowedTopologies (when enabled) picks zones by index. */
export function storageClassArb(space: ResolvedFuzzSpace, index: number): fc.Arbitrary<StorageClassSpec> {
  return fc
    .record({
      provisioner: fc.constantFrom(...space.provisioners),
      type: fc.constantFrom(...space.ebsTypes),
      bindingMode: fc.constantFrom(...space.bindingModes),
      reclaimPolicy: fc.constantFrom(...space.reclaimPolicies),
      allowedZones: space.allowedTopologies ? fc.subarray(ZONES.slice(0, space.maxZones)) : fc.constant([] as string[]),
    })
    .map((r) => ({ name: `sc-${index}`, ...r }));
}
