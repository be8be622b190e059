/**
 * The status half of one Job sync: finished pods go through `uncountedTerminatedPods`, lose their
 * tracking finalizer, then are counted; the interim FailureTarget / SuccessCriteriaMet condition
 * is written first, the terminal Failed / Complete one once no pod is uncounted or terminating.
 * @see kubernetes pkg/controller/job/job_controller.go (trackJobStatusAndRemoveFinalizers,
 *   canRemoveFinalizer, flushUncountedAndRemoveFinalizers, enactJobFinished, recordJobFinished)
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { omitZero } from '../../api/omit-empty.js';
import { JobMessages, JobReasons, WorkloadComponents } from '../events.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { formatIntervals, getCompletionIndex, hasIndex, withOrderedIndexes, totalIndexes } from './indexed-job-utils.js';
import type { JobSyncDeps, SyncJobCtx } from './job-sync.js';
import { JOB_TRACKING_FINALIZER } from './defaults.js';
import { ensureJobConditionStatus, findCondition, hasBackoffLimitPerIndex, hasJobTrackingFinalizer, isIndexedJob, isPodFailed, type JobObject, newCondition } from './job-utils.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** Removes the tracking finalizer from a pod (deleting it if its deletion was only waiting for that). */
export function removeTrackingFinalizer(deps: Pick<JobSyncDeps, 'core'>, pod: PodObject): void {
  if (!hasJobTrackingFinalizer(pod) || !deps.core.store.get('Pod', pod.metadata.namespace, pod.metadata.name ?? '')) return;
  deps.core.api.updateWith<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '', (d) => {
    d.metadata.finalizers = d.metadata.finalizers?.filter((f) => f !== JOB_TRACKING_FINALIZER);
    if (d.metadata.finalizers?.length === 0) delete d.metadata.finalizers;
  });
}

/**
 * `canRemoveFinalizer`: the Job is deleted or finishing, the pod succeeded, or it failed — unless
 * it is its index's last failed pod, kept (backoffLimitPerIndex) until the replacement that
 * inherits its failure count exists.
 */
function canRemoveFinalizer(ctx: SyncJobCtx, pod: PodObject, considerPodFailed: boolean): boolean {
  if (ctx.job.metadata.deletionTimestamp || ctx.finishedCondition || pod.status?.phase === 'Succeeded') return true;
  if (!considerPodFailed) return false;
  if (hasBackoffLimitPerIndex(ctx.job)) {
    const delayed = ctx.podsWithDelayedDeletionPerIndex.get(getCompletionIndex(pod.metadata.annotations));
    if (delayed !== undefined && delayed.metadata?.uid === pod.metadata.uid) return false;
  }
  return true;
}

/**
 * `trackJobStatusAndRemoveFinalizers`: (1) finished pods go to `uncountedTerminatedPods` (a
 * failure an Ignore rule matched is only released) with the interim FailureTarget /
 * SuccessCriteriaMet condition, and that status is written; (2) their finalizers are removed;
 * (3) they move into `succeeded` / `failed`; (4) the Complete or Failed condition is added once
 * nothing is uncounted or terminating, with its event.
 */
