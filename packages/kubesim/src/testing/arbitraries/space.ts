/**
 * The search space of a fuzz campaign: which topologies, StorageClasses, workloads and operations
 * the arbitraries may generate. Narrowing the space is how a test aims a property at one area
 * (only StatefulSets, only one node) without writing the scenario by hand.
 */
import type { ProvisionerName } from '../model/fuzz-case.js';

/** Operation names the command arbitraries know. */
export const OPERATIONS = [
  'apply',
  'scale',
  'rollout-restart',
  'delete-pod',
  'force-delete-pod',
  'cordon',
  'uncordon',
  'drain',
  'stop-instance',
  'start-instance',
  'terminate-instance',
  'zone-outage',
  'zone-recover',
  'taint-out-of-service',
  'advance',
] as const;

/** One operation name. */
export type OperationName = (typeof OPERATIONS)[number];

/** Operations that change no node or zone: what the known-safe configurations are exercised with. */
export const WORKLOAD_OPERATIONS: readonly OperationName[] = ['apply', 'scale', 'rollout-restart', 'delete-pod', 'advance'];

/** The search space. Every field has a default; first values of lists are where shrinking goes. */
export interface FuzzSpace {
  readonly minZones?: number;
  readonly maxZones?: number;
  readonly minNodes?: number;
  readonly maxNodesPerZone?: number;
  readonly instanceTypes?: readonly string[];
  readonly provisioners?: readonly ProvisionerName[];
  readonly bindingModes?: readonly ('Immediate' | 'WaitForFirstConsumer')[];
  readonly reclaimPolicies?: readonly ('Delete' | 'Retain')[];
  readonly ebsTypes?: readonly string[];
  readonly allowedTopologies?: boolean;
  readonly workloadKinds?: readonly ('Deployment' | 'StatefulSet')[];
  readonly strategies?: readonly ('RollingUpdate' | 'Recreate')[];
  readonly podManagementPolicies?: readonly ('OrderedReady' | 'Parallel')[];
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly maxClaimsPerPod?: number;
  /** `'always'`, `'never'` or `'maybe'` give workloads storage. */
  readonly storage?: 'always' | 'never' | 'maybe';
  /** Whether workloads may carry a zone nodeSelector. */
  readonly pinZone?: boolean;
  readonly maxWorkloads?: number;
  readonly operations?: readonly OperationName[];
  readonly maxCommands?: number;
  /** Largest cluster seed drawn (1 means always seed 1). */
  readonly maxSeed?: number;
}

/** The space with every default filled in. */
export type ResolvedFuzzSpace = Required<FuzzSpace>;

/** Defaults: small scenarios (≤ 4 nodes, ≤ 20 operations) over the whole operation list. */
export const DEFAULT_SPACE: ResolvedFuzzSpace = {
  minZones: 1,
  maxZones: 2,
  minNodes: 1,
  maxNodesPerZone: 2,
  instanceTypes: ['m5.large', 't3.large', 'm7i.large'],
  provisioners: ['ebs.csi.aws.com', 'kubernetes.io/aws-ebs', 'efs.csi.aws.com'],
  bindingModes: ['WaitForFirstConsumer', 'Immediate'],
  reclaimPolicies: ['Delete', 'Retain'],
  ebsTypes: ['gp3', 'gp2', 'io1', 'st1'],
  allowedTopologies: false,
  workloadKinds: ['Deployment', 'StatefulSet'],
  strategies: ['RollingUpdate', 'Recreate'],
  podManagementPolicies: ['OrderedReady', 'Parallel'],
  minReplicas: 1,
  maxReplicas: 3,
  maxClaimsPerPod: 1,
  storage: 'maybe',
  pinZone: true,
  maxWorkloads: 1,
  operations: OPERATIONS,
  maxCommands: 8,
  maxSeed: 1000,
};

/** Fills defaults. */
export function resolveSpace(space: FuzzSpace = {}): ResolvedFuzzSpace {
  return { ...DEFAULT_SPACE, ...space };
}
