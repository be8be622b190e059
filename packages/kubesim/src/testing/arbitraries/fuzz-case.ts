/**
 * The fuzz-case arbitrary: topology, StorageClasses and workloads. Workloads refer to classes
 * and zones by index (taken modulo what exists), so every part shrinks on its own: fewer nodes,
 * fewer replicas, fewer claims, no zone pin.
 */
import fc from 'fast-check';
import type { FuzzCase, StorageClassSpec, TopologySpec, WorkloadSpec } from '../model/fuzz-case.js';
import { claimSizeGiB } from '../model/manifests.js';
import { type FuzzSpace, type ResolvedFuzzSpace, resolveSpace } from './space.js';
import { storageClassArb, topologyArb } from './topology.js';

interface WorkloadDraft {
  readonly kind: WorkloadSpec['kind'];
  readonly replicas: number;
  readonly strategy: WorkloadSpec['strategy'];
  readonly podManagementPolicy: WorkloadSpec['podManagementPolicy'];
  readonly hasStorage: boolean;
  readonly classIndex: number;
  readonly claimsPerPod: number;
  readonly zoneIndex: number | null;
}

function draftArb(space: ResolvedFuzzSpace): fc.Arbitrary<WorkloadDraft> {
  return fc.record({
    kind: fc.constantFrom(...space.workloadKinds),
    replicas: fc.integer({ min: space.minReplicas, max: Math.max(space.minReplicas, space.maxReplicas) }),
    strategy: fc.constantFrom(...space.strategies),
    podManagementPolicy: fc.constantFrom(...space.podManagementPolicies),
    hasStorage: space.storage === 'maybe' ? fc.boolean().map((b) => !b) : fc.constant(space.storage === 'always'),
    classIndex: fc.nat({ max: 1 }),
    claimsPerPod: fc.integer({ min: 1, max: Math.max(1, space.maxClaimsPerPod) }),
    zoneIndex: space.pinZone ? fc.option(fc.nat({ max: 2 }), { freq: 3 }) : fc.constant(null),
  });
}

/** Turns a draft into a workload of the given topology and classes. */
function workloadOf(d: WorkloadDraft, index: number, topology: TopologySpec, classes: readonly StorageClassSpec[]): WorkloadSpec {
  const sc = classes[d.classIndex % classes.length];
  const storage =
    d.hasStorage && sc
      ? { className: sc.name, accessMode: sc.provisioner === 'efs.csi.aws.com' ? ('ReadWriteMany' as const) : ('ReadWriteOnce' as const), sizeGiB: claimSizeGiB(sc.type, sc.provisioner) }
      : undefined;
  return {
    kind: d.kind,
    name: `web${index === 0 ? '' : index}`,
    replicas: d.replicas,
    strategy: d.strategy,
    podManagementPolicy: d.podManagementPolicy,
    storage,
    claimsPerPod: d.kind === 'StatefulSet' ? d.claimsPerPod : 1,
    zone: d.zoneIndex === null ? undefined : topology.zones[d.zoneIndex % topology.zones.length],
  };
}

/** Fuzz cases over a search space. */
export function fuzzCaseArb(spaceOptions: FuzzSpace = {}): fc.Arbitrary<FuzzCase> {
  const space = resolveSpace(spaceOptions);
  return fc
    .record({
      seed: fc.integer({ min: 1, max: Math.max(1, space.maxSeed) }),
      topology: topologyArb(space),
      classes: fc.tuple(storageClassArb(space, 0), storageClassArb(space, 1)),
      classCount: fc.integer({ min: 1, max: 2 }),
      drafts: fc.array(draftArb(space), { minLength: 1, maxLength: Math.max(1, space.maxWorkloads) }),
    })
    .map(({ seed, topology, classes, classCount, drafts }) => {
      const used = classes.slice(0, classCount);
      const workloads = drafts.map((d, i) => workloadOf(d, i, topology, used));
      const referenced = new Set(workloads.map((w) => w.storage?.className));
      return { seed, topology, storageClasses: used.filter((c) => referenced.has(c.name)), workloads };
    });
}
