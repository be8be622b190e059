/**
 * Indexed Jobs: completion indexes of pods, the compressed interval lists of
 * `status.completedIndexes` (`1,3-5`), the first pending indexes, and the per-index pod template
 * changes (annotation, label, env var, hostname, generateName).
 * @see kubernetes pkg/controller/job/indexed_job_utils.go
 */
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { COMPLETION_INDEX_ENV_NAME, JOB_COMPLETION_INDEX_ANNOTATION, MAX_GENERATED_NAME_LENGTH } from './defaults.js';

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

/** `parseIndexesFromString`: indexes at or above `completions` are dropped. */
export function parseIndexes(text: string | undefined, completions: number): Interval[] {
  if (!text) return [];
  const out: { first: number; last: number }[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const first = Number.parseInt(a, 10);
    if (Number.isNaN(first)) continue;
    if (first >= completions) break;
    let last = b === undefined ? first : Number.parseInt(b, 10);
    if (Number.isNaN(last)) continue;
    if (last >= completions) last = completions - 1;
    const prev = out[out.length - 1];
    if (prev && prev.last === first - 1) prev.last = last;
    else out.push({ first, last });
  }
  return out;
}

/** `firstPendingIndexes`: the lowest `count` indexes below `completions` neither active nor succeeded. */
export function firstPendingIndexes(active: readonly Pod[], succeeded: readonly Interval[], count: number, completions: number): number[] {
  const busy = withOrderedIndexes(
    succeeded,
    active.map((p) => getCompletionIndex(p.metadata?.annotations)).filter((i) => i >= 0),
  );
  const out: number[] = [];
  for (let ix = 0; ix < completions && out.length < count; ix++) if (!hasIndex(busy, ix)) out.push(ix);
  return out;
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
