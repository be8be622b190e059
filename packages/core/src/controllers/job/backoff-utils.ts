/**
 * The pod-failure back-off of a Job: failures since the last success and when the last one
 * happened, kept per Job key; the delay doubles from 10 s to the cap. With backoffLimitPerIndex
 * each index has its own delay, from its last failed pod.
 * @see kubernetes pkg/controller/job/backoff_utils.go
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { DEFAULT_JOB_POD_FAILURE_BACKOFF_MS, MAX_JOB_POD_FAILURE_BACKOFF_MS } from './defaults.js';
import { getIndexAbsoluteFailureCount } from './job-utils.js';

/** `backoffRecord`. */
export interface BackoffRecord {
  readonly key: string;
  readonly failuresAfterLastSuccess: number;
  /** Virtual ms of the last failure. */
  readonly lastFailureTimeMs?: number;
}

/**
 * `getFinishedTime`: the latest container finish, else the Ready=False transition, else the
 * deletion time less its grace, else the creation time.
 */
export function getFinishedTimeMs(p: Pod, parse: (ts: string) => number): number {
  const statuses = p.status?.containerStatuses ?? [];
  let latest: number | undefined;
  let allFinished = statuses.length > 0;
  for (const s of statuses) {
    const at = s.state?.terminated?.finishedAt;
    if (!at) {
      allFinished = false;
      break;
    }
    latest = Math.max(latest ?? Number.NEGATIVE_INFINITY, parse(at));
  }
  if (allFinished && latest !== undefined) return latest;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return parse(ready.lastTransitionTime);
  if (p.metadata?.deletionTimestamp) return parse(p.metadata.deletionTimestamp) - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parse(p.metadata?.creationTimestamp ?? '');
}

/** `backoffStore`: records by Job key. */
export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /** `newBackoffRecord`: the stored record advanced by this sync's newly finished pods. */
  newBackoffRecord(key: string, succeeded: readonly Pod[], failed: readonly Pod[], parse: (ts: string) => number): BackoffRecord {
    const old = this.records.get(key) ?? { key, failuresAfterLastSuccess: 0 };
    const byTime = (pods: readonly Pod[]) => pods.map((p) => getFinishedTimeMs(p, parse)).sort((a, b) => a - b);
    const failedTimes = byTime(failed);
    if (succeeded.length === 0) {
      if (failedTimes.length === 0) return old;
      return { key, failuresAfterLastSuccess: old.failuresAfterLastSuccess + failedTimes.length, lastFailureTimeMs: failedTimes[failedTimes.length - 1] };
    }
    const lastSuccess = byTime(succeeded)[succeeded.length - 1];
    let failures = 0;
    let lastFailureTimeMs: number | undefined;
    for (let i = failedTimes.length - 1; i >= 0 && failedTimes[i] > lastSuccess; i--) {
      lastFailureTimeMs ??= failedTimes[i];
      failures++;
    }
    return { key, failuresAfterLastSuccess: failures, ...(lastFailureTimeMs === undefined ? {} : { lastFailureTimeMs }) };
  }

  /** `updateBackoffRecord`. */
  update(record: BackoffRecord): void {
    this.records.set(record.key, record);
  }

  /** `removeBackoffRecord`. */
  remove(key: string): void {
    this.records.delete(key);
  }
}

/** `backoffRecord.getRemainingTime`: the Job-wide delay before re-creating pods. */
export function getRemainingTimeMs(record: BackoffRecord, nowMs: number): number {
  return getRemainingTimeForFailuresCount(record.failuresAfterLastSuccess, record.lastFailureTimeMs, nowMs);
}

/**
 * `getRemainingTimePerIndex` (backoffLimitPerIndex): the delay before re-creating an index, from
 * its last failed pod: the failures so far (its counted and ignored failure annotations, plus
 * itself) and its finish time; 0 without a failed pod.
 */
export function getRemainingTimePerIndex(lastFailedPod: Pod | undefined, nowMs: number, parse: (ts: string) => number): number {
  if (!lastFailedPod) return 0;
  return getRemainingTimeForFailuresCount(getIndexAbsoluteFailureCount(lastFailedPod) + 1, getFinishedTimeMs(lastFailedPod, parse), nowMs);
}

/** `getRemainingTimeForFailuresCount`: 10 s × 2^(failures−1), capped, less the time since the last failure. */
function getRemainingTimeForFailuresCount(failures: number, lastFailureTimeMs: number | undefined, nowMs: number): number {
  if (failures === 0 || lastFailureTimeMs === undefined) return 0;
  let backoff = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= MAX_JOB_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_JOB_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = nowMs - lastFailureTimeMs;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
