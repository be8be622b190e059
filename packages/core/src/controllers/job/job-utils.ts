/**
 * Pure predicates and builders of the Job controller: conditions, finished/suspended checks,
 * failed and terminating pods, the OnFailure restart count, the per-index failure counts.
 * @see kubernetes pkg/controller/job/job_controller.go (newCondition, ensureJobConditionStatus,
 *   isPodFailed, pastBackoffLimitOnFailure), pkg/controller/job/util/utils.go (IsJobFinished),
 *   indexed_job_utils.go (getIndexFailureCount, getIndexAbsoluteFailureCount, parseInt32)
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';
import { JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION, JOB_TRACKING_FINALIZER } from './defaults.js';

/** A stored Job. */
export type JobObject = Job & KubeObject;

/** `newCondition`: probe and transition time now; fields in JobCondition's order. */
export function newCondition(type: string, status: string, reason: string, message: string, nowTs: string): JobCondition {
  return { type, status, lastProbeTime: nowTs, lastTransitionTime: nowTs, reason, message };
}

/** The condition of `type`, if any. */
export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return conditions?.find((c) => c.type === type);
}

/** Whether condition `type` is True. */
export function isConditionTrue(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

/** `IsJobFinished`: Complete or Failed is True. */
export function isJobFinished(job: Job): boolean {
  return isConditionTrue(job.status?.conditions, 'Complete') || isConditionTrue(job.status?.conditions, 'Failed');
}

/** `jobSuspended`. */
export function jobSuspended(job: Job): boolean {
  return job.spec?.suspend === true;
}

/** `isIndexedJob`. */
export function isIndexedJob(job: Job): boolean {
  return job.spec?.completionMode === 'Indexed';
}

/**
 * `ensureJobConditionStatus`: replaces a condition whose status, reason or message changed, or
 * appends one unless its status is False. Returns the list and whether it changed.
 */
export function ensureJobConditionStatus(
  list: readonly JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  nowTs: string,
): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && (c.reason ?? '') === reason && (c.message ?? '') === message) return [[...list], false];
    const next = [...list];
    next[i] = newCondition(type, status, reason, message, nowTs);
    return [next, true];
  }
  if (status === 'False') return [[...list], false];
  return [[...list, newCondition(type, status, reason, message, nowTs)], true];
}

/** `hasJobTrackingFinalizer`. */
export function hasJobTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

/** `onlyReplaceFailedPods`: podReplacementPolicy Failed (or a pod failure policy). */
export function onlyReplaceFailedPods(job: Job): boolean {
  return job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy !== undefined;
}

/**
 * `isPodFailed`: phase Failed, or (unless only failed pods are replaced) deleted before it
 * succeeded — an orphan that never reaches a terminal phase still counts.
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return pod.metadata?.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded';
}

/** `controller.FilterTerminatingPods`: deleted pods not yet in a terminal phase (`IsPodTerminating`). */
export function filterTerminatingPods<T extends Pod>(pods: readonly T[]): T[] {
  return pods.filter((p) => p.metadata?.deletionTimestamp !== undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

/** `controller.CountTerminatingPods`. */
export function countTerminatingPods(pods: readonly Pod[]): number {
  return filterTerminatingPods(pods).length;
}

/**
 * `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, the container restarts of running and
 * pending pods reach backoffLimit (exceed it when the limit is 0).
 */
export function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** `hasBackoffLimitPerIndex` (JobBackoffLimitPerIndex is on in 1.33). */
export function hasBackoffLimitPerIndex(job: Job): boolean {
  return job.spec?.backoffLimitPerIndex !== undefined && job.spec.backoffLimitPerIndex !== null;
}

/**
 * `getIndexFailureCount`: the pod's `batch.kubernetes.io/job-index-failure-count`, 0 when absent
 * or not a valid int32 (`parseIndexFailureCountAnnotation`).
 */
export function getIndexFailureCount(pod: Pod): number {
  return parseInt32(pod.metadata?.annotations?.[JOB_INDEX_FAILURE_COUNT_ANNOTATION]);
}

/** `parseIndexFailureIgnoreCountAnnotation`: the ignored failures of the pod's index. */
export function getIndexIgnoredFailureCount(pod: Pod): number {
  return parseInt32(pod.metadata?.annotations?.[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION]);
}

/** `getIndexAbsoluteFailureCount`: counted plus ignored failures of the pod's index. */
export function getIndexAbsoluteFailureCount(pod: Pod): number {
  return getIndexFailureCount(pod) + getIndexIgnoredFailureCount(pod);
}

/** `parseInt32`: `strconv.Atoi`, 0 for anything unparsable, negative or above MaxInt32. */
function parseInt32(value: string | undefined): number {
  if (value === undefined || !/^[+-]?[0-9]+$/.test(value)) return 0;
  const n = Number(value);
  return n < 0 || n > 2147483647 ? 0 : n;
}
