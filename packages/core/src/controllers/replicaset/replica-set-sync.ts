/**
 * The ReplicaSet algorithm: claim pods, create the missing ones, delete the extras in upstream
 * preference order, and compute the status.
 * @see kubernetes pkg/controller/replicaset/replica_set.go (syncReplicaSet, manageReplicas,
 * getPodsToDelete), replica_set_utils.go (calculateStatus)
 */
import { omitZero } from '../../api/omit-empty.js';
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { WorkloadReasons } from '../events.js';
import type { SyncResult } from '../runtime/controller.js';
import { compareForDeletion, getPodReadyCondition, isPodActive, isPodAvailable, isPodReady, type PodObject } from './controller-utils.js';
import { claimObjects, ownedBy } from './controller-ref-manager.js';
import { BURST_REPLICAS, DEFAULT_REPLICAS } from './defaults.js';
import type { PodControl } from './pod-control.js';

/** A stored ReplicaSet. */
export type ReplicaSetObject = ReplicaSet & KubeObject;

/** `spec.replicas` with the apps/v1 default applied. */
export function rsReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? DEFAULT_REPLICAS;
}

/**
 * `getPodsToDelete`: the `diff` pods to delete first. Pods sharing a node with more of this
 * set's active pods rank higher (`getPodsRankedByRelatedPodsOnSameNode`).
 */
export function getPodsToDelete(active: readonly PodObject[], related: readonly PodObject[], diff: number): PodObject[] {
  if (diff >= active.length) return [...active];
  const onNode = new Map<string, number>();
  for (const p of related) {
    const node = p.spec?.nodeName;
    if (node && isPodActive(p)) onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const rank = (p: PodObject) => (p.spec?.nodeName ? (onNode.get(p.spec.nodeName) ?? 0) : 0);
  return [...active].sort((a, b) => compareForDeletion(a, b, rank(a), rank(b))).slice(0, diff);
}

/** `manageReplicas`: creates or deletes pods so the active count reaches `spec.replicas`. */
export function manageReplicas(control: PodControl, rs: ReplicaSetObject, active: readonly PodObject[]): void {
  const diff = active.length - rsReplicas(rs);
  if (diff < 0) {
    const n = Math.min(-diff, BURST_REPLICAS);
    for (let i = 0; i < n; i++) control.createPod(rs.spec?.template, rs);
  } else if (diff > 0) {
    for (const pod of getPodsToDelete(active, active, Math.min(diff, BURST_REPLICAS))) control.deletePod(pod, rs);
  }
}

/**
 * `calculateStatus`: replica counts over the active pods, the observed generation, and the
 * ReplicaFailure condition (set when `manageReplicas` failed, `FailedCreate` or `FailedDelete`
 * with the error; removed once it succeeds).
 */
export function calculateStatus(core: CoreCluster, rs: ReplicaSetObject, active: readonly PodObject[], manageError?: Error, before = active.length): ReplicaSetStatus {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const now = core.clock.now();
  const parse = (t: string) => core.clock.parse(t);
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of active) {
    const labels = pod.metadata.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now, parse)) available++;
    }
  }
  const status: ReplicaSetStatus = {
    replicas: active.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  // `replicas` is always written; the other counts are omitempty.
  omitZero(status, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']);
  if (rs.status?.conditions) status.conditions = rs.status.conditions;
  const failure = rs.status?.conditions?.find((c) => c.type === REPLICA_FAILURE);
  if (manageError && !failure) {
    const diff = before - rsReplicas(rs);
    const reason = diff < 0 ? WorkloadReasons.FailedCreate : diff > 0 ? WorkloadReasons.FailedDelete : '';
    status.conditions = [
      ...(status.conditions ?? []),
      { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: core.clock.rfc3339(), reason, message: manageError.message },
    ];
  } else if (!manageError && failure) {
    status.conditions = (status.conditions ?? []).filter((c) => c.type !== REPLICA_FAILURE);
    if (status.conditions.length === 0) delete status.conditions;
  }
  return status;
}

/** `apps.ReplicaSetReplicaFailure`. */
export const REPLICA_FAILURE = 'ReplicaFailure';

/** Delay until the next ready pod becomes available (minReadySeconds), if any is waiting. */
export function nextAvailableDelayMs(core: CoreCluster, rs: ReplicaSet, active: readonly PodObject[]): number | undefined {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  if (minReady <= 0) return undefined;
  let best: number | undefined;
  for (const pod of active) {
    const t = getPodReadyCondition(pod);
    if (t?.status !== 'True' || !t.lastTransitionTime) continue;
    const due = core.clock.parse(t.lastTransitionTime) + minReady * 1000 - core.clock.now();
    if (due > 0 && (best === undefined || due < best)) best = due;
  }
  return best;
}

/** `syncReplicaSet`: one reconcile of the ReplicaSet at `namespace/name`. */
export function syncReplicaSet(core: CoreCluster, control: PodControl, namespace: string, name: string): SyncResult {
  const rs = core.store.get<ReplicaSetObject>('ReplicaSet', namespace, name);
  if (!rs) return;
  const pods = claimObjects<PodObject>(core.api, 'Pod', rs, rs.spec?.selector);
  const active = pods.filter(isPodActive);
  // A failed create or delete (a quota refusing the pod) still updates the status, with the
  // ReplicaFailure condition, and then requeues the set with backoff (the error is rethrown).
  let manageError: Error | undefined;
  try {
    if (!rs.metadata.deletionTimestamp) manageReplicas(control, rs, active);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    manageError = e;
  }
  const after = ownedBy<PodObject>(core.store, 'Pod', rs).filter(isPodActive);
  const status = calculateStatus(core, rs, after, manageError, active.length);
  // No write when unchanged (updateStatus compares).
  core.api.updateStatus<ReplicaSetObject>('ReplicaSet', namespace, name, status);
  if (manageError) throw manageError;
  const delay = nextAvailableDelayMs(core, rs, after);
  return delay === undefined ? undefined : { requeueAfterMs: delay };
}
