/**
 * The pods nominated to nodes by preemption and not yet bound (`PodNominator`): a Filter run for
 * another pod of no higher priority counts them on their node, so the room preemption made is
 * kept for them while their victims terminate.
 * @see kubernetes pkg/scheduler/backend/queue/nominator.go
 */
import type { PodInfo } from '../framework/pod-info.js';

const NONE: readonly PodInfo[] = Object.freeze([]);

/** Nominated pods by node, in the order they were nominated. */
export class PodNominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  /** Whether any pod is nominated anywhere (the common case is none). */
  get empty(): boolean {
    return this.nodeOf.size === 0;
  }

  /** Records `pi` as nominated to `node` (`AddNominatedPod`), replacing an earlier nomination. */
  add(pi: PodInfo, node: string): void {
    const was = this.nodeOf.get(pi.key);
    if (was !== undefined && was !== node) this.delete(pi.key);
    let pods = this.byNode.get(node);
    if (!pods) {
      pods = new Map();
      this.byNode.set(node, pods);
    }
    pods.set(pi.key, pi);
    this.nodeOf.set(pi.key, node);
  }

  /** Forgets the nomination of a pod (`DeleteNominatedPodIfExists`). */
  delete(key: string): void {
    if (this.nodeOf.size === 0) return;
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const pods = this.byNode.get(node);
    pods?.delete(key);
    if (pods?.size === 0) this.byNode.delete(node);
  }

  /** Whether some pod is nominated to `node`. */
  has(node: string): boolean {
    return this.byNode.has(node);
  }

  /** The pods nominated to `node` (`NominatedPodsForNode`). */
  forNode(node: string): readonly PodInfo[] {
    const pods = this.byNode.get(node);
    return pods ? [...pods.values()] : NONE;
  }
}
