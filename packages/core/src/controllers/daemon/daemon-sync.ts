/**
 * The DaemonSet algorithm: one daemon pod on every node that should run one. `manage` creates the
 * missing pods (each pinned to its node by a `matchFields` affinity, bound by the scheduler),
 * deletes failed pods (with back-off), extra pods (during a surge a node keeps one old and one new
 * pod) and pods on nodes that no longer should run one; then the update strategy; then the status,
 * which is written even when an earlier step failed.
 * @see kubernetes pkg/controller/daemon/daemon_controller.go (syncDaemonSet, manage,
 * podsShouldBeOnNode, syncNodes, updateDaemonSetStatus, getNodesToDaemonPods)
 */
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1';
import { isStatusError } from '../../api/errors.js';
import { omitZero } from '../../api/omit-empty.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import type { NodeObject } from '../../kubelet/objects.js';
import { DaemonSetReasons, WorkloadComponents } from '../events.js';
import { isEmptySelector } from '../replicaset/label-selector.js';
import { claimObjects } from '../replicaset/controller-ref-manager.js';
import { isPodAvailable, isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import type { PodControl } from '../replicaset/pod-control.js';
import { SLOW_START_INITIAL_BATCH_SIZE } from '../replicaset/defaults.js';
import type { SyncResult } from '../runtime/controller.js';
import type { RevisionObject } from '../statefulset/stateful-set-utils.js';
import { cleanupHistory, constructHistory } from './daemon-history.js';
import {
  allowsSurge,
  createPodTemplate,
  type DaemonSetObject,
  DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY,
  getTargetNodeName,
  getTemplateGeneration,
  isPodUpdated,
  replaceDaemonSetPodNodeNameNodeAffinity,
} from './daemonset-util.js';
import type { Backoff } from './failed-pods-backoff.js';
import { nodeShouldRunDaemonPod } from './node-should-run-daemon-pod.js';
import { rollingUpdate } from './update.js';

/** `BurstReplicas` (daemon_controller.go): at most this many creations or deletions per sync. */
export const DAEMON_BURST_REPLICAS = 250;

/** `Found failed daemon pod %s/%s on node %s, will try to kill it`. */
export const failedDaemonPodMessage = (namespace: string, pod: string, node: string): string =>
  `Found failed daemon pod ${namespace}/${pod} on node ${node}, will try to kill it`;
/** Message of the SelectingAll event. */
export const SELECTING_ALL_MESSAGE = 'This daemon set is selecting all pods. A non-empty selector is required.';

/** What one sync works with. */
export interface DaemonSyncContext {
  readonly core: CoreCluster;
  readonly podControl: PodControl;
  readonly failedPodsBackoff: Backoff;
  /** Smallest requeue delay asked for during the sync. */
  requeueAfterMs?: number;
}

/** Pods by the node they run on or are pinned to. */
export type NodeToDaemonPods = Map<string, PodObject[]>;

function requeueAfter(c: DaemonSyncContext, ms: number): void {
  c.requeueAfterMs = c.requeueAfterMs === undefined ? ms : Math.min(c.requeueAfterMs, ms);
}

/** `podByCreationTimestampAndPhase`: scheduled first, then oldest, then name. */
export function compareByCreationTimestampAndPhase(a: PodObject, b: PodObject): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** `getNodesToDaemonPods`: claimed pods by target node; deleted terminal pods only when asked. */
export function getNodesToDaemonPods(pods: readonly PodObject[], includeDeletedTerminal: boolean): NodeToDaemonPods {
  const out: NodeToDaemonPods = new Map();
  for (const pod of pods) {
    const terminal = pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
    if (!includeDeletedTerminal && terminal && pod.metadata.deletionTimestamp) continue;
    const node = getTargetNodeName(pod);
    if (node === undefined) continue;
    const list = out.get(node);
    if (list) list.push(pod);
    else out.set(node, [pod]);
  }
  return out;
}

/**
 * `podsShouldBeOnNode`: whether `node` needs a pod, and which of its pods to delete.
 * @remarks With surge allowed a node may run two pods during an update: the oldest old pod and the
 * oldest new pod (by the `controller-revision-hash` label). The old one goes when it is not ready,
 * or when the new one is available; every other pod goes at once.
 */
function podsShouldBeOnNode(c: DaemonSyncContext, ds: DaemonSetObject, node: NodeObject, nodeToDaemonPods: NodeToDaemonPods, hash: string, needing: string[], toDelete: PodObject[]): void {
  const nodeName = node.metadata.name ?? '';
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const daemonPods = nodeToDaemonPods.get(nodeName);
  if (shouldRun && !daemonPods) {
    // [case 1] the node should run a daemon pod and has none: create one.
    needing.push(nodeName);
  } else if (shouldContinueRunning) {
    // [case 2] failed pods are deleted (with back-off); the others are kept as below.
    const running: PodObject[] = [];
    for (const pod of daemonPods ?? []) {
      if (pod.metadata.deletionTimestamp) continue;
      if (pod.status?.phase !== 'Failed') {
        running.push(pod);
        continue;
      }
      const key = `${ds.metadata.uid}/${nodeName}`;
      const now = c.core.clock.now();
      if (c.failedPodsBackoff.isInBackOffSinceUpdate(key, now)) {
        requeueAfter(c, c.failedPodsBackoff.get(key));
        continue;
      }
      c.failedPodsBackoff.next(key, now);
      const msg = failedDaemonPodMessage(pod.metadata.namespace ?? '', pod.metadata.name ?? '', nodeName);
      c.core.recorder.event(ds, 'Warning', DaemonSetReasons.FailedDaemonPod, msg, WorkloadComponents.daemonSet);
      toDelete.push(pod);
    }
    running.sort(compareByCreationTimestampAndPhase);
    if (!allowsSurge(ds)) {
      // [case 2a] without surge the oldest stays.
      toDelete.push(...running.slice(1));
    } else if (running.length === 0) {
      // [case 2b] surging needs at least one live pod on the node.
      if (shouldRun) needing.push(nodeName);
    } else if (running.length > 1) {
      // [case 2c] the oldest old and oldest new pod may both stay during a surge.
      surgePodsToDelete(c, ds, running, hash, toDelete);
    }
  } else if (daemonPods) {
    // [case 3] the node should not run a daemon pod: delete every one there.
    for (const pod of daemonPods) if (!pod.metadata.deletionTimestamp) toDelete.push(pod);
  }
}

/**
 * The surge part of `podsShouldBeOnNode` for two or more live pods sorted oldest first: all but
 * the oldest new and oldest old pod go; the old one too when it is not ready or the new one is
 * available.
 */
function surgePodsToDelete(c: DaemonSyncContext, ds: DaemonSetObject, running: readonly PodObject[], hash: string, toDelete: PodObject[]): void {
  let oldestNewPod: PodObject | undefined;
  let oldestOldPod: PodObject | undefined;
  for (const pod of running) {
    if (pod.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] === hash) {
      if (!oldestNewPod) {
        oldestNewPod = pod;
        continue;
      }
    } else if (!oldestOldPod) {
      oldestOldPod = pod;
      continue;
    }
    toDelete.push(pod);
  }
  if (!oldestNewPod || !oldestOldPod) return;
  const now = c.core.clock.now();
  const newIsAvailable = isPodAvailable(oldestNewPod, ds.spec?.minReadySeconds ?? 0, now, (t) => c.core.clock.parse(t));
  if (!isPodReady(oldestOldPod) || newIsAvailable) toDelete.push(oldestOldPod);
}

