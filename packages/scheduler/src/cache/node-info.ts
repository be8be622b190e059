/**
 * Node-level aggregates kept incrementally: requested resources, pods, PVC reference counts,
 * inline EBS volumes and attachable volumes per CSI driver (`framework.NodeInfo`).
 * @see kubernetes pkg/scheduler/framework/types.go (NodeInfo)
 */
import { intValue, milliValue, parseQuantity } from '../api/quantity.js';
import type { Node, Taint } from '../api/types.js';
import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import type { PodInfo } from '../framework/pod-info.js';
import { FLAG_HOSTNAME, FLAG_TAINTED, FLAG_UNSCHEDULABLE, NodeTable } from './node-table.js';

const NO_VOLUMES: readonly AttachableVolume[] = Object.freeze([]);

/** The table every `snapshot()` copy writes to (id 0, overwritten by each; never read). */
const SNAPSHOT_TABLE = new NodeTable();

/** Allocatable resources of a node. */
export interface Allocatable {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  readonly pods: number;
}

/** One attachable volume a pod on the node uses: its CSI driver and a unique handle. */
export interface AttachableVolume {
  readonly driver: string;
  readonly handle: string;
}

/** Aggregated state of one node. */
export class NodeInfo {
  node!: Node;
  labels!: Readonly<Record<string, string>>;
  allocatable!: Allocatable;
  readonly requested = { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 };
  /** Pods on the node (bound or assumed), by key. */
  readonly pods = new Map<string, PodInfo>();
  /** Pods with required anti-affinity on the node. */
  podsWithRequiredAntiAffinity = 0;
  /** `namespace/claim` → number of pods on the node using it. */
  readonly pvcRefCounts = new Map<string, number>();
  /** Inline EBS volume ID → number of pods using it. */
  readonly inlineEbs = new Map<string, number>();
  /** driver → handle → number of pods using it. */
  readonly attached = new Map<string, Map<string, number>>();
  /** Attachable volumes per pod key, as counted when the pod was added. */
  readonly podAttachables = new Map<string, readonly AttachableVolume[]>();
  /** CSINode `allocatable.count` per driver (set with `setCSILimits`). */
  csiLimits: ReadonlyMap<string, number> = new Map();

  /** Node name. */
  readonly name: string;
  /**
   * Small integer naming this NodeInfo in the cache's indexes (selector counts). Reused only
   * after the NodeInfo is gone, when no pod on it is counted anywhere.
   */
  readonly id: number;
  /** `topology.kubernetes.io/zone` label (fast path for spreading). */
  zone: string | undefined;
  /** `kubernetes.io/hostname` label. */
  hostname: string | undefined;
  /** `spec.unschedulable` (copied so Filter need not reach into the Node object). */
  unschedulable = false;
  /** `spec.taints`, undefined when there are none. */
  taints: readonly Taint[] | undefined;
  /** Number of pods on the node (`pods.size`, kept as a plain field for Filter). */
  numPods = 0;

  constructor(
    node: Node,
    id: number,
    private readonly table: NodeTable,
  ) {
    this.name = node.metadata.name as string;
    this.id = id;
    table.ensure(id);
    table.clearDrivers(id);
    this.setNode(node);
    this.writeRequested();
  }

  /**
   * A detached copy (`NodeInfo.Snapshot`): pods can be removed from it and added back without
   * touching the cache (preemption's dry run, nominated pods). Copies write their numbers to one
   * shared scratch table that nothing reads (Filter reads the NodeInfo's own fields), so a copy
   * costs no table of its own (a table keeps a 64 KiB touch log).
   */
  snapshot(): NodeInfo {
    const copy = new NodeInfo(this.node, 0, SNAPSHOT_TABLE);
    copy.setCSILimits(this.csiLimits);
    for (const [key, pi] of this.pods) copy.addPod(pi, this.podAttachables.get(key) ?? NO_VOLUMES);
    return copy;
  }

  /** Sets the CSINode attach limits per driver. */
  setCSILimits(limits: ReadonlyMap<string, number>): void {
    this.csiLimits = limits;
    this.table.setAttachLimits(this.id, limits);
  }

