/**
 * The CronJob sync: delete finished Jobs beyond the history limits, reconcile `status.active`
 * with the Jobs it controls, then start the Job of the most recent unmet schedule time (unless
 * suspended, too late, already started, or forbidden by the concurrency policy), write the status
 * once, and ask to run again just after the next schedule time. The schedule runs in
 * `spec.timeZone` (passed to the parser as `TZ=`); Job names, `lastScheduleTime` and the requeue
 * delay are instants, the same in every zone.
 * @see kubernetes pkg/controller/cronjob/cronjob_controllerv2.go (sync, syncCronJob,
 *   cleanupFinishedJobs, removeOldestJobs, deleteJob, formatSchedule, getJobsToBeReconciled)
 */
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { formatRFC1123Z } from '../../api/cron/civil-time.js';
import { CronParseError, parseStandard } from '../../api/cron/parser.js';
import type { Schedule } from '../../api/cron/spec.js';
import { loadLocation } from '../../api/cron/time-zone.js';
import { StatusError } from '../../api/errors.js';
import { getControllerOf } from '../../api/object.js';
import type { CoreCluster } from '../../cluster/core-cluster.js';
import { CronJobMessages, CronJobReasons, WorkloadComponents } from '../events.js';
import { isConditionTrue, isJobFinished, type JobObject } from '../job/job-utils.js';
import type { SyncResult } from '../runtime/controller.js';
import {
  byJobStartTime,
  type CronJobObject,
  deleteFromActiveList,
  formatSchedule,
  getJobFromTemplate2,
  getJobName,
  inActiveList,
  inActiveListByName,
  jobRef,
  lastScheduleOrCreation,
  mostRecentScheduleTime,
  nextScheduleTimeDuration,
} from './cronjob-utils.js';

/** The CronJob being synced: a working copy of its status, written once at the end. */
interface SyncState {
  readonly core: CoreCluster;
  readonly cj: CronJobObject;
  active: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
  updateStatus: boolean;
}

const event = (s: SyncState, type: 'Normal' | 'Warning', reason: string, message: string) =>
  s.core.recorder.event(s.cj, type, reason, message, WorkloadComponents.cronJob);
const epochNow = (core: CoreCluster) => core.loop.clock.startEpochMs + core.loop.clock.now();
const toEpoch = (core: CoreCluster) => (ts: string) => core.loop.clock.startEpochMs + core.loop.clock.parse(ts);
const toTimestamp = (core: CoreCluster, epochMs: number) => core.loop.clock.rfc3339(epochMs - core.loop.clock.startEpochMs);

/** `sync`: the CronJob `namespace/name`, its Jobs, cleanup, syncCronJob, one status write. */
export function syncCronJobKey(core: CoreCluster, namespace: string, name: string): SyncResult {
  const cj = core.store.get<CronJobObject>('CronJob', namespace, name);
  if (!cj) return;
  // getJobsToBeReconciled: every Job whose controller reference names the CronJob.
  const jobs = core.store.list<JobObject>('Job', namespace).filter((j) => getControllerOf(j)?.name === name);
  const s: SyncState = {
    core,
    cj,
    active: [...(cj.status?.active ?? [])],
    lastScheduleTime: cj.status?.lastScheduleTime,
    lastSuccessfulTime: cj.status?.lastSuccessfulTime,
    updateStatus: false,
  };
  cleanupFinishedJobs(s, jobs);
  const requeueAfterMs = syncCronJob(s, jobs);
  if (s.updateStatus) {
    const status = {
      ...(s.active.length > 0 ? { active: s.active } : {}),
      ...(s.lastScheduleTime ? { lastScheduleTime: s.lastScheduleTime } : {}),
      ...(s.lastSuccessfulTime ? { lastSuccessfulTime: s.lastSuccessfulTime } : {}),
    };
    core.api.updateStatus<CronJobObject>('CronJob', namespace, name, status);
  }
  return requeueAfterMs === undefined ? undefined : { requeueAfterMs };
}

