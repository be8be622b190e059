/**
 * The StatefulSet algorithm: one pod per ordinal in `[start, start+replicas)`; OrderedReady
 * creates ordinals in increasing order, each after its predecessors are Running and Ready, and
 * deletes condemned ordinals from the highest, each after its successors are gone; Parallel does
 * both at once. Never creates a pod while a pod object with that name exists. Then the update
 * strategy: RollingUpdate replaces the highest ordinal not at the update revision (down to the
 * partition), one at a time, waiting for health; OnDelete waits for the user.
 * @see kubernetes pkg/controller/statefulset/stateful_set_control.go
 */
import { omitZero } from '../../api/omit-empty.js';
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { WorkloadComponents, WorkloadReasons } from '../events.js';
import { ownedBy } from '../replicaset/controller-ref-manager.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { getStatefulSetRevisions, listRevisions, type SetRevisions, truncateHistory } from './controller-history.js';
import type { StatefulPodControl } from './stateful-pod-control.js';
import * as s from './stateful-set-utils.js';

type Set_ = s.StatefulSetObject;

/** `StatefulSet %s/%s is recreating failed Pod %s`. */
export const recreatingFailedMessage = (set: Set_, pod: string): string => `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod}`;
/** `StatefulSet %s/%s is recreating terminated Pod %s`. */
export const recreatingTerminatedMessage = (set: Set_, pod: string): string =>
  `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod}`;

interface Ctx {
  readonly core: CoreCluster;
  readonly control: StatefulPodControl;
  readonly set: Set_;
  readonly monotonic: boolean;
  readonly minReady: number;
}

/** `newVersionedStatefulSetPod`: ordinals below the partition keep the current revision. */
function newVersionedPod(set: Set_, revs: SetRevisions, ordinal: number): PodObject {
  const partition = s.partitionOf(set);
  if (partition !== undefined && ordinal < s.getStartOrdinal(set) + partition) {
    return s.newStatefulSetPod(s.applyRevision(set, revs.current), ordinal, revs.current.metadata.name ?? '');
  }
  return s.newStatefulSetPod(s.applyRevision(set, revs.update), ordinal, revs.update.metadata.name ?? '');
}

const available = (c: Ctx, pod: PodObject) => s.isRunningAndAvailable(pod, c.minReady, c.core.clock.now(), (t) => c.core.clock.parse(t));

/** `processReplica`: returns true when the sync must stop here (monotonic waits). */
function processReplica(c: Ctx, pod: PodObject): boolean {
  const name = pod.metadata.name ?? '';
  if (s.isCreated(pod) && (s.isFailed(pod) || s.isSucceeded(pod))) {
    if (!s.isTerminating(pod)) {
      if (s.isFailed(pod)) c.core.recorder.event(c.set, 'Warning', WorkloadReasons.RecreatingFailedPod, recreatingFailedMessage(c.set, name), WorkloadComponents.statefulSet);
      else c.core.recorder.event(c.set, 'Normal', WorkloadReasons.RecreatingTerminatedPod, recreatingTerminatedMessage(c.set, name), WorkloadComponents.statefulSet);
      c.control.deleteStatefulPod(c.set, pod);
    }
    return c.monotonic;
  }
  if (!s.isCreated(pod)) {
    c.control.createStatefulPod(c.set, pod);
    return c.monotonic;
  }
  if ((pod.status?.phase ?? 'Pending') === 'Pending') c.control.createMissingPersistentVolumeClaims(c.set, pod);
  if (s.isTerminating(pod)) return c.monotonic;
  if (!s.isRunningAndReady(pod) || !available(c, pod)) return c.monotonic;
  c.control.updateClaimOwnerRefs(c.set, s.getOrdinal(pod), pod, false);
  fixIdentityLabels(c, pod);
  return false;
}

/** Part of `UpdateStatefulPod`: restores the identity labels if a user removed them. */
function fixIdentityLabels(c: Ctx, pod: PodObject): void {
  const name = pod.metadata.name ?? '';
  const ord = String(s.getOrdinal(pod));
  const l = pod.metadata.labels ?? {};
  if (l[s.POD_NAME_LABEL] === name && l[s.POD_INDEX_LABEL] === ord) return;
  c.core.api.updateWith<PodObject>('Pod', pod.metadata.namespace, name, (d) => {
    d.metadata.labels = { ...d.metadata.labels, [s.POD_NAME_LABEL]: name, [s.POD_INDEX_LABEL]: ord };
  });
}

/** `processCondemned`: returns true when the sync must stop here. */
function processCondemned(c: Ctx, pod: PodObject, firstUnhealthy: PodObject | undefined): boolean {
  if (s.isTerminating(pod)) return c.monotonic;
  const healthy = s.isRunningAndReady(pod) && available(c, pod);
  if (!healthy && c.monotonic && pod !== firstUnhealthy) return true;
  c.control.deleteStatefulPod(c.set, pod);
  return c.monotonic;
}

