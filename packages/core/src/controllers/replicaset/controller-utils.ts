/**
 * Pure pod predicates shared by the workload controllers, and the ranking that picks which pods
 * a ReplicaSet deletes first.
 * @see kubernetes pkg/controller/controller_utils.go (IsPodActive, ActivePodsWithRanks),
 * pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable)
 */
import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';

/** A stored pod. */
export type PodObject = Pod & KubeObject;

/** `IsPodActive`: not Succeeded, not Failed, no deletionTimestamp. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

/** Whether the pod is terminating (has a deletionTimestamp). */
export function isPodTerminating(pod: Pod): boolean {
  return pod.metadata?.deletionTimestamp !== undefined;
}

/** The pod's `Ready` condition, if any. */
export function getPodReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** `IsPodReady`: condition Ready is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/**
 * `IsPodAvailable`: ready for at least `minReadySeconds` at `nowMs`.
 * @param parse turns an RFC 3339 timestamp into virtual ms
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number, parse: (t: string) => number): boolean {
  const c = getPodReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  if (!c.lastTransitionTime) return false;
  return parse(c.lastTransitionTime) + minReadySeconds * 1000 <= nowMs;
}

/** Sum of container restart counts (the highest counts first when deleting). */
export function podRestarts(pod: Pod): number {
  let n = 0;
  for (const s of pod.status?.containerStatuses ?? []) n += s.restartCount ?? 0;
  return n;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * `ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`.
 * @remarks Order: unassigned < assigned; Pending < Unknown < Running; not ready < ready; more
 * co-located pods (rank) first; ready more recently first; more restarts first; newer first; then
 * name, so the order is total.
 */
export function deletesBefore(a: Pod, b: Pod, rankA: number, rankB: number): boolean {
  return compareForDeletion(a, b, rankA, rankB) < 0;
}

/** Comparator form of {@link deletesBefore} for `Array.sort`. */
export function compareForDeletion(a: Pod, b: Pod, rankA: number, rankB: number): number {
  const na = a.spec?.nodeName ? 1 : 0;
  const nb = b.spec?.nodeName ? 1 : 0;
  if (na !== nb) return na - nb;
  const pa = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
  const pb = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = isPodReady(a) ? 1 : 0;
  const rb = isPodReady(b) ? 1 : 0;
  if (ra !== rb) return ra - rb;
  if (rankA !== rankB) return rankB - rankA;
  if (ra === 1) {
    const ta = getPodReadyCondition(a)?.lastTransitionTime ?? '';
    const tb = getPodReadyCondition(b)?.lastTransitionTime ?? '';
    if (ta !== tb) return ta > tb ? -1 : 1;
  }
  const xa = podRestarts(a);
  const xb = podRestarts(b);
  if (xa !== xb) return xb - xa;
  const ca = a.metadata?.creationTimestamp ?? '';
  const cb = b.metadata?.creationTimestamp ?? '';
  if (ca !== cb) return ca > cb ? -1 : 1;
  const ka = a.metadata?.name ?? '';
  const kb = b.metadata?.name ?? '';
  return ka < kb ? 1 : ka > kb ? -1 : 0;
}
