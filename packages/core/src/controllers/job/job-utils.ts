/**
 * Pure predicates and builders of the Job controller: conditions, finished/suspended checks,
 * failed and terminating pods, the OnFailure restart count.
 * @see kubernetes pkg/controller/job/job_controller.go (newCondition, ensureJobConditionStatus,
 *   isPodFailed, pastBackoffLimitOnFailure), pkg/controller/job/util/utils.go (IsJobFinished)
 */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.js';
import { JOB_TRACKING_FINALIZER } from './defaults.js';

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

/** `controller.CountTerminatingPods`: deleted pods not yet in a terminal phase. */
export function countTerminatingPods(pods: readonly Pod[]): number {
  return pods.filter((p) => p.metadata?.deletionTimestamp !== undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
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
