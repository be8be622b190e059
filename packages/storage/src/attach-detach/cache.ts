/**
 * The attach/detach controller's two caches: the desired state of the world (which volumes
 * should be attached to which node, for which pods) and the actual state (what is attached or
 * being attached, with detach request times).
 * @see kubernetes pkg/controller/volume/attachdetach/cache/{desired_state_of_world,actual_state_of_world}.go
 */
import type { Pod } from '../api-types.js';
import type { AttachableVolume } from './volume-spec.js';

/** A volume desired on one node. */
export interface VolumeToAttach {
  readonly volume: AttachableVolume;
  readonly nodeName: string;
  /** Pods on the node that use the volume, by `ns/name`. */
  readonly pods: Map<string, Pod>;
  multiAttachErrorReported: boolean;
}

/** Desired state: node → unique volume name → entry. */
export class DesiredStateOfWorld {
  private readonly nodes = new Map<string, Map<string, VolumeToAttach>>();

  /** Number of (volume, node) entries (O(nodes)). */
  get size(): number {
    let n = 0;
    for (const vols of this.nodes.values()) n += vols.size;
    return n;
  }

  /** Adds a pod's use of a volume on a node; returns whether the pod was new to the entry. */
  addPod(podKey: string, pod: Pod, volume: AttachableVolume, nodeName: string): boolean {
    let vols = this.nodes.get(nodeName);
    if (!vols) {
      vols = new Map();
      this.nodes.set(nodeName, vols);
    }
    let entry = vols.get(volume.uniqueName);
    if (!entry) {
      entry = { volume, nodeName, pods: new Map(), multiAttachErrorReported: false };
      vols.set(volume.uniqueName, entry);
    }
    const isNew = !entry.pods.has(podKey);
    entry.pods.set(podKey, pod);
    return isNew;
  }

  /**
   * Sets exactly the volumes a pod uses on a node (entries it leaves without pods disappear).
   * Returns whether the desired (volume, node) pairs or their pod sets changed.
   */
  setPodVolumes(podKey: string, pod: Pod, nodeName: string, volumes: readonly AttachableVolume[]): boolean {
    let changed = false;
    const keep = new Set(volumes.map((v) => v.uniqueName));
    const vols = this.nodes.get(nodeName);
    for (const [name, entry] of vols ?? []) {
      if (keep.has(name) || !entry.pods.has(podKey)) continue;
      changed = true;
      entry.pods.delete(podKey);
      if (entry.pods.size === 0) vols?.delete(name);
    }
    for (const v of volumes) changed = this.addPod(podKey, pod, v, nodeName) || changed;
    return changed;
  }

  /** Removes a pod from every volume entry on a node (entries without pods disappear); returns whether it was there. */
  deletePod(podKey: string, nodeName: string): boolean {
    const vols = this.nodes.get(nodeName);
    if (!vols) return false;
    let changed = false;
    for (const [name, entry] of vols) {
      changed = entry.pods.delete(podKey) || changed;
      if (entry.pods.size === 0) vols.delete(name);
    }
    if (vols.size === 0) this.nodes.delete(nodeName);
    return changed;
  }

  /** Drops a node and everything desired on it. */
  deleteNode(nodeName: string): void {
    this.nodes.delete(nodeName);
  }

  /** Whether a volume is desired on a node. */
  isDesired(uniqueName: string, nodeName: string): boolean {
    return this.nodes.get(nodeName)?.has(uniqueName) ?? false;
  }

  /** Every desired (volume, node), sorted by node then volume. */
  volumesToAttach(): VolumeToAttach[] {
    const out: VolumeToAttach[] = [];
    for (const node of [...this.nodes.keys()].sort()) {
      const vols = this.nodes.get(node) as Map<string, VolumeToAttach>;
      for (const name of [...vols.keys()].sort()) out.push(vols.get(name) as VolumeToAttach);
    }
    return out;
  }

  /** Pods that want the volume on the given nodes. */
  podsOnNodes(uniqueName: string, nodeNames: readonly string[]): Pod[] {
    const out: Pod[] = [];
    for (const n of nodeNames) for (const p of this.nodes.get(n)?.get(uniqueName)?.pods.values() ?? []) out.push(p);
    return out;
  }
}

/** One (volume, node) attachment as the controller knows it. */
export interface AttachedVolume {
  readonly volume: AttachableVolume;
  readonly nodeName: string;
  readonly instanceId: string;
  /** True once EC2 reports `attached`. */
  attached: boolean;
  devicePath: string;
  /** Virtual ms of the first reconcile that found it no longer desired. */
  detachRequestedAtMs?: number;
  /** True while a DetachVolume is in flight. */
  detaching: boolean;
}

/** Actual state: unique volume name → node → attachment. */
export class ActualStateOfWorld {
  private readonly volumes = new Map<string, Map<string, AttachedVolume>>();

  /** Number of attached (or attaching) volumes. */
  get size(): number {
    return this.volumes.size;
  }
  private readonly byNode = new Map<string, Set<string>>();

  add(entry: AttachedVolume): void {
    let names = this.byNode.get(entry.nodeName);
    if (!names) {
      names = new Set();
      this.byNode.set(entry.nodeName, names);
    }
    names.add(entry.volume.uniqueName);
    let nodes = this.volumes.get(entry.volume.uniqueName);
    if (!nodes) {
      nodes = new Map();
      this.volumes.set(entry.volume.uniqueName, nodes);
    }
    nodes.set(entry.nodeName, entry);
  }

  get(uniqueName: string, nodeName: string): AttachedVolume | undefined {
    return this.volumes.get(uniqueName)?.get(nodeName);
  }

  remove(uniqueName: string, nodeName: string): void {
    const nodes = this.volumes.get(uniqueName);
    nodes?.delete(nodeName);
    if (nodes?.size === 0) this.volumes.delete(uniqueName);
    const names = this.byNode.get(nodeName);
    names?.delete(uniqueName);
    if (names?.size === 0) this.byNode.delete(nodeName);
  }

  /** Nodes the volume is attached (or attaching) to, sorted. */
  nodesFor(uniqueName: string): string[] {
    return [...(this.volumes.get(uniqueName)?.keys() ?? [])].sort();
  }

  /** Every attachment, sorted by volume then node. */
  all(): AttachedVolume[] {
    const out: AttachedVolume[] = [];
    for (const v of [...this.volumes.keys()].sort()) {
      const nodes = this.volumes.get(v) as Map<string, AttachedVolume>;
      for (const n of [...nodes.keys()].sort()) out.push(nodes.get(n) as AttachedVolume);
    }
    return out;
  }

  /** Attachments of one volume, sorted by node. */
  forVolume(uniqueName: string): AttachedVolume[] {
    return this.nodesFor(uniqueName).map((n) => this.get(uniqueName, n) as AttachedVolume);
  }

  /** Attachments reported on a node, for node.status.volumesAttached. */
  attachedOnNode(nodeName: string): AttachedVolume[] {
    return [...(this.byNode.get(nodeName) ?? [])]
      .sort()
      .map((v) => this.get(v, nodeName) as AttachedVolume)
      .filter((a) => a.attached && !a.detaching);
  }
}