  /** Replaces the node object (labels, allocatable, taints). */
  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata.labels ?? {};
    this.zone = this.labels[LABEL_TOPOLOGY_ZONE];
    this.hostname = this.labels[LABEL_HOSTNAME];
    this.allocatable = allocatableOf(node);
    this.unschedulable = Boolean(node.spec?.unschedulable);
    this.taints = node.spec?.taints && node.spec.taints.length > 0 ? node.spec.taints : undefined;
    const t = this.table;
    const id = this.id;
    t.allocMilliCPU[id] = this.allocatable.milliCPU;
    t.allocMemory[id] = this.allocatable.memory;
    t.allocEphemeralStorage[id] = this.allocatable.ephemeralStorage;
    t.allocPods[id] = this.allocatable.pods;
    t.touch(id);
    t.setFlags(id, (this.unschedulable ? FLAG_UNSCHEDULABLE : 0) | (this.taints ? FLAG_TAINTED : 0) | (this.hostname !== undefined ? FLAG_HOSTNAME : 0));
    t.zone[id] = t.zoneOf(this.zone);
  }

  /** Adds a pod's contribution (`NodeInfo.AddPodInfo`). */
  addPod(pi: PodInfo, volumes: readonly AttachableVolume[]): void {
    this.pods.set(pi.key, pi);
    this.numPods = this.pods.size;
    this.update(pi, 1);
    if (pi.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity++;
    for (const c of pi.claimNames) bump(this.pvcRefCounts, `${pi.namespace}/${c}`, 1);
    for (const id of pi.inlineEbsVolumeIds) bump(this.inlineEbs, id, 1);
    if (volumes.length > 0) this.podAttachables.set(pi.key, volumes);
    for (const v of volumes) {
      let m = this.attached.get(v.driver);
      if (!m) {
        m = new Map();
        this.attached.set(v.driver, m);
      }
      bump(m, v.handle, 1);
      this.table.setAttached(this.id, v.driver, m.size);
    }
  }

  /** Removes a pod's contribution (`NodeInfo.RemovePod`). Returns whether it was there. */
  removePod(key: string): boolean {
    const pi = this.pods.get(key);
    if (!pi) return false;
    this.pods.delete(key);
    this.numPods = this.pods.size;
    this.update(pi, -1);
    if (pi.requiredAntiAffinity.length > 0) this.podsWithRequiredAntiAffinity--;
    for (const c of pi.claimNames) bump(this.pvcRefCounts, `${pi.namespace}/${c}`, -1);
    for (const id of pi.inlineEbsVolumeIds) bump(this.inlineEbs, id, -1);
    for (const v of this.podAttachables.get(key) ?? []) {
      const m = this.attached.get(v.driver);
      if (!m) continue;
      bump(m, v.handle, -1);
      this.table.setAttached(this.id, v.driver, m.size);
    }
    this.podAttachables.delete(key);
    return true;
  }

  private update(pi: PodInfo, sign: number): void {
    this.requested.milliCPU += sign * pi.requests.milliCPU;
    this.requested.memory += sign * pi.requests.memory;
    this.requested.ephemeralStorage += sign * pi.requests.ephemeralStorage;
    this.nonZeroRequested.milliCPU += sign * pi.nonZero.milliCPU;
    this.nonZeroRequested.memory += sign * pi.nonZero.memory;
    this.writeRequested();
  }

  /** Copies the pod count and requested sums to the node table. */
  private writeRequested(): void {
    const t = this.table;
    const id = this.id;
    t.numPods[id] = this.numPods;
    t.reqMilliCPU[id] = this.requested.milliCPU;
    t.reqMemory[id] = this.requested.memory;
    t.reqEphemeralStorage[id] = this.requested.ephemeralStorage;
    t.nonZeroMilliCPU[id] = this.nonZeroRequested.milliCPU;
    t.nonZeroMemory[id] = this.nonZeroRequested.memory;
    t.touch(id);
  }
}

/** A node's value for a topology key, with fast paths for zone and hostname. */
export function topologyValue(ni: NodeInfo, key: string): string | undefined {
  if (key === LABEL_TOPOLOGY_ZONE) return ni.zone;
  if (key === LABEL_HOSTNAME) return ni.hostname;
  return ni.labels[key];
}

function bump(m: Map<string, number>, key: string, delta: number): void {
  const n = (m.get(key) ?? 0) + delta;
  if (n <= 0) m.delete(key);
  else m.set(key, n);
}

/** Reads `status.allocatable` (cpu, memory, ephemeral-storage, pods). */
export function allocatableOf(node: Node): Allocatable {
  const a = node.status?.allocatable ?? {};
  return {
    milliCPU: a.cpu !== undefined ? milliValue(a.cpu) : 0,
    memory: a.memory !== undefined ? parseQuantity(a.memory) : 0,
    ephemeralStorage: a['ephemeral-storage'] !== undefined ? parseQuantity(a['ephemeral-storage']) : 0,
    pods: a.pods !== undefined ? intValue(a.pods) : 0,
  };
}
