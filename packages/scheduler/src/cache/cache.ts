/**
 * The scheduler cache: NodeInfo per node, assigned and assumed pods, cluster-wide PVC users, and
 * the selector count index; all updated incrementally from watch events and assume/forget.
 *
 * Design: a pod is "assumed" on its chosen node as soon as a host is picked, so the next cycle
 * sees its requests while the binding (maybe waiting on volumes) is still in flight. The watch
 * event that shows `spec.nodeName` confirms it; forget removes it on binding failure. Node order
 * interleaves zones like upstream's nodeTree, rebuilt only when nodes come or go.
 * @see kubernetes pkg/scheduler/backend/cache/cache.go, node_tree.go
 */
import type { CSINode, Node, Pod } from '../api/types.js';
import { LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import type { PodInfo } from '../framework/pod-info.js';
import { type AttachableVolume, NodeInfo } from './node-info.js';
import { NodeTable } from './node-table.js';
import { TopologyCountIndex } from './topology-counts.js';

/** Resolves the attachable volumes of a pod at the time it is added. */
export type AttachableResolver = (pi: PodInfo) => readonly AttachableVolume[];

/** The cache. */
export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  /** NodeInfo by `id`; ids of deleted NodeInfos are reused (`freeIds`). */
  private readonly byId: (NodeInfo | undefined)[] = [];
  private readonly freeIds: number[] = [];
  /** Nodes known from the API (placeholders for pods on unknown nodes are not listed). */
  private readonly realNodes = new Set<string>();
  private order: NodeInfo[] | undefined;
  private orderIds = new Int32Array(0);
  /** Every NodeInfo's numbers by id, for batched Filter and Score. */
  readonly table = new NodeTable();
  private readonly podNode = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private readonly pvcUsers = new Map<string, number>();
  private readonly csiLimits = new Map<string, Map<string, number>>();
  /** Pods (assigned or assumed) with required anti-affinity terms. */
  readonly antiAffinityPods = new Map<string, PodInfo>();
  readonly topology: TopologyCountIndex;

  constructor(private readonly resolveAttachables: AttachableResolver) {
    this.topology = new TopologyCountIndex({
      nodeInfoById: (id) => this.byId[id],
      allNodeInfos: () => this.infos.values(),
    });
  }

  /** NodeInfo by node name (only for nodes that exist). */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.realNodes.has(name) ? this.infos.get(name) : undefined;
  }

  /** NodeInfo by `NodeInfo.id` (only for nodes that exist). */
  nodeInfoById(id: number): NodeInfo | undefined {
    const ni = this.byId[id];
    return ni !== undefined && this.realNodes.has(ni.name) ? ni : undefined;
  }

  private newNodeInfo(node: Node): NodeInfo {
    const id = this.freeIds.pop() ?? this.byId.length;
    const ni = new NodeInfo(node, id, this.table);
    this.byId[id] = ni;
    this.infos.set(ni.name, ni);
    return ni;
  }

  private deleteNodeInfo(ni: NodeInfo): void {
    this.infos.delete(ni.name);
    this.table.setFlags(ni.id, 0);
    this.table.clearDrivers(ni.id);
    this.byId[ni.id] = undefined;
    this.freeIds.push(ni.id);
  }

  /** Number of nodes. */
  get nodeCount(): number {
    return this.realNodes.size;
  }

  /** All nodes, zones interleaved (node_tree.go `list`). */
  nodeList(): readonly NodeInfo[] {
    if (this.order) return this.order;
    const zones = new Map<string, NodeInfo[]>();
    for (const name of this.realNodes) {
      const ni = this.infos.get(name) as NodeInfo;
      const zone = ni.labels[LABEL_TOPOLOGY_ZONE] ?? '';
      const list = zones.get(zone);
      if (list) list.push(ni);
      else zones.set(zone, [ni]);
    }
    const out: NodeInfo[] = [];
    const lists = [...zones.values()];
    for (let i = 0; out.length < this.realNodes.size; i++) {
      for (const l of lists) if (i < l.length) out.push(l[i]);
    }
    this.order = out;
    this.orderIds = Int32Array.from(out, (ni) => ni.id);
    this.table.setListed(out, this.orderIds);
    const byName = [...out].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let r = 0; r < byName.length; r++) this.table.nameRank[byName[r].id] = r;
    return out;
  }

  /** `NodeInfo.id` of each node of `nodeList()`, in the same order. */
  nodeIds(): Int32Array {
    this.nodeList();
    return this.orderIds;
  }

  /** Adds or updates a node. Returns whether its labels changed. */
  setNode(node: Node): boolean {
    const name = node.metadata.name as string;
    let ni = this.infos.get(name);
    let labelsChanged = true;
    if (ni) {
      labelsChanged = ni.labels !== (node.metadata.labels ?? {}) && JSON.stringify(ni.labels) !== JSON.stringify(node.metadata.labels ?? {});
      ni.setNode(node);
    } else {
      ni = this.newNodeInfo(node);
    }
    ni.setCSILimits(this.csiLimits.get(name) ?? new Map());
    if (!this.realNodes.has(name)) {
      this.realNodes.add(name);
      this.order = undefined;
    } else if (labelsChanged) {
      this.order = undefined;
    }
    if (labelsChanged) this.topology.invalidateDomains();
    return labelsChanged;
  }

  /** Removes a node (its pods stay as a placeholder until they are deleted). */
  removeNode(name: string): void {
    if (this.realNodes.delete(name)) this.order = undefined;
    const ni = this.infos.get(name);
    if (ni && ni.pods.size === 0) this.deleteNodeInfo(ni);
  }

  /** Sets a node's CSI attach limits from its CSINode. */
  setCSINode(csiNode: CSINode, deleted = false): void {
    const name = csiNode.metadata.name as string;
    const limits = new Map<string, number>();
    if (!deleted) {
      for (const d of csiNode.spec.drivers ?? []) if (d.allocatable?.count !== undefined) limits.set(d.name, d.allocatable.count);
    }
    this.csiLimits.set(name, limits);
    const ni = this.infos.get(name);
    if (ni) ni.setCSILimits(limits);
  }

  /** The node a pod is on (assigned or assumed). */
  nodeOf(podKey: string): string | undefined {
    return this.podNode.get(podKey);
  }

  /** Whether a pod is assumed (chosen but not yet seen bound). */
  isAssumed(podKey: string): boolean {
    return this.assumed.has(podKey);
  }

  /** Number of pods in the cluster using a claim (`StorageInfos().IsPVCUsedByPods`). */
  pvcUserCount(pvcKey: string): number {
    return this.pvcUsers.get(pvcKey) ?? 0;
  }

  /** Adds (or replaces) a pod on a node. `assumed` marks a pod not yet bound in the API. */
  addPod(pi: PodInfo, nodeName: string, assumed = false): void {
    if (this.podNode.has(pi.key)) this.removePod(pi.key);
    let ni = this.infos.get(nodeName);
    ni ??= this.newNodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName } });
    ni.addPod(pi, this.resolveAttachables(pi));
    this.podNode.set(pi.key, nodeName);
    if (assumed) this.assumed.add(pi.key);
    for (const c of pi.claimNames) bump(this.pvcUsers, `${pi.namespace}/${c}`, 1);
    if (pi.requiredAntiAffinity.length > 0) this.antiAffinityPods.set(pi.key, pi);
    this.topology.onPod(pi, ni, 1);
  }

  /** The bound pod was seen in the API on its assumed node: it is no longer just assumed. */
  confirmPod(pod: Pod, podKey: string, nodeName: string): boolean {
    if (!this.assumed.has(podKey) || this.podNode.get(podKey) !== nodeName) return false;
    this.assumed.delete(podKey);
    const pi = this.infos.get(nodeName)?.pods.get(podKey);
    if (pi) pi.pod = pod;
    return true;
  }

  /** Removes a pod wherever it is. Returns its PodInfo if it was cached. */
  removePod(podKey: string): PodInfo | undefined {
    const nodeName = this.podNode.get(podKey);
    if (nodeName === undefined) return undefined;
    const ni = this.infos.get(nodeName) as NodeInfo;
    const pi = ni.pods.get(podKey) as PodInfo;
    this.topology.onPod(pi, ni, -1);
    ni.removePod(podKey);
    this.podNode.delete(podKey);
    this.assumed.delete(podKey);
    this.antiAffinityPods.delete(podKey);
    for (const c of pi.claimNames) bump(this.pvcUsers, `${pi.namespace}/${c}`, -1);
    if (!this.realNodes.has(nodeName) && ni.pods.size === 0) this.deleteNodeInfo(ni);
    return pi;
  }

  /** Iterates every cached pod with its node. */
  *allPods(): IterableIterator<[PodInfo, NodeInfo]> {
    for (const ni of this.infos.values()) for (const pi of ni.pods.values()) yield [pi, ni];
  }
}

function bump(m: Map<string, number>, key: string, delta: number): void {
  const n = (m.get(key) ?? 0) + delta;
  if (n <= 0) m.delete(key);
  else m.set(key, n);
}
