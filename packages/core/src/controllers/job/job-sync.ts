/**
 * The Job algorithm, one sync of one Job: claim pods, count new finishes, decide whether the Job
 * failed (backoff limit, deadline) or met its completions, create or delete pods, then write the
 * status and release the counted pods' tracking finalizers.
 * @see kubernetes pkg/controller/job/job_controller.go (syncJob, manageJob,
 *   trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers, enactJobFinished,
 *   recordJobFinished)
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import { omitZero } from '../../api/omit-empty.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { JobConditionReasons, JobMessages, JobReasons, WorkloadComponents } from '../events.js';
import { compareForDeletion, isPodActive, isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import { claimObjects } from '../replicaset/controller-ref-manager.js';
import type { PodControl } from '../replicaset/pod-control.js';
import type { SyncResult } from '../runtime/controller.js';
import { type BackoffRecord, type BackoffStore, getRemainingTimeMs } from './backoff-utils.js';
import { JOB_TRACKING_FINALIZER, MAX_POD_CREATE_DELETE_PER_SYNC, SYNC_JOB_BATCH_PERIOD_MS } from './defaults.js';
import {
  firstPendingIndexes,
  formatIntervals,
  getCompletionIndex,
  hasIndex,
  type Interval,
  indexedTemplate,
  parseIndexes,
  podGenerateNameWithIndex,
  totalIndexes,
  withOrderedIndexes,
} from './indexed-job-utils.js';
import {
  countTerminatingPods,
  ensureJobConditionStatus,
  findCondition,
  hasJobTrackingFinalizer,
  isIndexedJob,
  isJobFinished,
  isPodFailed,
  type JobObject,
  jobSuspended,
  newCondition,
  pastBackoffLimitOnFailure,
} from './job-utils.js';

/** What a sync needs besides the Job. */
export interface JobSyncDeps {
  readonly core: CoreCluster;
  readonly podControl: PodControl;
  readonly backoff: BackoffStore;
}

/** `syncJobCtx`: what one sync learned. */
interface SyncJobCtx {
  readonly job: JobObject;
  readonly key: string;
  readonly pods: readonly PodObject[];
  readonly activePods: readonly PodObject[];
  status: JobStatus;
  finishedCondition?: JobCondition;
  succeeded: number;
  ready: number;
  terminating: number;
  succeededIndexes: Interval[];
  prevSucceededIndexes: Interval[];
  newBackoffRecord: BackoffRecord;
  requeueAfterMs?: number;
}

/** `syncJob`: one reconcile of the Job at `namespace/name`. */
export function syncJob(deps: JobSyncDeps, namespace: string, name: string): SyncResult {
  const { core } = deps;
  const key = `${namespace}/${name}`;
  const job = core.store.get<JobObject>('Job', namespace, name);
  if (!job || isJobFinished(job)) {
    deps.backoff.remove(key);
    return;
  }
  const pods = claimObjects<PodObject>(core.api, 'Pod', job, job.spec?.selector);
  const activePods = pods.filter(isPodActive);
  const parse = (ts: string) => core.clock.parse(ts);
  const uncounted = job.status?.uncountedTerminatedPods ?? {};
  const known = new Set([...(uncounted.succeeded ?? []), ...(uncounted.failed ?? [])]);
  const fresh = pods.filter((p) => hasJobTrackingFinalizer(p) && !known.has(p.metadata.uid ?? '') && validIndex(job, p));
  const newSucceeded = fresh.filter((p) => p.status?.phase === 'Succeeded');
  const newFailed = fresh.filter((p) => isPodFailed(p, job));
  const status: JobStatus = { ...job.status, uncountedTerminatedPods: { ...uncounted } };
  const nowTs = core.clock.rfc3339();
  // Job first start: startTime only when not suspended.
  if (!status.startTime && !jobSuspended(job)) status.startTime = nowTs;
  const ctx: SyncJobCtx = {
    job,
    key,
    pods,
    activePods,
    status,
    succeeded: (status.succeeded ?? 0) + newSucceeded.length + (uncounted.succeeded?.length ?? 0),
    ready: activePods.filter(isPodReady).length,
    terminating: countTerminatingPods(pods),
    succeededIndexes: [],
    prevSucceededIndexes: [],
    newBackoffRecord: deps.backoff.newBackoffRecord(key, newSucceeded, newFailed, parse),
  };
  const failed = (status.failed ?? 0) + newFailed.length + (uncounted.failed?.length ?? 0);
  decideFailure(deps, ctx, failed);
  if (isIndexedJob(job)) {
    const completions = job.spec?.completions ?? 0;
    ctx.prevSucceededIndexes = parseIndexes(status.completedIndexes, completions);
    const newIndexes = pods
      .filter((p) => p.status?.phase === 'Succeeded' && hasJobTrackingFinalizer(p))
      .map((p) => getCompletionIndex(p.metadata.annotations))
      .filter((ix) => ix >= 0 && ix < completions);
    ctx.succeededIndexes = withOrderedIndexes(ctx.prevSucceededIndexes, [...new Set(newIndexes)]);
    ctx.succeeded = totalIndexes(ctx.succeededIndexes);
  }
  let active = activePods.length;
  if (ctx.finishedCondition) {
    // Remove active pods if the Job failed; it is finished only once they are gone.
    for (const pod of activePods) {
      deps.podControl.deletePod(pod, job);
      if (isPodReady(pod)) ctx.ready--;
    }
    ctx.terminating += activePods.length;
    active = 0;
  } else {
    if (!job.metadata.deletionTimestamp) active = manageJob(deps, ctx);
    const completions = job.spec?.completions;
    const complete = completions === undefined || completions === null ? ctx.succeeded > 0 && active === 0 : ctx.succeeded >= completions && active === 0;
    if (complete) ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', JobConditionReasons.CompletionsReached, JobMessages.completionsReached, nowTs);
    else updateSuspendCondition(deps, ctx);
  }
  status.active = active;
  status.ready = ctx.ready;
  status.terminating = ctx.terminating;
  trackJobStatusAndRemoveFinalizers(deps, ctx);
  return ctx.requeueAfterMs === undefined ? undefined : { requeueAfterMs: ctx.requeueAfterMs };
}