/** `deleteJob`: background deletion, then out of the active list. */
function deleteJob(s: SyncState, job: JobObject): boolean {
  try {
    s.core.api.delete('Job', job.metadata.namespace, job.metadata.name ?? '', { propagationPolicy: 'Background' });
  } catch (e) {
    event(s, 'Warning', CronJobReasons.FailedDelete, CronJobMessages.failedDelete((e as Error).message));
    return false;
  }
  s.active = deleteFromActiveList(s.active, job.metadata.uid);
  event(s, 'Normal', CronJobReasons.SuccessfulDelete, CronJobMessages.deleted(job.metadata.name ?? ''));
  return true;
}

/** `cleanupFinishedJobs` / `removeOldestJobs`: oldest-started finished Jobs go first. */
function cleanupFinishedJobs(s: SyncState, jobs: readonly JobObject[]): void {
  const spec = s.cj.spec;
  const byStart = (a: JobObject, b: JobObject) => byJobStartTime(a, b, toEpoch(s.core));
  const groups: [JobObject[], number | undefined][] = [
    [jobs.filter((j) => isConditionTrue(j.status?.conditions, 'Complete')), spec?.successfulJobsHistoryLimit],
    [jobs.filter((j) => !isConditionTrue(j.status?.conditions, 'Complete') && isConditionTrue(j.status?.conditions, 'Failed')), spec?.failedJobsHistoryLimit],
  ];
  for (const [finished, limit] of groups) {
    if (limit === undefined || finished.length <= limit) continue;
    const oldest = [...finished].sort(byStart).slice(0, finished.length - limit);
    for (const job of oldest) if (deleteJob(s, job)) s.updateStatus = true;
  }
}

/** `formatSchedule` with its recorder: a `TZ` in the schedule is warned about. */
function formatScheduleWarning(s: SyncState): string {
  const schedule = s.cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) event(s, 'Warning', CronJobReasons.UnsupportedSchedule, CronJobMessages.unsupportedSchedule(schedule));
  return formatSchedule(s.cj);
}

/** The active list against the Jobs: finished ones leave it, unknown unfinished ones are reported. */
function reconcileActive(s: SyncState, jobs: readonly JobObject[]): void {
  for (const j of jobs) {
    const found = inActiveList(s.active, j.metadata.uid);
    if (!found && !isJobFinished(j)) {
      event(s, 'Warning', CronJobReasons.UnexpectedJob, CronJobMessages.unexpectedJob(j.metadata.name ?? ''));
    } else if (isJobFinished(j)) {
      if (found) {
        const condition = isConditionTrue(j.status?.conditions, 'Complete') ? 'Complete' : 'Failed';
        s.active = deleteFromActiveList(s.active, j.metadata.uid);
        event(s, 'Normal', CronJobReasons.SawCompletedJob, CronJobMessages.sawCompleted(j.metadata.name ?? '', condition));
        s.updateStatus = true;
      }
      const completion = j.status?.completionTime;
      if (isConditionTrue(j.status?.conditions, 'Complete') && completion) {
        if (!s.lastSuccessfulTime || toEpoch(s.core)(completion) > toEpoch(s.core)(s.lastSuccessfulTime)) {
          s.lastSuccessfulTime = completion;
          s.updateStatus = true;
        }
      }
    }
  }
  const children = new Set(jobs.map((j) => j.metadata.uid));
  for (const ref of [...s.active]) {
    if (children.has(ref.uid) || s.core.store.get('Job', ref.namespace, ref.name ?? '')) continue;
    event(s, 'Normal', CronJobReasons.MissingJob, CronJobMessages.missingJob(ref.name ?? ''));
    s.active = deleteFromActiveList(s.active, ref.uid);
    s.updateStatus = true;
  }
}

