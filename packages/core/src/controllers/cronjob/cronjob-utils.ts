/**
 * Pure helpers of the CronJob controller: the schedule string with its time zone, the active
 * list, the most recent unmet schedule time, the requeue delay, and the Job made from the
 * template. Times are epoch ms (instants: the zone only decides which instants a schedule picks).
 * @see kubernetes pkg/controller/cronjob/utils.go (inActiveList, inActiveListByName,
 *   deleteFromActiveList, mostRecentScheduleTime, nextScheduleTimeDuration, nextScheduleTime,
 *   getJobFromTemplate2, getTimeHashInMinutes, byJobStartTime), cronjob_controllerv2.go
 *   (getJobName, formatSchedule)
 */
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { formatRFC3339In } from '../../api/cron/civil-time.js';
import type { Schedule } from '../../api/cron/spec.js';
import { loadLocation, resolveLocation, UTC } from '../../api/cron/time-zone.js';
import type { KubeObject } from '../../api/object.js';
import { CronJobMessages } from '../events.js';
import type { JobObject } from '../job/job-utils.js';

/** A stored CronJob. */
export type CronJobObject = CronJob & KubeObject;

/** `batchv1.CronJobScheduledTimestampAnnotation`. */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** `nextScheduleDelta`: requeue padding for clock skew (utils.go). */
export const NEXT_SCHEDULE_DELTA_MS = 100;
/** More missed schedules than this are "many" (utils.go). */
export const MANY_MISSED_SCHEDULES = 100;

/** `missedSchedulesType`. */
export type MissedSchedules = 'none' | 'few' | 'many';

/**
 * `formatSchedule` without its event: the schedule as written when it names a `TZ` itself, else
 * `TZ=<spec.timeZone> <schedule>` when the zone loads, so the schedule runs in that zone.
 */
export function formatSchedule(cj: CronJobObject): string {
  const schedule = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) return schedule;
  const timeZone = cj.spec?.timeZone;
  if (timeZone !== undefined && timeZone !== null) {
    if (loadLocation(timeZone) !== undefined) return schedule;
    return `TZ=${timeZone} ${schedule}`;
  }
  return schedule;
}

/** `inActiveList`. */
export function inActiveList(active: readonly ObjectReference[], uid: string | undefined): boolean {
  return active.some((j) => j.uid === uid);
}

/** `inActiveListByName`. */
export function inActiveListByName(active: readonly ObjectReference[], namespace: string | undefined, name: string): boolean {
  return active.some((j) => j.name === name && j.namespace === namespace);
}

/** `deleteFromActiveList`. */
export function deleteFromActiveList(active: readonly ObjectReference[], uid: string | undefined): ObjectReference[] {
  return active.filter((j) => j.uid !== uid);
}

/** What `mostRecentScheduleTime` returns. */
export interface MostRecent {
  readonly earliestMs: number;
  readonly mostRecentMs?: number;
  readonly missed: MissedSchedules;
  readonly error?: string;
}

/**
 * `mostRecentScheduleTime`: from the last schedule time (or creation), optionally no earlier
 * than `now - startingDeadlineSeconds`, the latest activation at or before `now`. Two
 * activations are computed; beyond them the number missed is estimated from their interval.
 */
export function mostRecentScheduleTime(
  earliest: number,
  startingDeadlineSeconds: number | undefined,
  now: number,
  schedule: Schedule,
  includeStartingDeadlineSeconds: boolean,
): MostRecent {
  let earliestMs = earliest;
  if (includeStartingDeadlineSeconds && startingDeadlineSeconds !== undefined) {
    const schedulingDeadline = now - startingDeadlineSeconds * 1000;
    if (schedulingDeadline > earliestMs) earliestMs = schedulingDeadline;
  }
  const t1 = schedule.next(earliestMs);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && now < t1) return { earliestMs, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && now < t2) return { earliestMs, mostRecentMs: t1, missed: 'none' };
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (t1 === undefined || between < 1) return { earliestMs, missed: 'none', error: CronJobMessages.lessThanOneSecond };
  const elapsed = Math.trunc((now - t1) / 1000);
  const numberOfMissed = Math.floor(elapsed / between) + 1;
  const potentialEarliest = t1 + (numberOfMissed - 2) * between * 1000;
  let mostRecentMs: number | undefined;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= now; t = schedule.next(t)) mostRecentMs = t;
  const missed: MissedSchedules = numberOfMissed > MANY_MISSED_SCHEDULES ? 'many' : 'few';
  return { earliestMs, mostRecentMs, missed };
}

/** The last schedule time, else the creation time, of a CronJob (epoch ms). */
export function lastScheduleOrCreation(cj: CronJobObject, toEpochMs: (ts: string) => number): number {
  const ts = cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '';
  return toEpochMs(ts);
}

/**
 * `nextScheduleTimeDuration`: ms until the activation after the most recent one (or after now),
 * plus `nextScheduleDelta`. Undefined when the schedule never fires again.
 */
export function nextScheduleTimeDuration(earliest: number, now: number, schedule: Schedule): number | undefined {
  const r = mostRecentScheduleTime(earliest, undefined, now, schedule, false);
  let from: number;
  if (r.error !== undefined) from = now;
  else if (r.mostRecentMs === undefined) from = r.missed === 'none' ? r.earliestMs : now;
  else from = r.mostRecentMs;
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** `getTimeHashInMinutes`. */
export function getTimeHashInMinutes(scheduledMs: number): number {
  return Math.floor(scheduledMs / 60_000);
}

/** `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>`. */
export function getJobName(cj: CronJobObject, scheduledMs: number): string {
  return `${cj.metadata.name}-${getTimeHashInMinutes(scheduledMs)}`;
}

/**
 * `getJobFromTemplate2`: the template's labels and annotations, the scheduled-timestamp
 * annotation (RFC 3339 in `spec.timeZone`, UTC without one: `2026-01-01T09:00:00-05:00`), a
 * controller reference, and a copy of the template's spec.
 * @remarks Upstream fails when the zone does not load; the sync never gets here then (it stops
 * at `UnknownTimeZone`), so UTC stands in.
 */
export function getJobFromTemplate2(cj: CronJobObject, scheduledMs: number): KubeObject {
  const template = cj.spec?.jobTemplate;
  const labels = { ...(template?.metadata?.labels ?? {}) };
  const location = resolveLocation(cj.spec?.timeZone ?? '');
  const scheduledTimestamp = formatRFC3339In(typeof location === 'string' ? UTC : location, scheduledMs);
  const annotations = { ...(template?.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: scheduledTimestamp };
  const metadata = {
    name: getJobName(cj, scheduledMs),
    namespace: cj.metadata.namespace,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    annotations,
    ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
  };
  return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(template?.spec ?? {}) } as KubeObject;
}

/** `getRef` of a Job: an ObjectReference in Go field order. */
export function jobRef(job: JobObject): ObjectReference {
  const m = job.metadata;
  return { kind: 'Job', namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: 'batch/v1', resourceVersion: m.resourceVersion };
}

/** `byJobStartTime`: started before unstarted, earlier start first, then by name. */
export function byJobStartTime(a: Job & KubeObject, b: Job & KubeObject, toEpochMs: (ts: string) => number): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  const ta = sa ? toEpochMs(sa) : 0;
  const tb = sb ? toEpochMs(sb) : 0;
  if (ta === tb) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
  return ta - tb;
}
