/**
 * The DaemonSet RollingUpdate strategy without surge: delete just enough old pods to stay within
 * maxUnavailable (old pods that are unavailable anyway go first), and let `manage` create their
 * replacements on the next sync. Nodes are visited in name order.
 * @see kubernetes pkg/controller/daemon/update.go (rollingUpdate, findUpdatedPodsOnNode,
 * updatedDesiredNodeCounts)
 */
import type { NodeObject } from '../../kubelet/objects.js';
import { isPodAvailable, type PodObject } from '../replicaset/controller-utils.js';
import type { DaemonSyncContext, NodeToDaemonPods } from './daemon-sync.js';
import { getNodesToDaemonPods, syncNodes } from './daemon-sync.js';
import { type DaemonSetObject, getTemplateGeneration, isPodUpdated, surgeCount, unavailableCount } from './daemonset-util.js';
import { nodeShouldRunDaemonPod } from './node-should-run-daemon-pod.js';

/** `findUpdatedPodsOnNode`: the node's one new and one old live pod; `ok` false when there are more. */
export function findUpdatedPodsOnNode(ds: DaemonSetObject, pods: readonly PodObject[], hash: string): { newPod?: PodObject; oldPod?: PodObject; ok: boolean } {
  let newPod: PodObject | undefined;
  let oldPod: PodObject | undefined;
  const generation = getTemplateGeneration(ds);
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * `updatedDesiredNodeCounts`: maxSurge and maxUnavailable scaled to the nodes that should run a pod
 * (both 0 → unavailable 1); every such node gets an entry in `nodeToDaemonPods`.
 */
export function updatedDesiredNodeCounts(ds: DaemonSetObject, nodes: readonly NodeObject[], nodeToDaemonPods: NodeToDaemonPods): { maxSurge: number; maxUnavailable: number } {
  let desired = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desired++;
    const name = node.metadata.name ?? '';
    if (!nodeToDaemonPods.has(name)) nodeToDaemonPods.set(name, []);
  }
  let maxUnavailable = unavailableCount(ds, desired);
  const maxSurge = surgeCount(ds, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/**
 * `rollingUpdate` (maxSurge 0): counts unavailable nodes, replaces unavailable old pods at once and
 * available old pods up to the remaining budget.
 * @remarks A surge configuration (maxSurge > 0) is treated as maxSurge 0 (not modelled).
 */
export function rollingUpdate(c: DaemonSyncContext, ds: DaemonSetObject, nodes: readonly NodeObject[], pods: readonly PodObject[], hash: string): void {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const { maxUnavailable } = updatedDesiredNodeCounts(ds, nodes, nodeToDaemonPods);
  const now = c.core.clock.now();
  const parse = (t: string) => c.core.clock.parse(t);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let numUnavailable = 0;
  const allowedReplacementPods: PodObject[] = [];
  const candidatePodsToDelete: PodObject[] = [];
  for (const nodeName of [...nodeToDaemonPods.keys()].sort()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName) ?? [], hash);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      // The manage loop creates or deletes here; the node counts as unavailable.
      numUnavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReady, now, parse)) numUnavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReady, now, parse)) allowedReplacementPods.push(oldPod);
      else if (numUnavailable < maxUnavailable) candidatePodsToDelete.push(oldPod);
    }
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidatePodsToDelete.length);
  syncNodes(c, ds, [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)], [], hash);
}
