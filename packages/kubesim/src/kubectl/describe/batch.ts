/**
 * `kubectl describe job` and `kubectl describe cronjob`.
 * @see kubectl pkg/describe/describe.go (JobDescriber, describeJob, capIndexesListOrNone,
 *   CronJobDescriber, describeCronJob, describeJobTemplate, printActiveJobs)
 */
import type { KubeObject, ObjectStore } from '@kubesim/core';
import { humanDuration, rfc1123z } from '../duration.js';
import { formatLabelSelector } from '../selectors.js';
import type { PodTemplate } from '../types.js';
import { describePodTemplate } from './workloads.js';
import { describeEvents, type DescribeWriter, eventsFor, printAnnotationsMultiline, printLabelsMultiline } from './writer.js';

/** The Job fields the describer reads. */
interface JobDesc extends KubeObject {
  readonly spec?: {
    readonly selector?: Parameters<typeof formatLabelSelector>[0];
    readonly parallelism?: number;
    readonly completions?: number;
    readonly completionMode?: string;
    readonly suspend?: boolean;
    readonly backoffLimit?: number;
    readonly ttlSecondsAfterFinished?: number;
    readonly activeDeadlineSeconds?: number;
    readonly template?: PodTemplate;
  };
  readonly status?: {
    readonly startTime?: string;
    readonly completionTime?: string;
    readonly active?: number;
    readonly ready?: number;
    readonly succeeded?: number;
    readonly failed?: number;
    readonly completedIndexes?: string;
  };
}

/** `capIndexesListOrNone`: `<none>`, or the list cut after the first comma at or past `softLimit`. */
export function capIndexesListOrNone(indexes: string | undefined, softLimit = 50): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  while (ix < indexes.length && indexes[ix] !== ',') ix++;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

/** Describes a Job. */
export function describeJob(w: DescribeWriter, obj: KubeObject, store: ObjectStore): void {
  const job = obj as JobDesc;
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
  printLabelsMultiline(w, 'Labels', job.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const ctrl = job.metadata.ownerReferences?.find((r) => r.controller);
  if (ctrl) w.write(0, `Controlled By:\t${ctrl.kind}/${ctrl.name}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.completionMode !== undefined) w.write(0, `Completion Mode:\t${spec.completionMode}\n`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${humanDuration(w.parse(st.completionTime) - w.parse(st.startTime))}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
  if (st.ready === undefined) w.write(0, `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n`);
  else w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`);
  if (spec.completionMode === 'Indexed') w.write(0, `Completed Indexes:\t${capIndexesListOrNone(st.completedIndexes)}\n`);
  describePodTemplate(w, spec.template);
  describeEvents(w, eventsFor(store, job));
}

/** The CronJob fields the describer reads. */
interface CronJobDesc extends KubeObject {
  readonly spec?: {
    readonly schedule?: string;
    readonly concurrencyPolicy?: string;
    readonly suspend?: boolean;
    readonly successfulJobsHistoryLimit?: number;
    readonly failedJobsHistoryLimit?: number;
    readonly startingDeadlineSeconds?: number;
    readonly jobTemplate?: { readonly spec?: JobDesc['spec'] };
  };
  readonly status?: { readonly lastScheduleTime?: string; readonly active?: readonly { readonly name?: string }[] };
}

/** `printBoolPtr`. */
const boolPtr = (b: boolean | undefined) => (b === undefined ? '<unset>' : String(b));
/** A `%d` line, or `<unset>`. */
const intOrUnset = (n: number | undefined, suffix = '') => (n === undefined ? '<unset>' : `${n}${suffix}`);

/** Describes a CronJob: schedule and policies, the job template, the last schedule, the active Jobs. */
export function describeCronJob(w: DescribeWriter, obj: KubeObject, store: ObjectStore): void {
  const cj = obj as CronJobDesc;
  const spec = cj.spec ?? {};
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace}\n`);
  printLabelsMultiline(w, 'Labels', cj.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${spec.schedule ?? ''}\n`);
  w.write(0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${boolPtr(spec.suspend)}\n`);
  w.write(0, `Successful Job History Limit:\t${intOrUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${intOrUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${intOrUnset(spec.startingDeadlineSeconds, 's')}\n`);
  // describeJobTemplate
  const template = spec.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${template.selector ? formatLabelSelector(template.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${intOrUnset(template.parallelism)}\n`);
  w.write(0, `Completions:\t${intOrUnset(template.completions)}\n`);
  if (template.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${template.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, template.template);
  const last = cj.status?.lastScheduleTime;
  w.write(0, `Last Schedule Time:\t${last ? rfc1123z(last) : '<unset>'}\n`);
  const active = cj.status?.active ?? [];
  w.write(0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.map((j) => j.name ?? '').join(', ')}\n`);
  describeEvents(w, eventsFor(store, cj));
}