/** Indexed Jobs only count pods with an index below completions (`getValidPodsWithFilter`). */
function validIndex(job: JobObject, pod: PodObject): boolean {
  if (!isIndexedJob(job)) return true;
  const ix = getCompletionIndex(pod.metadata.annotations);
  return ix >= 0 && ix < (job.spec?.completions ?? 0);
}

/** The failure branch of `syncJob`: [1] an earlier FailureTarget, [2] backoff limit, [3] deadline, [4] deadline requeue. */
function decideFailure(deps: JobSyncDeps, ctx: SyncJobCtx, failed: number): void {
  const { job, status } = ctx;
  const nowTs = deps.core.clock.rfc3339();
  if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status === 'True') {
    ctx.finishedCondition = findCondition(status.conditions, 'SuccessCriteriaMet');
    return;
  }
  const target = findCondition(status.conditions, 'FailureTarget');
  if (target?.status === 'True') {
    // [1] Failed follows the interim FailureTarget once the pods are gone.
    ctx.finishedCondition = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', nowTs);
    return;
  }
  if (failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, ctx.pods)) {
    // [2]
    ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.BackoffLimitExceeded, JobMessages.backoffLimitExceeded, nowTs);
    return;
  }
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads === undefined || ads === null || jobSuspended(job) || !status.startTime) return;
  const leftMs = ads * 1000 - (deps.core.clock.now() - deps.core.clock.parse(status.startTime));
  if (leftMs <= 0) {
    // [3]
    ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.DeadlineExceeded, JobMessages.deadlineExceeded, nowTs);
  } else {
    // [4]
    requeueAfter(ctx, leftMs);
  }
}

function requeueAfter(ctx: SyncJobCtx, ms: number): void {
  ctx.requeueAfterMs = ctx.requeueAfterMs === undefined ? ms : Math.min(ctx.requeueAfterMs, ms);
}

/**
 * `manageJob`: deletes active pods of a suspended Job or beyond what is wanted, else creates the
 * missing ones (after the pod-failure back-off); returns the active count.
 */