export function trackJobStatusAndRemoveFinalizers(deps: JobSyncDeps, ctx: SyncJobCtx): void {
  const { core } = deps;
  const { job, status } = ctx;
  const indexed = isIndexedJob(job);
  const completions = job.spec?.completions ?? 0;
  const uncountedSucceeded = [...(status.uncountedTerminatedPods?.succeeded ?? [])];
  const uncountedFailed = [...(status.uncountedTerminatedPods?.failed ?? [])];
  const toRelease: PodObject[] = [];
  const newIndexes: number[] = [];
  const pods = indexed ? [...ctx.pods].sort((a, b) => getCompletionIndex(a.metadata.annotations) - getCompletionIndex(b.metadata.annotations)) : ctx.pods;
  const finishedFailing = ctx.finishedCondition !== undefined && ctx.finishedCondition.type !== 'SuccessCriteriaMet';
  for (const pod of pods) {
    if (!hasJobTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    const failed = isPodFailed(pod, job);
    if (!canRemoveFinalizer(ctx, pod, failed)) continue;
    toRelease.push(pod);
    const ix = getCompletionIndex(pod.metadata.annotations);
    if (pod.status?.phase === 'Succeeded' && !uncountedFailed.includes(uid)) {
      if (indexed) {
        if (ix >= 0 && ix < completions && !hasIndex(ctx.prevSucceededIndexes, ix)) newIndexes.push(ix);
      } else if (!uncountedSucceeded.includes(uid)) uncountedSucceeded.push(uid);
    } else if ((failed || finishedFailing) && !uncountedFailed.includes(uid) && (!indexed || (ix >= 0 && ix < completions))) {
      // When the Job is finishing, every pod not terminated counts as failed.
      if (!job.spec?.podFailurePolicy || matchPodFailurePolicy(job.spec.podFailurePolicy, pod).countFailed) uncountedFailed.push(uid);
    }
  }
  status.uncountedTerminatedPods = compactUncounted(uncountedSucceeded, uncountedFailed);
  if (indexed) {
    const merged = withOrderedIndexes(ctx.succeededIndexes, newIndexes);
    status.succeeded = totalIndexes(merged);
    status.completedIndexes = formatIntervals(merged);
    if (ctx.failedIndexes) status.failedIndexes = formatIntervals(ctx.failedIndexes);
    else delete status.failedIndexes;
  }
  let finished = ctx.finishedCondition;
  if (finished?.type === 'FailureTarget') {
    status.conditions = [...(status.conditions ?? []), finished];
    finished = newCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', core.clock.rfc3339());
  } else if (finished?.type === 'SuccessCriteriaMet') {
    if (!findCondition(status.conditions, 'SuccessCriteriaMet')) status.conditions = [...(status.conditions ?? []), finished];
    finished = newCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', core.clock.rfc3339());
  }
  // (1) flush the uncounted pods and the interim condition.
  writeStatus(deps, job, status);
  deps.backoff.update(ctx.newBackoffRecord);
  // (2) release the pods, (3) count them.
  for (const pod of toRelease) removeTrackingFinalizer(deps, pod);
  status.succeeded = (status.succeeded ?? 0) + (indexed ? 0 : uncountedSucceeded.length);
  status.failed = (status.failed ?? 0) + uncountedFailed.length;
  status.uncountedTerminatedPods = {};
  // (4)
  const done = finished !== undefined && (status.terminating ?? 0) === 0;
  if (done && finished) {
    status.conditions = ensureJobConditionStatus(status.conditions ?? [], finished.type, finished.status, finished.reason ?? '', finished.message ?? '', core.clock.rfc3339())[0];
    if (finished.type === 'Complete') status.completionTime = finished.lastTransitionTime;
  }
  writeStatus(deps, job, status);
  if (done && finished) recordJobFinished(deps, job, status, finished);
}

function compactUncounted(succeeded: string[], failed: string[]): { succeeded?: string[]; failed?: string[] } {
  return { ...(succeeded.length ? { succeeded } : {}), ...(failed.length ? { failed } : {}) };
}

/**
 * The status as the v1 type serialises it (`active`, `succeeded`, `failed`, `completedIndexes`
 * omitempty; `ready`, `terminating`, `failedIndexes` pointers, so `failedIndexes: ""` is kept).
 */
function writeStatus(deps: JobSyncDeps, job: JobObject, status: JobStatus): void {
  const out: JobStatus = {
    ...(status.conditions?.length ? { conditions: status.conditions } : {}),
    ...(status.startTime ? { startTime: status.startTime } : {}),
    ...(status.completionTime ? { completionTime: status.completionTime } : {}),
    active: status.active,
    succeeded: status.succeeded,
    failed: status.failed,
    terminating: status.terminating,
    ...(status.completedIndexes ? { completedIndexes: status.completedIndexes } : {}),
    ...(status.failedIndexes !== undefined ? { failedIndexes: status.failedIndexes } : {}),
    uncountedTerminatedPods: status.uncountedTerminatedPods ?? {},
    ready: status.ready,
  };
  omitZero(out, ['active', 'succeeded', 'failed']);
  deps.core.api.updateStatus<JobObject>('Job', job.metadata.namespace, job.metadata.name ?? '', out);
}

/** `recordJobFinished`: Normal Completed (and TooManySucceededPods), or a Warning with the failure reason. */
function recordJobFinished(deps: JobSyncDeps, job: JobObject, status: JobStatus, finished: JobCondition): void {
  const rec = deps.core.recorder;
  const component = WorkloadComponents.job;
  if (finished.type === 'Complete') {
    const completions = job.spec?.completions;
    if (completions !== undefined && completions !== null && (status.succeeded ?? 0) > completions) {
      rec.event(job, 'Warning', JobReasons.TooManySucceededPods, JobMessages.tooManySucceededPods, component);
    }
    rec.event(job, 'Normal', JobReasons.Completed, JobMessages.completed, component);
  } else {
    rec.event(job, 'Warning', finished.reason ?? '', finished.message ?? '', component);
  }
}
