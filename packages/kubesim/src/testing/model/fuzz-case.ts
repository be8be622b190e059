/**
 * The fuzz case: plain, serialisable data describing one generated scenario's starting point —
 * a topology, StorageClasses and workloads. Arbitraries generate it, the runner renders it into
 * manifests, and a regression entry stores it verbatim so it replays even when arbitraries change.
 */

/** A group of identical nodes in one zone. */
export interface NodeGroupSpec {
  readonly zone: string;
  readonly count: number;
  readonly instanceType: string;
}

/** A cluster topology: zones (1–3) and node groups (1–4 nodes per zone). */
export interface TopologySpec {
  readonly zones: readonly string[];
  readonly nodes: readonly NodeGroupSpec[];
}

/** Provisioners a generated StorageClass can name. */
export type ProvisionerName = 'ebs.csi.aws.com' | 'kubernetes.io/aws-ebs' | 'efs.csi.aws.com';

/** A StorageClass. */
export interface StorageClassSpec {
  readonly name: string;
  readonly provisioner: ProvisionerName;
  /** EBS volume type (`gp3`, `gp2`, `io1`, …); ignored for EFS. */
  readonly type: string;
  readonly bindingMode: 'Immediate' | 'WaitForFirstConsumer';
  readonly reclaimPolicy: 'Delete' | 'Retain';
  /** `allowedTopologies` zones; empty means unrestricted. */
  readonly allowedZones: readonly string[];
}

/** A workload: a Deployment with an optional shared claim, or a StatefulSet with claim templates. */
export interface WorkloadSpec {
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly name: string;
  readonly replicas: number;
  /** Deployment strategy. */
  readonly strategy: 'RollingUpdate' | 'Recreate';
  /** StatefulSet pod management policy. */
  readonly podManagementPolicy: 'OrderedReady' | 'Parallel';
  /** Deployment: the shared claim, if any. StatefulSet: the claim templates' storage. */
  readonly storage?: { readonly className: string; readonly accessMode: 'ReadWriteOnce' | 'ReadWriteMany'; readonly sizeGiB: number };
  /** StatefulSet: number of claim templates (Deployments share at most one claim). */
  readonly claimsPerPod: number;
  /** A `topology.kubernetes.io/zone` nodeSelector, if any. */
  readonly zone?: string;
}

/** One generated scenario's starting point. */
export interface FuzzCase {
  /** The cluster seed (scheduler ties, names, latencies). */
  readonly seed: number;
  readonly topology: TopologySpec;
  readonly storageClasses: readonly StorageClassSpec[];
  readonly workloads: readonly WorkloadSpec[];
}

/** Node count of a topology. */
export function nodeCount(t: TopologySpec): number {
  return t.nodes.reduce((n, g) => n + g.count, 0);
}

/** A one-line summary (`2 zones, 3 nodes; Deployment web ×2 (RWO ebs-csi gp3 WaitForFirstConsumer)`). */
export function describeCase(c: FuzzCase): string {
  const classes = new Map(c.storageClasses.map((s) => [s.name, s]));
  const wl = c.workloads.map((w) => {
    const sc = w.storage ? classes.get(w.storage.className) : undefined;
    const st = w.storage ? ` (${w.storage.accessMode === 'ReadWriteOnce' ? 'RWO' : 'RWX'} ${sc?.provisioner ?? '?'} ${sc?.bindingMode ?? ''}${w.kind === 'StatefulSet' ? ` ×${w.claimsPerPod} claims` : ''})` : '';
    const how = w.kind === 'Deployment' ? ` ${w.strategy}` : ` ${w.podManagementPolicy}`;
    return `${w.kind} ${w.name} ×${w.replicas}${how}${st}${w.zone ? ` in ${w.zone}` : ''}`;
  });
  return `${c.topology.zones.length} zone(s), ${nodeCount(c.topology)} node(s); ${wl.join('; ')}`;
}
