/**
 * Indexed Jobs: completion indexes of pods, the compressed interval lists of
 * `status.completedIndexes` (`1,3-5`), the first pending indexes, the per-index pod template
 * changes (annotation, label, env var, hostname, generateName), and backoffLimitPerIndex: failed
 * indexes, the failed pods kept until their replacement exists, the failure-count annotations.
 * @see kubernetes pkg/controller/job/indexed_job_utils.go
 */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { getFinishedTimeMs } from './backoff-utils.js';
import {
  COMPLETION_INDEX_ENV_NAME,
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_INDEX_FAILURE_COUNT_ANNOTATION,
  JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION,
  MAX_GENERATED_NAME_LENGTH,
} from './defaults.js';
import { getIndexAbsoluteFailureCount, getIndexFailureCount, getIndexIgnoredFailureCount, hasJobTrackingFinalizer, isPodFailed } from './job-utils.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

/** One closed interval of indexes. */
export interface Interval {
  readonly first: number;
  readonly last: number;
}

/** `getCompletionIndex`: the annotation as a non-negative integer, or -1. */
export function getCompletionIndex(annotations: Readonly<Record<string, string>> | undefined): number {
  const v = annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^[0-9]+$/.test(v)) return -1;
  return Number(v);
}

/** `orderedIntervals.withOrderedIndexes` / `merge`: adds sorted indexes, joining neighbours. */
export function withOrderedIndexes(intervals: readonly Interval[], indexes: readonly number[]): Interval[] {
  const all = [...intervals, ...indexes.map((i) => ({ first: i, last: i }))].sort((a, b) => a.first - b.first);
  const out: { first: number; last: number }[] = [];
  for (const iv of all) {
    const last = out[out.length - 1];
    if (!last || iv.first > last.last + 1) out.push({ ...iv });
    else if (last.last < iv.last) last.last = iv.last;
  }
  return out;
}

/** `orderedIntervals.total`. */
export function totalIndexes(intervals: readonly Interval[]): number {
  return intervals.reduce((n, iv) => n + iv.last - iv.first + 1, 0);
}

/** `orderedIntervals.has`. */
export function hasIndex(intervals: readonly Interval[], ix: number): boolean {
  return intervals.some((iv) => iv.first <= ix && ix <= iv.last);
}

/** `orderedIntervals.String`: `0,2-4`; two neighbours print as `1,2`. */
export function formatIntervals(intervals: readonly Interval[]): string {
  return intervals.map((iv) => (iv.last === iv.first ? `${iv.first}` : `${iv.first}${iv.last === iv.first + 1 ? ',' : '-'}${iv.last}`)).join(',');
}

/** `parseIndexesFromString`: indexes at or above `completions` are dropped; corrupt intervals skipped. */
export function parseIndexes(text: string | undefined, completions: number): Interval[] {
  if (!text) return [];
  const out: { first: number; last: number }[] = [];
  for (const part of text.split(',')) {
    const limits = part.split('-');
    const first = atoi(limits[0]);
    if (first === undefined) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const parsed = atoi(limits[1]);
      if (parsed === undefined) continue;
      last = Math.min(parsed, completions - 1);
    }
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/** `strconv.Atoi` of a decimal integer, or undefined. */
function atoi(text: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** The pods and index sets `firstPendingIndexes` skips (a slice of `syncJobCtx`). */
export interface PendingIndexesInput {
  readonly activePods: readonly Pod[];
  readonly succeededIndexes: readonly Interval[];
  /** Terminating pods, when only failed pods are replaced (podReplacementPolicy Failed). */
  readonly terminatingPods?: readonly Pod[];
  /** `status.failedIndexes`, with backoffLimitPerIndex. */
  readonly failedIndexes?: readonly Interval[];
}

/**
 * `firstPendingIndexes`: the lowest `count` indexes below `completions` that are not succeeded,
 * active, failed, or (only failed pods replaced) held by a terminating pod.
 */
export function firstPendingIndexes(input: PendingIndexesInput, count: number, completions: number): number[] {
  let busy = withOrderedIndexes(input.succeededIndexes, getIndexes(input.activePods));
  if (input.terminatingPods) busy = withOrderedIndexes(busy, getIndexes(input.terminatingPods));
  if (input.failedIndexes) busy = withOrderedIndexes([...busy, ...input.failedIndexes], []);
  const out: number[] = [];
  for (let ix = 0; ix < completions && out.length < count; ix++) if (!hasIndex(busy, ix)) out.push(ix);
  return out;
}

/** `getIndexes`: the sorted, distinct completion indexes of the pods. */
function getIndexes(pods: readonly Pod[]): number[] {
  const set = new Set(pods.map((p) => getCompletionIndex(p.metadata?.annotations)).filter((i) => i >= 0));
  return [...set].sort((a, b) => a - b);
}

/**
 * `calculateFailedIndexes`: `status.failedIndexes` plus the indexes of uncounted pods (still
 * with the tracking finalizer) whose failure fails their index.
 */
export function calculateFailedIndexes(job: Job, pods: readonly Pod[]): Interval[] {
  const completions = job.spec?.completions ?? 0;
  const prev = parseIndexes(job.status?.failedIndexes, completions);
  const failed = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p.metadata?.annotations);
    if (ix >= 0 && ix < completions && hasJobTrackingFinalizer(p) && isIndexFailed(job, p)) failed.add(ix);
  }
  return withOrderedIndexes(prev, [...failed].sort((a, b) => a - b));
}