/** `syncCronJob`; returns the requeue delay (undefined: wait for a spec change). */
function syncCronJob(s: SyncState, jobs: readonly JobObject[]): number | undefined {
  reconcileActive(s, jobs);
  const { cj, core } = s;
  if (cj.metadata.deletionTimestamp) return undefined;
  const timeZone = cj.spec?.timeZone;
  if (timeZone !== undefined && timeZone !== null) {
    const err = loadLocation(timeZone);
    if (err !== undefined) {
      event(s, 'Warning', CronJobReasons.UnknownTimeZone, CronJobMessages.unknownTimeZone(timeZone, err));
      return undefined;
    }
  }
  if (cj.spec?.suspend === true) return undefined;
  let sched: Schedule;
  try {
    sched = parseStandard(formatScheduleWarning(s));
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e;
    event(s, 'Warning', CronJobReasons.UnparseableSchedule, CronJobMessages.unparseableSchedule(cj.spec?.schedule ?? '', e.message));
    return undefined;
  }
  const now = epochNow(core);
  // The working status: a Job just created moves `lastScheduleTime` forward.
  const earliest = () => (s.lastScheduleTime ? toEpoch(core)(s.lastScheduleTime) : lastScheduleOrCreation(cj, toEpoch(core)));
  const requeue = () => nextScheduleTimeDuration(earliest(), now, sched);
  const recent = mostRecentScheduleTime(earliest(), cj.spec?.startingDeadlineSeconds, now, sched, true);
  if (recent.error !== undefined) {
    event(s, 'Warning', CronJobReasons.InvalidSchedule, CronJobMessages.invalidSchedule(cj.spec?.schedule ?? '', recent.error));
    return undefined;
  }
  const scheduled = recent.mostRecentMs;
  if (scheduled === undefined || scheduled > now) return requeue();
  if (recent.missed === 'many') event(s, 'Warning', CronJobReasons.TooManyMissedTimes, CronJobMessages.tooManyMissed);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && scheduled + deadline * 1000 < now) {
    event(s, 'Warning', CronJobReasons.MissSchedule, CronJobMessages.missSchedule(formatRFC1123Z(scheduled)));
    return requeue();
  }
  const lastScheduled = s.lastScheduleTime ? toEpoch(core)(s.lastScheduleTime) : undefined;
  if (inActiveListByName(s.active, cj.metadata.namespace, getJobName(cj, scheduled)) || lastScheduled === scheduled) return requeue();
  if (cj.spec?.concurrencyPolicy === 'Forbid' && s.active.length > 0) {
    event(s, 'Normal', CronJobReasons.JobAlreadyActive, CronJobMessages.jobAlreadyActive);
    return requeue();
  }
  if (cj.spec?.concurrencyPolicy === 'Replace') {
    for (const ref of [...s.active]) {
      const job = core.store.get<JobObject>('Job', ref.namespace, ref.name ?? '');
      if (!job || !deleteJob(s, job)) throw new Error(`could not replace job ${ref.namespace}/${ref.name}`);
      s.updateStatus = true;
    }
  }
  const created = createJob(s, scheduled);
  if (created === undefined) return undefined;
  s.active = [...s.active, jobRef(created)];
  s.lastScheduleTime = toTimestamp(core, scheduled);
  s.updateStatus = true;
  return requeue();
}

/** `CreateJob` and its AlreadyExists handling; undefined when there is nothing to record. */
function createJob(s: SyncState, scheduled: number): JobObject | undefined {
  const req = getJobFromTemplate2(s.cj, scheduled);
  try {
    const job = s.core.api.create<JobObject>(req);
    event(s, 'Normal', CronJobReasons.SuccessfulCreate, CronJobMessages.created(job.metadata.name ?? ''));
    return job;
  } catch (e) {
    if (!(e instanceof StatusError)) throw e;
    if (e.reason !== 'AlreadyExists') {
      event(s, 'Warning', CronJobReasons.FailedCreate, CronJobMessages.failedCreate(e.message));
      throw e;
    }
    // Created earlier but not recorded: record it if it is ours and not yet in the active list.
    const job = s.core.store.get<JobObject>('Job', req.metadata.namespace, req.metadata.name ?? '');
    if (!job || getControllerOf(job)?.uid !== s.cj.metadata.uid || inActiveList(s.active, job.metadata.uid)) return undefined;
    return job;
  }
}
