/**
 * The Job algorithm, one sync of one Job: claim pods, count new finishes, decide whether the Job
 * failed (a FailJob rule of the pod failure policy, backoff limit, deadline, failed indexes) or
 * succeeded (success policy, completions), create or delete pods, then write the status and
 * release the counted pods' tracking finalizers (track-job-status.ts).
 * @see kubernetes pkg/controller/job/job_controller.go (syncJob, manageJob,
 *   getPodCreationInfoForIndependentIndexes)
 */
import type { JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { JobConditionReasons, JobMessages, JobReasons, WorkloadComponents } from '../events.js';
import { compareForDeletion, isPodActive, isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import { claimObjects } from '../replicaset/controller-ref-manager.js';
import type { PodControl } from '../replicaset/pod-control.js';
import type { SyncResult } from '../runtime/controller.js';
import { type BackoffRecord, type BackoffStore, getRemainingTimeMs, getRemainingTimePerIndex } from './backoff-utils.js';
import { JOB_TRACKING_FINALIZER, MAX_POD_CREATE_DELETE_PER_SYNC, SYNC_JOB_BATCH_PERIOD_MS } from './defaults.js';
import {
  calculateFailedIndexes,
  firstPendingIndexes,
  getCompletionIndex,
  getPodsWithDelayedDeletionPerIndex,
  type Interval,
  indexedTemplate,
  parseIndexes,
  podGenerateNameWithIndex,
  totalIndexes,
  withIndexFailureCountAnnotation,
  withOrderedIndexes,
} from './indexed-job-utils.js';
import {
  countTerminatingPods,
  ensureJobConditionStatus,
  filterTerminatingPods,
  findCondition,
  hasBackoffLimitPerIndex,
  hasJobTrackingFinalizer,
  isIndexedJob,
  isJobFinished,
  isPodFailed,
  type JobObject,
  jobSuspended,
  newCondition,
  onlyReplaceFailedPods,
  pastBackoffLimitOnFailure,
} from './job-utils.js';
import { getFailJobMessage, nonIgnoredFailedPodsCount } from './pod-failure-policy.js';
import { matchSuccessPolicy } from './success-policy.js';
import { removeTrackingFinalizer, trackJobStatusAndRemoveFinalizers } from './track-job-status.js';

/** What a sync needs besides the Job. */
export interface JobSyncDeps {
  readonly core: CoreCluster;
  readonly podControl: PodControl;
  readonly backoff: BackoffStore;
}

/** `syncJobCtx`: what one sync learned. */
export interface SyncJobCtx {
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
  /** With backoffLimitPerIndex: `status.failedIndexes` and the indexes failed since. */
  failedIndexes?: Interval[];
  /** With backoffLimitPerIndex: per index, the failed pod kept until its replacement exists. */
  podsWithDelayedDeletionPerIndex: Map<number, PodObject>;
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
    podsWithDelayedDeletionPerIndex: new Map(),
    newBackoffRecord: deps.backoff.newBackoffRecord(key, newSucceeded, newFailed, parse),
  };
  // Failures an Ignore rule of the pod failure policy matched do not count.
  const failed = (status.failed ?? 0) + nonIgnoredFailedPodsCount(job, newFailed) + (uncounted.failed?.length ?? 0);
  decideFailure(deps, ctx, failed);
  if (isIndexedJob(job)) decideIndexes(deps, ctx);
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

/**
 * The failure branch of `syncJob`: [1] an earlier SuccessCriteriaMet or [2] FailureTarget stands;
 * else a FailureTarget for [3] a failed pod matching a FailJob rule, [4] the backoff limit,
 * [5] the deadline; [6] else a requeue at the deadline.
 */
function decideFailure(deps: JobSyncDeps, ctx: SyncJobCtx, failed: number): void {
  const { job, status } = ctx;
  const nowTs = deps.core.clock.rfc3339();
  if (findCondition(status.conditions, 'SuccessCriteriaMet')?.status === 'True') {
    // [1] The success was decided in an earlier sync: the pod failure policy is not evaluated.
    ctx.finishedCondition = findCondition(status.conditions, 'SuccessCriteriaMet');
    return;
  }
  const target = findCondition(status.conditions, 'FailureTarget');
  if (target?.status === 'True') {
    // [2] Failed follows the interim FailureTarget once the pods are gone.
    ctx.finishedCondition = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', nowTs);
    return;
  }
  const failJobMessage = getFailJobMessage(job, ctx.pods);
  if (failJobMessage !== undefined) {
    // [3]
    ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.PodFailurePolicy, failJobMessage, nowTs);
    return;
  }
  if (failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, ctx.pods)) {
    // [4]
    ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.BackoffLimitExceeded, JobMessages.backoffLimitExceeded, nowTs);
    return;
  }
  const ads = job.spec?.activeDeadlineSeconds;
  if (ads === undefined || ads === null || jobSuspended(job) || !status.startTime) return;
  const leftMs = ads * 1000 - (deps.core.clock.now() - deps.core.clock.parse(status.startTime));
  if (leftMs <= 0) {
    // [5]
    ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.DeadlineExceeded, JobMessages.deadlineExceeded, nowTs);
  } else {
    // [6]
    requeueAfter(ctx, leftMs);
  }
}

/**
 * The Indexed branch of `syncJob`: succeeded indexes; with backoffLimitPerIndex the failed
 * indexes, a FailureTarget for [1] more than maxFailedIndexes or [2] every index finished with
 * some failed, and the failed pods kept for their replacement; then [3] the success policy.
 */