/** Nodes sorted by name (upstream lists them in lister order; ours must be defined). */
export function listNodes(core: CoreCluster): NodeObject[] {
  return core.store.list<NodeObject>('Node');
}

/**
 * `syncNodes`: deletes `podsToDelete` and creates a pod per node in `nodesNeeding`, in slow-start
 * batches (1, 2, 4, …) that stop at the first failed batch. Returns whether anything was written.
 */
export function syncNodes(c: DaemonSyncContext, ds: DaemonSetObject, podsToDelete: readonly PodObject[], nodesNeeding: readonly string[], hash: string): boolean {
  const createDiff = Math.min(nodesNeeding.length, DAEMON_BURST_REPLICAS);
  const deleteDiff = Math.min(podsToDelete.length, DAEMON_BURST_REPLICAS);
  const template = createPodTemplate(ds.spec?.template, getTemplateGeneration(ds), hash);
  let firstError: unknown;
  let batchSize = Math.min(createDiff, SLOW_START_INITIAL_BATCH_SIZE);
  for (let pos = 0; createDiff > pos && firstError === undefined; pos += batchSize, batchSize = Math.min(2 * batchSize, createDiff - pos)) {
    for (let i = pos; i < pos + batchSize; i++) {
      const podTemplate = { ...template, spec: { ...template.spec!, affinity: replaceDaemonSetPodNodeNameNodeAffinity(template.spec?.affinity, nodesNeeding[i]) } };
      try {
        c.podControl.createPod(podTemplate, ds);
      } catch (e) {
        firstError ??= e;
      }
    }
  }
  for (const pod of podsToDelete.slice(0, deleteDiff)) {
    try {
      c.podControl.deletePod(pod, ds);
    } catch (e) {
      if (!isStatusError(e) || e.reason !== 'NotFound') firstError ??= e;
    }
  }
  if (firstError !== undefined) throw firstError;
  return createDiff + deleteDiff > 0;
}

/** `manage`: creations and deletions so each node has the daemon pods it should. */
function manage(c: DaemonSyncContext, ds: DaemonSetObject, nodes: readonly NodeObject[], pods: readonly PodObject[], hash: string): boolean {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const needing: string[] = [];
  const toDelete: PodObject[] = [];
  for (const node of nodes) podsShouldBeOnNode(c, ds, node, nodeToDaemonPods, hash, needing, toDelete);
  // `getUnscheduledPodsWithoutNode`: unbound pods pinned to a node that is gone.
  const known = new Set(nodes.map((n) => n.metadata.name));
  for (const [node, list] of [...nodeToDaemonPods].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (known.has(node)) continue;
    for (const pod of list) if (!pod.spec?.nodeName && !pod.metadata.deletionTimestamp) toDelete.push(pod);
  }
  return syncNodes(c, ds, toDelete, needing, hash);
}