/** Splits claimed pods into the replicas slice (by ordinal) and the condemned ones (ascending). */
function partitionPods(set: Set_, pods: readonly PodObject[], revs: SetRevisions): { replicas: PodObject[]; condemned: PodObject[] } {
  const start = s.getStartOrdinal(set);
  const end = s.getEndOrdinal(set);
  const replicas: PodObject[] = [];
  const condemned: PodObject[] = [];
  for (const pod of pods) {
    if (!s.isMemberOf(set, pod)) continue;
    const ord = s.getOrdinal(pod);
    if (ord >= start && ord <= end) replicas[ord - start] = pod;
    else if (ord >= 0) condemned.push(pod);
  }
  for (let i = 0; i < s.setReplicas(set); i++) replicas[i] ??= newVersionedPod(set, revs, start + i);
  condemned.sort((a, b) => s.getOrdinal(a) - s.getOrdinal(b));
  return { replicas, condemned };
}

/** `updateStatefulSet` without the status write: scale, then update. */
function syncReplicas(c: Ctx, pods: readonly PodObject[], revs: SetRevisions): void {
  const { replicas, condemned } = partitionPods(c.set, pods, revs);
  const unhealthy = (p: PodObject) => !s.isHealthy(p);
  const firstUnhealthy = replicas.find(unhealthy) ?? [...condemned].reverse().find(unhealthy);
  if (c.set.metadata.deletionTimestamp) return;
  for (const pod of replicas) if (processReplica(c, pod)) return;
  // Fix pod claims for condemned pods (retention policy) before any of them is deleted.
  for (const pod of [...condemned].reverse()) c.control.updateClaimOwnerRefs(c.set, s.getOrdinal(pod), pod, true);
  for (const pod of [...condemned].reverse()) if (processCondemned(c, pod, firstUnhealthy)) return;
  const partition = s.partitionOf(c.set);
  if (partition === undefined) return;
  const updateName = revs.update.metadata.name ?? '';
  for (let i = replicas.length - 1; i >= partition; i--) {
    const pod = replicas[i];
    if (s.getPodRevision(pod) !== updateName && !s.isTerminating(pod)) {
      c.control.deleteStatefulPod(c.set, pod);
      return;
    }
    if (!s.isHealthy(pod)) return;
  }
}

/** `computeReplicaStatus` over the live pods, plus `completeRollingUpdate`. */
function computeStatus(c: Ctx, pods: readonly PodObject[], revs: SetRevisions): StatefulSetStatus {
  const st: StatefulSetStatus = {
    observedGeneration: c.set.metadata.generation ?? 1,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: revs.current.metadata.name,
    updateRevision: revs.update.metadata.name,
    collisionCount: revs.collisionCount,
  };
  for (const pod of pods) {
    st.replicas++;
    if (s.isRunningAndReady(pod)) {
      st.readyReplicas = (st.readyReplicas ?? 0) + 1;
      if (available(c, pod)) st.availableReplicas = (st.availableReplicas ?? 0) + 1;
    }
    if (s.isTerminating(pod)) continue;
    if (s.getPodRevision(pod) === revs.current.metadata.name) st.currentReplicas = (st.currentReplicas ?? 0) + 1;
    if (s.getPodRevision(pod) === revs.update.metadata.name) st.updatedReplicas = (st.updatedReplicas ?? 0) + 1;
  }
  const want = s.setReplicas(c.set);
  if (!s.isOnDelete(c.set) && st.updatedReplicas === want && st.readyReplicas === want && st.replicas === want) {
    st.currentReplicas = st.updatedReplicas;
    st.currentRevision = st.updateRevision;
  }
  // `replicas` and `availableReplicas` are always written; these counts are omitempty.
  return omitZero(st, ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas']);
}

/**
 * One sync of a StatefulSet: revisions, pods, status, history.
 * @returns ms until a ready pod becomes available (minReadySeconds), if one is waiting
 */
export function updateStatefulSet(core: CoreCluster, control: StatefulPodControl, set: Set_, pods: readonly PodObject[]): number | undefined {
  const revs = getStatefulSetRevisions(core, set, listRevisions(core, set));
  const c: Ctx = { core, control, set, monotonic: !s.allowsBurst(set), minReady: set.spec?.minReadySeconds ?? 0 };
  syncReplicas(c, pods, revs);
  const created = ownedBy<PodObject>(core.store, 'Pod', set);
  const status = computeStatus(c, created, revs);
  const current = core.store.get<Set_>('StatefulSet', set.metadata.namespace, set.metadata.name ?? '');
  // No write when unchanged (updateStatus compares).
  if (current) core.api.updateStatus<Set_>('StatefulSet', set.metadata.namespace, set.metadata.name ?? '', status);
  truncateHistory(core, set, created, revs);
  if (c.minReady <= 0) return undefined;
  return (status.readyReplicas ?? 0) > (status.availableReplicas ?? 0) ? c.minReady * 1000 : undefined;
}