/**
 * `isIndexFailed`: the pod failed and either matched a FailIndex rule, or its counted failure is
 * the index's last allowed one (failure-count annotation ≥ backoffLimitPerIndex).
 */
export function isIndexFailed(job: Job, pod: Pod): boolean {
  if (!isPodFailed(pod, job)) return false;
  let counted = true;
  if (job.spec?.podFailurePolicy) {
    const { countFailed, action } = matchPodFailurePolicy(job.spec.podFailurePolicy, pod);
    if (action === 'FailIndex') return true;
    counted = countFailed;
  }
  return counted && getIndexFailureCount(pod) >= (job.spec?.backoffLimitPerIndex ?? 0);
}

/** What `getPodsWithDelayedDeletionPerIndex` reads (a slice of `syncJobCtx`). */
export interface DelayedDeletionInput<T extends Pod> {
  readonly job: Job;
  readonly pods: readonly T[];
  readonly activePods: readonly Pod[];
  readonly succeededIndexes: readonly Interval[];
  readonly failedIndexes: readonly Interval[];
}

/**
 * `getPodsWithDelayedDeletionPerIndex`: per index neither succeeded, failed nor active, its last
 * failed uncounted pod (most failures, then latest finish). That pod keeps its tracking finalizer
 * until the replacement exists, which inherits its failure count.
 */
export function getPodsWithDelayedDeletionPerIndex<T extends Pod>(input: DelayedDeletionInput<T>, parse: (ts: string) => number): Map<number, T> {
  const { job } = input;
  const completions = job.spec?.completions ?? 0;
  const activeIndexes = new Set(getIndexes(input.activePods));
  const out = new Map<number, T>();
  for (const p of input.pods) {
    const ix = getCompletionIndex(p.metadata?.annotations);
    // getValidPodsWithFilter: uncounted pods of a valid index.
    if (!hasJobTrackingFinalizer(p) || ix < 0 || ix >= completions || !isPodFailed(p, job)) continue;
    if (hasIndex(input.succeededIndexes, ix) || hasIndex(input.failedIndexes, ix) || activeIndexes.has(ix)) continue;
    const last = out.get(ix);
    if (!last || (getIndexAbsoluteFailureCount(last) <= getIndexAbsoluteFailureCount(p) && getFinishedTimeMs(p, parse) >= getFinishedTimeMs(last, parse))) out.set(ix, p);
  }
  return out;
}

/**
 * `getNewIndexFailureCounts`: the failure-count annotations of a replacement pod: the replaced
 * pod's counts plus its own failure (as ignored when an Ignore rule matched it); 0, 0 for a first pod.
 */
export function getNewIndexFailureCounts(job: Job, podBeingReplaced: Pod | undefined): [failures: number, ignored: number] {
  if (!podBeingReplaced) return [0, 0];
  const failures = getIndexFailureCount(podBeingReplaced);
  const ignored = getIndexIgnoredFailureCount(podBeingReplaced);
  const policy = job.spec?.podFailurePolicy;
  if (policy && !matchPodFailurePolicy(policy, podBeingReplaced).countFailed) return [failures, ignored + 1];
  return [failures + 1, ignored];
}

/** `addIndexFailureCountAnnotation`: the template with the replacement's failure counts. */
export function withIndexFailureCountAnnotation(template: PodTemplateSpec, job: Job, podBeingReplaced: Pod | undefined): PodTemplateSpec {
  const [failures, ignored] = getNewIndexFailureCounts(job, podBeingReplaced);
  const annotations: Record<string, string> = { ...template.metadata?.annotations, [JOB_INDEX_FAILURE_COUNT_ANNOTATION]: String(failures) };
  if (ignored > 0) annotations[JOB_INDEX_IGNORED_FAILURE_COUNT_ANNOTATION] = String(ignored);
  return { ...template, metadata: { ...template.metadata, annotations } };
}

/** `podGenerateNameWithIndex`: `<job>-<index>-`, the job name cut to fit 58 characters. */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const prefix = jobName + suffix;
  return prefix.length > MAX_GENERATED_NAME_LENGTH ? jobName.slice(0, MAX_GENERATED_NAME_LENGTH - suffix.length) + suffix : prefix;
}

/**
 * The template of index `index`: the completion-index annotation and label, hostname
 * `<job>-<index>`, and `JOB_COMPLETION_INDEX` from the label (PodIndexLabel, GA in 1.32) in every
 * container that lacks it (`addCompletionIndexEnvVariables`, `addCompletionIndexAnnotation`,
 * `addCompletionIndexLabel`).
 */
export function indexedTemplate(template: PodTemplateSpec | undefined, jobName: string, index: number): PodTemplateSpec {
  const meta = template?.metadata ?? {};
  const spec = template?.spec ?? { containers: [] };
  const env = { name: COMPLETION_INDEX_ENV_NAME, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.labels['${JOB_COMPLETION_INDEX_ANNOTATION}']` } } };
  const withEnv = <T extends { env?: readonly unknown[] }>(c: T): T =>
    (c.env ?? []).some((v) => (v as { name?: string }).name === COMPLETION_INDEX_ENV_NAME) ? c : { ...c, env: [...(c.env ?? []), env] };
  return {
    ...template,
    metadata: {
      ...meta,
      labels: { ...meta.labels, [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) },
      annotations: { ...meta.annotations, [JOB_COMPLETION_INDEX_ANNOTATION]: String(index) },
    },
    spec: {
      ...spec,
      hostname: `${jobName}-${index}`,
      ...(spec.initContainers ? { initContainers: spec.initContainers.map(withEnv) } : {}),
      containers: spec.containers.map(withEnv),
    },
  };
}
