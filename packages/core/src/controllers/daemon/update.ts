/**
 * The DaemonSet RollingUpdate strategy. Without surge it deletes just enough old pods to stay
 * within maxUnavailable (old pods that are unavailable anyway go first) and lets `manage` create
 * their replacements on the next sync. With surge (maxSurge > 0, maxUnavailable 0) it creates a
 * new pod beside the old one on up to maxSurge nodes at once, replaces unavailable old pods at
 * once, and deletes an old pod when the new pod on its node is available. Nodes are visited in name
 * order (upstream ranges over a map; ours must be defined).
 * @see kubernetes pkg/controller/daemon/update.go (rollingUpdate, findUpdatedPodsOnNode,
 * updatedDesiredNodeCounts)
 */
import type { NodeObject } from '../../kubelet/objects.js';
import { isPodAvailable, type PodObject } from '../replicaset/controller-utils.js';
import type { DaemonSyncContext, NodeToDaemonPods } from './daemon-sync.js';
import { getNodesToDaemonPods, syncNodes } from './daemon-sync.js';
import { type DaemonSetObject, getTemplateGeneration, isPodUpdated, surgeCount, unavailableCount } from './daemonset-util.js';
import { nodeShouldRunDaemonPod } from './node-should-run-daemon-pod.js';

/** `couldn't get node for nodeName %q: %v` with the node lister's NotFound error. */
export const nodeNotFoundMessage = (nodeName: string): string =>
  `couldn't get node for nodeName ${JSON.stringify(nodeName)}: node ${JSON.stringify(nodeName)} not found`;

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

/** What {@link updatedDesiredNodeCounts} computes. */
export interface DesiredNodeCounts {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
  readonly desiredNumberScheduled: number;
}

/**
 * `updatedDesiredNodeCounts`: maxSurge and maxUnavailable scaled to the nodes that should run a pod
 * (both 0 → unavailable 1); every such node gets an entry in `nodeToDaemonPods`.
 */
export function updatedDesiredNodeCounts(ds: DaemonSetObject, nodes: readonly NodeObject[], nodeToDaemonPods: NodeToDaemonPods): DesiredNodeCounts {
  let desiredNumberScheduled = 0;
  for (const node of nodes) {
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) continue;
    desiredNumberScheduled++;
    const name = node.metadata.name ?? '';
    if (!nodeToDaemonPods.has(name)) nodeToDaemonPods.set(name, []);
  }
  let maxUnavailable = unavailableCount(ds, desiredNumberScheduled);
  const maxSurge = surgeCount(ds, desiredNumberScheduled);
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

/** What one rolling update pass works with. */
interface UpdatePass {
  readonly c: DaemonSyncContext;
  readonly ds: DaemonSetObject;
  readonly nodeToDaemonPods: NodeToDaemonPods;
  readonly counts: DesiredNodeCounts;
  readonly hash: string;
  /** `podutil.IsPodAvailable(pod, ds.Spec.MinReadySeconds, now)`. */
  readonly isAvailable: (pod: PodObject) => boolean;
}

/**
 * `rollingUpdate`: the old pods to delete, or the nodes to create a new pod on beside the old one,
 * within the limits of the update strategy.
 */
export function rollingUpdate(c: DaemonSyncContext, ds: DaemonSetObject, nodes: readonly NodeObject[], pods: readonly PodObject[], hash: string): void {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const counts = updatedDesiredNodeCounts(ds, nodes, nodeToDaemonPods);
  const now = c.core.clock.now();
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const isAvailable = (pod: PodObject) => isPodAvailable(pod, minReady, now, (t) => c.core.clock.parse(t));
  const pass: UpdatePass = { c, ds, nodeToDaemonPods, counts, hash, isAvailable };
  if (counts.maxSurge === 0) rollingUpdateWithoutSurge(pass);
  else rollingUpdateWithSurge(pass, nodes);
}