function decideIndexes(deps: JobSyncDeps, ctx: SyncJobCtx): void {
  const { job, pods } = ctx;
  const nowTs = deps.core.clock.rfc3339();
  const completions = job.spec?.completions ?? 0;
  ctx.prevSucceededIndexes = parseIndexes(ctx.status.completedIndexes, completions);
  const newIndexes = pods
    .filter((p) => p.status?.phase === 'Succeeded' && hasJobTrackingFinalizer(p))
    .map((p) => getCompletionIndex(p.metadata.annotations))
    .filter((ix) => ix >= 0 && ix < completions);
  ctx.succeededIndexes = withOrderedIndexes(ctx.prevSucceededIndexes, [...new Set(newIndexes)]);
  ctx.succeeded = totalIndexes(ctx.succeededIndexes);
  if (hasBackoffLimitPerIndex(job)) {
    const failedIndexes = calculateFailedIndexes(job, pods);
    ctx.failedIndexes = failedIndexes;
    if (!ctx.finishedCondition) {
      const failedCount = totalIndexes(failedIndexes);
      const maxFailed = job.spec?.maxFailedIndexes;
      if (maxFailed !== undefined && maxFailed !== null && failedCount > maxFailed) {
        // [1]
        ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.MaxFailedIndexesExceeded, JobMessages.maxFailedIndexesExceeded, nowTs);
      } else if (failedCount > 0 && failedCount + totalIndexes(ctx.succeededIndexes) >= completions) {
        // [2]
        ctx.finishedCondition = newCondition('FailureTarget', 'True', JobConditionReasons.FailedIndexes, JobMessages.failedIndexes, nowTs);
      }
    }
    const parse = (ts: string) => deps.core.clock.parse(ts);
    ctx.podsWithDelayedDeletionPerIndex = getPodsWithDelayedDeletionPerIndex({ ...ctx, failedIndexes }, parse);
  }
  if (!ctx.finishedCondition) {
    // [3]
    const message = matchSuccessPolicy(job.spec?.successPolicy, completions, ctx.succeededIndexes);
    if (message !== undefined) ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', JobConditionReasons.SuccessPolicy, message, nowTs);
  }
}

function requeueAfter(ctx: SyncJobCtx, ms: number): void {
  ctx.requeueAfterMs = ctx.requeueAfterMs === undefined ? ms : Math.min(ctx.requeueAfterMs, ms);
}

/**
 * `manageJob`: deletes active pods of a suspended Job or beyond what is wanted, else creates the
 * missing ones (after the pod-failure back-off, per index with backoffLimitPerIndex; Indexed
 * replacements carry the failure counts of the pod they replace); returns the active count.
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
  // Only failed pods are replaced: the terminating ones still hold their place.
  const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
  const diff = Math.min(wantActive - terminating - active, MAX_POD_CREATE_DELETE_PER_SYNC);
  if (diff <= 0) return active;
  const nowMs = deps.core.clock.now();
  // With backoffLimitPerIndex each index has its own back-off (below).
  const remainingMs = hasBackoffLimitPerIndex(job) ? 0 : getRemainingTimeMs(ctx.newBackoffRecord, nowMs);
  if (remainingMs > 0) {
    requeueAfter(ctx, Math.max(remainingMs, SYNC_JOB_BATCH_PERIOD_MS));
    // Upstream once returned 0 here; the fix (kubernetes#139428) reports the real count.
    return active;
  }
  const template = job.spec?.template;
  const withFinalizer = { ...template, metadata: { ...template?.metadata, finalizers: [...(template?.metadata?.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER] } };
  if (!isIndexedJob(job)) {
    for (let i = 0; i < diff; i++) if (tryCreate(deps, withFinalizer, job)) active++;
    return active;
  }
  const pending = {
    activePods,
    succeededIndexes: ctx.succeededIndexes,
    ...(onlyReplaceFailedPods(job) ? { terminatingPods: filterTerminatingPods(ctx.pods) } : {}),
    ...(ctx.failedIndexes ? { failedIndexes: ctx.failedIndexes } : {}),
  };
  let indexes = firstPendingIndexes(pending, diff, job.spec?.completions ?? 0);
  if (hasBackoffLimitPerIndex(job)) {
    const [now, indexRemainingMs] = getPodCreationInfoForIndependentIndexes(deps, indexes, ctx.podsWithDelayedDeletionPerIndex);
    if (indexRemainingMs > 0) {
      requeueAfter(ctx, Math.max(indexRemainingMs, SYNC_JOB_BATCH_PERIOD_MS));
      return active;
    }
    indexes = now;
  }
  const jobName = job.metadata.name ?? '';
  for (const ix of indexes) {
    let podTemplate = indexedTemplate(withFinalizer, jobName, ix);
    if (hasBackoffLimitPerIndex(job)) podTemplate = withIndexFailureCountAnnotation(podTemplate, job, ctx.podsWithDelayedDeletionPerIndex.get(ix));
    if (tryCreate(deps, podTemplate, job, podGenerateNameWithIndex(jobName, ix))) active++;
  }
  return active;
}

/**
 * `getPodCreationInfoForIndependentIndexes`: the indexes whose back-off is over; if none, the
 * shortest remaining back-off.
 */
function getPodCreationInfoForIndependentIndexes(deps: JobSyncDeps, indexes: readonly number[], lastFailedPods: ReadonlyMap<number, PodObject>): [number[], number] {
  const nowMs = deps.core.clock.now();
  const parse = (ts: string) => deps.core.clock.parse(ts);
  const now: number[] = [];
  let minRemainingMs: number | undefined;
  for (const ix of indexes) {
    const remaining = getRemainingTimePerIndex(lastFailedPods.get(ix), nowMs, parse);
    if (remaining === 0) now.push(ix);
    else if (minRemainingMs === undefined || remaining < minRemainingMs) minRemainingMs = remaining;
  }
  return now.length > 0 ? [now, 0] : [now, minRemainingMs ?? 0];
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
