/**
 * Named search spaces: one aimed at each storage pathology (the property is the same — every
 * workload converges — only the space is narrowed) and the known-safe configurations, which must
 * converge under the workload operations.
 */
import { type FuzzSpace, WORKLOAD_OPERATIONS } from './space.js';

const EBS = ['ebs.csi.aws.com', 'kubernetes.io/aws-ebs'] as const;

/** Spaces aimed at the five pathologies. */
export const PATHOLOGY_SPACES = {
  /** Deployments sharing one RWO EBS claim, scaled. */
  'multi-attach-scale': { workloadKinds: ['Deployment'], storage: 'always', provisioners: EBS, pinZone: false, operations: ['scale', 'delete-pod', 'advance'] },
  /** One-replica Deployments sharing one RWO EBS claim, restarted. */
  'rolling-update-rwo': { workloadKinds: ['Deployment'], storage: 'always', provisioners: EBS, pinZone: false, maxReplicas: 1, operations: ['rollout-restart', 'delete-pod', 'advance'] },
  /** Workloads pinned to a zone, with either binding mode. */
  'immediate-binding-zone': { storage: 'always', provisioners: EBS, bindingModes: ['WaitForFirstConsumer', 'Immediate'], minZones: 2, maxZones: 3, maxNodesPerZone: 1, pinZone: true, operations: ['advance'] },
  /** Workloads on at least two nodes, with instances stopped. */
  'stopped-instance': { workloadKinds: ['StatefulSet', 'Deployment'], storage: 'always', provisioners: EBS, bindingModes: ['WaitForFirstConsumer'], pinZone: false, minNodes: 2, maxZones: 1, maxNodesPerZone: 3, operations: ['stop-instance', 'advance'] },
  /** Many claims per node. */
  'attach-limit': { workloadKinds: ['StatefulSet'], storage: 'always', provisioners: ['ebs.csi.aws.com'], ebsTypes: ['gp3'], bindingModes: ['WaitForFirstConsumer'], podManagementPolicies: ['Parallel'], instanceTypes: ['m5.large'], maxZones: 1, maxNodesPerZone: 1, pinZone: false, maxReplicas: 24, maxClaimsPerPod: 4, operations: ['advance'], maxCommands: 1 },
} as const satisfies Record<string, FuzzSpace>;

/** Spaces of the known-safe configurations. */
export const SAFE_SPACES = {
  /** StatefulSets with WaitForFirstConsumer EBS classes, any topology. */
  'statefulset-wffc': { workloadKinds: ['StatefulSet'], storage: 'always', provisioners: EBS, bindingModes: ['WaitForFirstConsumer'], maxZones: 3, operations: WORKLOAD_OPERATIONS },
  /** Deployments with the Recreate strategy on one node. */
  'deployment-recreate-one-node': { workloadKinds: ['Deployment'], strategies: ['Recreate'], storage: 'always', provisioners: EBS, maxZones: 1, maxNodesPerZone: 1, operations: WORKLOAD_OPERATIONS },
  /** Deployments sharing an EFS ReadWriteMany claim, any topology and strategy. */
  'efs-rwx': { workloadKinds: ['Deployment'], storage: 'always', provisioners: ['efs.csi.aws.com'], maxZones: 3, operations: WORKLOAD_OPERATIONS },
} as const satisfies Record<string, FuzzSpace>;

/** A pathology space's name. */
export type PathologySpaceName = keyof typeof PATHOLOGY_SPACES;
/** A safe space's name. */
export type SafeSpaceName = keyof typeof SAFE_SPACES;