/**
 * The maxSurge 0 branch: counts unavailable nodes, replaces unavailable old pods at once (each
 * counts as unavailable) and available old pods up to the remaining budget.
 */
function rollingUpdateWithoutSurge({ c, ds, nodeToDaemonPods, counts, hash, isAvailable }: UpdatePass): void {
  let numUnavailable = 0;
  const allowedReplacementPods: PodObject[] = [];
  const candidatePodsToDelete: PodObject[] = [];
  for (const nodeName of [...nodeToDaemonPods.keys()].sort()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName) ?? [], hash);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      // The manage loop creates or deletes here; the node counts as unavailable.
      numUnavailable++;
    } else if (newPod) {
      if (!isAvailable(newPod)) numUnavailable++;
    } else if (oldPod) {
      if (!isAvailable(oldPod)) {
        allowedReplacementPods.push(oldPod);
        numUnavailable++;
      } else if (numUnavailable < counts.maxUnavailable) candidatePodsToDelete.push(oldPod);
    }
  }
  const remaining = Math.min(Math.max(0, counts.maxUnavailable - numUnavailable), candidatePodsToDelete.length);
  syncNodes(c, ds, [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)], [], hash);
}

/**
 * The maxSurge > 0 branch. Per node: [case 1] excess pods: the manage loop prunes them, the node
 * counts as surging; [case 2] no old pod: nothing to do; [case 3] an unavailable old pod: a new pod
 * at once (or, on a node that should no longer run one, delete the old pod); [case 4] an available
 * old pod: a surge candidate (on a node that should no longer run one, deleted once enough pods are
 * available elsewhere); [case 5] old and new pod: wait for the new one to be available (surging),
 * then delete the old one.
 */
function rollingUpdateWithSurge({ c, ds, nodeToDaemonPods, counts, hash, isAvailable }: UpdatePass, nodes: readonly NodeObject[]): void {
  const nodesByName = new Map(nodes.map((n) => [n.metadata.name ?? '', n]));
  const shouldRun = (nodeName: string): boolean => {
    const node = nodesByName.get(nodeName);
    if (!node) throw new Error(nodeNotFoundMessage(nodeName));
    return nodeShouldRunDaemonPod(node, ds).shouldRun;
  };
  const oldPodsToDelete: PodObject[] = [];
  const shouldNotRunPodsToDelete: PodObject[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const nodeName of [...nodeToDaemonPods.keys()].sort()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, nodeToDaemonPods.get(nodeName) ?? [], hash);
    if (!ok) {
      numSurge++; // [case 1]
      continue;
    }
    // Availability counts every node, also those that should no longer run a pod.
    const current = oldPod ?? newPod;
    if (current && isAvailable(current)) numAvailable++;
    if (!oldPod) continue; // [case 2]
    if (!newPod && !isAvailable(oldPod)) {
      // [case 3]
      if (shouldRun(nodeName)) allowedNewNodes.push(nodeName);
      else oldPodsToDelete.push(oldPod);
    } else if (!newPod) {
      // [case 4]
      if (!shouldRun(nodeName)) shouldNotRunPodsToDelete.push(oldPod);
      else if (numSurge < counts.maxSurge) candidateNewNodes.push(nodeName);
    } else if (!isAvailable(newPod)) numSurge++; // [case 5] still surging
    else oldPodsToDelete.push(oldPod); // [case 5] the new pod is available
  }
  // With maxSurge the owner expects full availability: a pod on a node that should no longer run
  // one goes only when as many pods are available as nodes want one.
  const deletable = Math.min(numAvailable - counts.desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  for (const pod of shouldNotRunPodsToDelete.slice(0, Math.max(0, deletable))) {
    if (c.core.store.get<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '')) oldPodsToDelete.push(pod);
  }
  const remainingSurge = Math.min(Math.max(0, counts.maxSurge - numSurge), candidateNewNodes.length);
  syncNodes(c, ds, oldPodsToDelete, [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)], hash);
}