function manageJob(deps: JobSyncDeps, ctx: SyncJobCtx): number {
  const { job, activePods } = ctx;
  let active = activePods.length;
  const parallelism = job.spec?.parallelism ?? 1;
  const completions = job.spec?.completions;
  let wantActive: number;
  if (jobSuspended(job)) wantActive = 0;
  else if (completions === undefined || completions === null) wantActive = ctx.succeeded > 0 ? active : parallelism;
  else wantActive = Math.max(0, Math.min(completions - ctx.succeeded, parallelism));
  const rmAtLeast = Math.max(0, active - wantActive);
  if (rmAtLeast > 0) {
    const victims = [...activePods].sort((a, b) => compareForDeletion(a, b, 0, 0)).slice(0, Math.min(rmAtLeast, MAX_POD_CREATE_DELETE_PER_SYNC));
    for (const pod of victims) {
      removeTrackingFinalizer(deps, pod);
      deps.podControl.deletePod(pod, job);
      if (isPodReady(pod)) ctx.ready--;
    }
    ctx.terminating += victims.length;
    return active - victims.length;
  }
  const terminating = job.spec?.podReplacementPolicy === 'Failed' ? ctx.terminating : 0;
  let diff = Math.min(wantActive - terminating - active, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (diff <= 0) return active;
  const remainingMs = getRemainingTimeMs(ctx.newBackoffRecord, deps.core.clock.now());
  if (remainingMs > 0) {
    requeueAfter(ctx, Math.max(remainingMs, SYNC_JOB_BATCH_PERIOD_MS));
    return active;
  }
  const template = job.spec?.template;
  const withFinalizer = { ...template, metadata: { ...template?.metadata, finalizers: [...(template?.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER] } };
  if (isIndexedJob(job)) {
    const indexes = firstPendingIndexes(activePods, ctx.succeededIndexes, diff, completions ?? 0);
    diff = indexes.length;
    for (const ix of indexes) {
      if (tryCreate(deps, indexedTemplate(withFinalizer, job.metadata.name ?? '', ix), job, podGenerateNameWithIndex(job.metadata.name ?? '', ix))) active++;
    }
    return active;
  }
  for (let i = 0; i < diff; i++) if (tryCreate(deps, withFinalizer, job)) active++;
  return active;
}

function tryCreate(deps: JobSyncDeps, template: Parameters<PodControl['createPod']>[0], job: JobObject, generateName?: string): boolean {
  try {
    deps.podControl.createPod(template, job, generateName);
    return true;
  } catch {
    // FailedCreate was recorded; the next sync retries.
    return false;
  }
}

/** The JobSuspended condition and the Suspended / Resumed events (resuming resets startTime). */
function updateSuspendCondition(deps: JobSyncDeps, ctx: SyncJobCtx): void {
  const nowTs = deps.core.clock.rfc3339();
  const suspended = jobSuspended(ctx.job);
  const [conditions, changed] = suspended
    ? ensureJobConditionStatus(ctx.status.conditions ?? [], 'Suspended', 'True', JobConditionReasons.JobSuspended, JobMessages.suspended, nowTs)
    : ensureJobConditionStatus(ctx.status.conditions ?? [], 'Suspended', 'False', JobConditionReasons.JobResumed, JobMessages.resumed, nowTs);
  if (!changed) return;
  ctx.status.conditions = conditions;
  deps.core.recorder.event(ctx.job, 'Normal', suspended ? JobReasons.Suspended : JobReasons.Resumed, suspended ? JobMessages.suspended : JobMessages.resumed, WorkloadComponents.job);
  if (!suspended) ctx.status.startTime = nowTs;
}

/** Removes the tracking finalizer from a pod (deleting it if its deletion was only waiting for that). */
export function removeTrackingFinalizer(deps: Pick<JobSyncDeps, 'core'>, pod: PodObject): void {
  if (!hasJobTrackingFinalizer(pod) || !deps.core.store.get('Pod', pod.metadata.namespace, pod.metadata.name ?? '')) return;
  deps.core.api.updateWith<PodObject>('Pod', pod.metadata.namespace, pod.metadata.name ?? '', (d) => {
    d.metadata.finalizers = d.metadata.finalizers?.filter((f) => f !== JOB_TRACKING_FINALIZER);
    if (d.metadata.finalizers?.length === 0) delete d.metadata.finalizers;
  });
}

/**
 * `trackJobStatusAndRemoveFinalizers`: (1) finished pods go to `uncountedTerminatedPods` with the
 * interim FailureTarget / SuccessCriteriaMet condition, and that status is written; (2) their
 * finalizers are removed; (3) they move into `succeeded` / `failed`; (4) the Complete or Failed
 * condition is added once nothing is uncounted or terminating, with its event.
 */
function trackJobStatusAndRemoveFinalizers(deps: JobSyncDeps, ctx: SyncJobCtx): void {
  const { core } = deps;
  const { job, status } = ctx;
  const indexed = isIndexedJob(job);
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
    if (!(job.metadata.deletionTimestamp || ctx.finishedCondition || pod.status?.phase === 'Succeeded' || failed)) continue;
    toRelease.push(pod);
    const ix = getCompletionIndex(pod.metadata.annotations);
    if (pod.status?.phase === 'Succeeded' && !uncountedFailed.includes(uid)) {
      if (indexed) {
        if (ix >= 0 && ix < (job.spec?.completions ?? 0) && !hasIndex(ctx.prevSucceededIndexes, ix)) newIndexes.push(ix);
      } else if (!uncountedSucceeded.includes(uid)) uncountedSucceeded.push(uid);
    } else if ((failed || finishedFailing) && !uncountedFailed.includes(uid) && (!indexed || (ix >= 0 && ix < (job.spec?.completions ?? 0)))) {
      uncountedFailed.push(uid);
    }
  }
  status.uncountedTerminatedPods = compactUncounted(uncountedSucceeded, uncountedFailed);
  if (indexed) {
    const merged = withOrderedIndexes(ctx.succeededIndexes, newIndexes);
    status.succeeded = totalIndexes(merged);
    status.completedIndexes = formatIntervals(merged);
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

/** The status as the v1 type serialises it (`active`, `succeeded`, `failed` omitempty; `ready`, `terminating` pointers). */
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