/** `updateDaemonSetStatus`: counts over the nodes that should run a pod and those that have one. */
export function calculateStatus(c: DaemonSyncContext, ds: DaemonSetObject, nodes: readonly NodeObject[], pods: readonly PodObject[], hash: string, updateObservedGen: boolean): DaemonSetStatus {
  const nodeToDaemonPods = getNodesToDaemonPods(pods, false);
  const generation = getTemplateGeneration(ds);
  const now = c.core.clock.now();
  const parse = (t: string) => c.core.clock.parse(t);
  const st = { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, updatedNumberScheduled: 0, numberAvailable: 0 };
  for (const node of nodes) {
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    const daemonPods = nodeToDaemonPods.get(node.metadata.name ?? '') ?? [];
    const scheduled = daemonPods.length > 0;
    if (!shouldRun) {
      if (scheduled) st.numberMisscheduled++;
      continue;
    }
    st.desiredNumberScheduled++;
    if (!scheduled) continue;
    st.currentNumberScheduled++;
    const pod = [...daemonPods].sort(compareByCreationTimestampAndPhase)[0];
    if (isPodReady(pod)) {
      st.numberReady++;
      if (isPodAvailable(pod, ds.spec?.minReadySeconds ?? 0, now, parse)) st.numberAvailable++;
    }
    if (isPodUpdated(pod, hash, generation)) st.updatedNumberScheduled++;
  }
  const status: DaemonSetStatus = {
    currentNumberScheduled: st.currentNumberScheduled,
    numberMisscheduled: st.numberMisscheduled,
    desiredNumberScheduled: st.desiredNumberScheduled,
    numberReady: st.numberReady,
    observedGeneration: updateObservedGen ? (ds.metadata.generation ?? 1) : (ds.status?.observedGeneration ?? 0),
    updatedNumberScheduled: st.updatedNumberScheduled,
    numberAvailable: st.numberAvailable,
    numberUnavailable: st.desiredNumberScheduled - st.numberAvailable,
    ...(ds.status?.collisionCount !== undefined ? { collisionCount: ds.status.collisionCount } : {}),
    ...(ds.status?.conditions ? { conditions: ds.status.conditions } : {}),
  };
  // The four counts above are always written; these are omitempty (apps/v1 DaemonSetStatus).
  return omitZero(status, ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']);
}

/** `syncDaemonSet`: one reconcile of the DaemonSet at `namespace/name`. */
export function syncDaemonSet(c: DaemonSyncContext, namespace: string, name: string): SyncResult {
  const ds = c.core.store.get<DaemonSetObject>('DaemonSet', namespace, name);
  if (!ds) return;
  if (isEmptySelector(ds.spec?.selector)) {
    c.core.recorder.event(ds, 'Warning', DaemonSetReasons.SelectingAll, SELECTING_ALL_MESSAGE, WorkloadComponents.daemonSet);
    return;
  }
  // A DaemonSet being deleted: its history may be gone already, so neither pods nor status change.
  if (ds.metadata.deletionTimestamp) return;
  const nodes = listNodes(c.core);
  const { cur, old } = constructHistory(c.core, ds);
  const hash = cur.metadata.labels?.[DEFAULT_DAEMONSET_UNIQUE_LABEL_KEY] ?? '';
  const claimed = () => claimObjects<PodObject>(c.core.api, 'Pod', ds, ds.spec?.selector);
  // The status is written even when the update failed; the error then requeues the set.
  let updateError: { readonly error: unknown } | undefined;
  try {
    updateDaemonSet(c, ds, nodes, claimed, hash, old);
  } catch (error) {
    updateError = { error };
  }
  const status = calculateStatus(c, ds, nodes, claimed(), hash, true);
  // No write when unchanged (updateStatus compares).
  c.core.api.updateStatus<DaemonSetObject>('DaemonSet', namespace, name, status);
  if (updateError) throw updateError.error;
  const minReady = ds.spec?.minReadySeconds ?? 0;
  if (minReady > 0 && status.numberReady !== (status.numberAvailable ?? 0)) requeueAfter(c, minReady * 1000);
  return c.requeueAfterMs === undefined ? undefined : { requeueAfterMs: c.requeueAfterMs };
}

/** `updateDaemonSet`: `manage`, then the update strategy, then history cleanup; stops at the first error. */
function updateDaemonSet(c: DaemonSyncContext, ds: DaemonSetObject, nodes: readonly NodeObject[], claimed: () => PodObject[], hash: string, old: readonly RevisionObject[]): void {
  // Writes land synchronously: a sync that created or deleted pods leaves the update strategy to
  // the next one, as upstream's unsatisfied expectations do.
  const wrote = manage(c, ds, nodes, claimed(), hash);
  if (!wrote && ds.spec?.updateStrategy?.type === 'RollingUpdate') rollingUpdate(c, ds, nodes, claimed(), hash);
  cleanupHistory(c.core, ds, old, claimed());
}
