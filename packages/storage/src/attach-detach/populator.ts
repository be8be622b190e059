/**
 * The desired-state populator: pods with `spec.nodeName` put their attachable volumes into the
 * desired state of their node; a pod leaves it when deleted or terminated (`IsPodTerminated`).
 * Pods whose claims are not bound yet are re-processed when the claim or PV changes.
 * @see kubernetes pkg/controller/volume/attachdetach/populator/desired_state_of_world_populator.go,
 *      attach_detach_controller.go (podAdd/podUpdate/podDelete, nodeAdd/nodeDelete)
 */
import type { ObjectStore } from '@kubesim/core';
import type { Pod } from '../api-types.js';
import { POD_BY_CLAIM } from '../pv-controller/indexes.js';
import type { DesiredStateOfWorld } from './cache.js';
import { type AttachableVolume, isPodTerminated, resolvePodVolume } from './volume-spec.js';

/** Pods by `spec.nodeName`. */
export const POD_BY_NODE = 'storage.pod.nodeName';

/** Keeps the desired state in step with pods. */
export class DesiredStateOfWorldPopulator {
  /** Node of every pod in the desired state, by `ns/name`. */
  private readonly podNode = new Map<string, string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly dsw: DesiredStateOfWorld,
  ) {
    store.addIndex<Pod>('Pod', POD_BY_NODE, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
  }

  /** Re-evaluates one pod (add/update), or removes it (`deleted`); returns whether the desired state changed. */
  processPod(pod: Pod, deleted = false): boolean {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const nodeName = pod.spec?.nodeName;
    const previous = this.podNode.get(key);
    let changed = false;
    if (previous && previous !== nodeName) changed = this.dsw.deletePod(key, previous);
    if (!nodeName || deleted || isPodTerminated(pod) || !this.store.get('Node', undefined, nodeName)) {
      if (nodeName) changed = this.dsw.deletePod(key, nodeName) || changed;
      this.podNode.delete(key);
      return changed;
    }
    const volumes: AttachableVolume[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      const r = resolvePodVolume(this.store, pod, v);
      if (r.kind === 'attachable') volumes.push(r.volume);
    }
    this.podNode.set(key, nodeName);
    return this.dsw.setPodVolumes(key, pod, nodeName, volumes) || changed;
  }

  /** Re-evaluates the pods that use a claim (it was bound, or its PV changed). */
  processClaim(claimKey: string): void {
    for (const pod of this.store.byIndex<Pod>('Pod', POD_BY_CLAIM, claimKey)) this.processPod(pod);
  }

  /** A node appeared or changed: re-evaluate its pods. */
  processNode(nodeName: string): void {
    for (const pod of this.store.byIndex<Pod>('Pod', POD_BY_NODE, nodeName)) this.processPod(pod);
  }

  /** A node was deleted: nothing is desired on it any more. */
  deleteNode(nodeName: string): void {
    this.dsw.deleteNode(nodeName);
    for (const [key, node] of [...this.podNode]) if (node === nodeName) this.podNode.delete(key);
  }
}
