/**
 * Arbitraries for cluster topologies and StorageClasses. Shrinking goes toward one zone, one
 * node per zone, the first instance type, the first provisioner and binding mode.
 */
import fc from 'fast-check';
import type { StorageClassSpec, TopologySpec } from '../model/fuzz-case.js';
import type { ResolvedFuzzSpace } from './space.js';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/**
 * Topologies: up to `maxZones` zones with `0..maxNodesPerZone` nodes each (empty zones are left
 * out; at least `minZones` zones and `minNodes` nodes). One count per zone, each shrinking to 0 on
 * its own, lets a failure shed a whole zone without renaming the others.
 */
export function topologyArb(space: ResolvedFuzzSpace): fc.Arbitrary<TopologySpec> {
  const zoneCount = Math.max(space.minZones, space.maxZones);
  return fc
    .array(fc.tuple(fc.integer({ min: 0, max: space.maxNodesPerZone }), fc.constantFrom(...space.instanceTypes)), { minLength: zoneCount, maxLength: zoneCount })
    .map((groups) => {
      // Floors: empty zones (first ones first) get a node until minZones are used; the first used zone tops the total up to minNodes.
      const counts = groups.map(([count]) => count);
      for (let i = 0; i < counts.length && counts.filter((c) => c > 0).length < Math.max(1, space.minZones); i++) if (counts[i] === 0) counts[i] = 1;
      const total = counts.reduce((n, c) => n + c, 0);
      const first = counts.findIndex((c) => c > 0);
      if (total < space.minNodes) counts[first] += space.minNodes - total;
      const nodes = groups.flatMap(([, instanceType], i) => (counts[i] > 0 ? [{ zone: ZONES[i], count: counts[i], instanceType }] : []));
      return { zones: nodes.map((g) => g.zone), nodes };
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
