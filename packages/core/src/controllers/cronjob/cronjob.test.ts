import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../events/recorder.js';
import { oneNodeWithBinder } from '../../kubelet/testing.js';
import { CronJobMessages, CronJobReasons } from '../events.js';
import { installControllers } from '../install-controllers.js';
import type { JobObject } from '../job/job-utils.js';
import { makeCronJob } from '../testing/index.js';
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION, type CronJobObject } from './cronjob-utils.js';

const setup = oneNodeWithBinder;
type C = ReturnType<typeof setup>;

// The clock starts at 2026-01-01T00:00:00Z: 29453760 minutes after the epoch.
const MINUTE0 = 29453760;
const jobName = (minute: number, cj = 'hello') => `${cj}-${MINUTE0 + minute}`;
const getCronJob = (c: C, name = 'hello') => c.core.store.get<CronJobObject>('CronJob', 'default', name) as CronJobObject;
const jobNames = (c: C) => c.core.store.list<JobObject>('Job', 'default').map((j) => j.metadata.name).sort();
const events = (c: C, name = 'hello') => c.core.recorder.eventsFor(getCronJob(c, name)).map((e: CoreEvent) => `${e.type} ${e.reason} ${e.message}`);
const withTimeZone = (b: ReturnType<typeof makeCronJob>, timeZone: string) => {
  const obj = b.obj();
  return { ...obj, spec: { ...obj.spec, timeZone } } as CronJobObject;
};
const resume = (c: C) => {
  const cj = getCronJob(c);
  c.core.api.update({ ...cj, spec: { ...cj.spec, suspend: false } });
};

describe('CronJob controller (syncCronJob)', () => {
  it('1 */5: a Job at each 5-minute mark named <cronjob>-<minutes>, with the scheduled-timestamp annotation and a controller reference', () => {
    const c = setup();
    c.core.api.create(makeCronJob().obj());
    c.advance('4m59s');
    expect(jobNames(c)).toEqual([]);
    c.advance('2s');
    expect(jobNames(c)).toEqual([jobName(5)]);
    const job = c.core.store.get<JobObject>('Job', 'default', jobName(5)) as JobObject;
    const cj = getCronJob(c);
    expect(job.metadata.annotations).toEqual({ [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: '2026-01-01T00:05:00Z' });
    expect(job.metadata.creationTimestamp).toBe('2026-01-01T00:05:00Z');
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // The Job got the Job defaults; the CronJob its own.
    expect(job.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1 });
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(cj.status?.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(cj.status?.active).toEqual([{ kind: 'Job', namespace: 'default', name: jobName(5), uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: expect.any(String) }]);
    c.advance('10m10s');
    expect(jobNames(c)).toEqual([jobName(5), jobName(10), jobName(15)]);
    const done = getCronJob(c);
    expect(done.status?.active).toBeUndefined();
    expect(done.status?.lastScheduleTime).toBe('2026-01-01T00:15:00Z');
    expect(done.status?.lastSuccessfulTime).toMatch(/^2026-01-01T00:15:0\dZ$/);
    expect(events(c)).toEqual([
      `Normal SuccessfulCreate Created job ${jobName(5)}`,
      `Normal SawCompletedJob Saw completed job: ${jobName(5)}, condition: Complete`,
      `Normal SuccessfulCreate Created job ${jobName(10)}`,
      `Normal SawCompletedJob Saw completed job: ${jobName(10)}, condition: Complete`,
      `Normal SuccessfulCreate Created job ${jobName(15)}`,
      `Normal SawCompletedJob Saw completed job: ${jobName(15)}, condition: Complete`,
    ]);
    expect(c.core.recorder.eventsFor(done)[0].source.component).toBe('cronjob-controller');
  });

  it('2 the controller sleeps until the next schedule time: a handful of syncs over an hour, none per second', () => {
    const c = setup();
    c.core.api.create(makeCronJob().schedule('0 * * * *').obj());
    const controller = installControllers(c.core).cronJob.controller;
    c.advance('59m');
    expect(controller.syncs).toBeLessThanOrEqual(2);
    c.advance('2m');
    expect(jobNames(c)).toEqual([jobName(60)]);
  });

  it('3 Forbid: no new Job while one is active; JobAlreadyActive', () => {
    const c = setup();
    c.core.api.create(makeCronJob().command('sleep', '3600').concurrencyPolicy('Forbid').obj());
    c.advance('11m');
    expect(jobNames(c)).toEqual([jobName(5)]);
    expect(events(c)).toEqual([`Normal SuccessfulCreate Created job ${jobName(5)}`, `Normal ${CronJobReasons.JobAlreadyActive} ${CronJobMessages.jobAlreadyActive}`]);
    expect(CronJobMessages.jobAlreadyActive).toBe('Not starting job because prior execution is running and concurrency policy is Forbid');
  });

  it('4 Replace: the active Job is deleted and the new one takes its place', () => {
    const c = setup();
    c.core.api.create(makeCronJob().command('sleep', '3600').concurrencyPolicy('Replace').obj());
    c.advance('11m');
    expect(jobNames(c)).toEqual([jobName(10)]);
    expect(getCronJob(c).status?.active?.map((r) => r.name)).toEqual([jobName(10)]);
    expect(events(c)).toEqual([
      `Normal SuccessfulCreate Created job ${jobName(5)}`,
      `Normal SuccessfulDelete Deleted job ${jobName(5)}`,
      `Normal SuccessfulCreate Created job ${jobName(10)}`,
    ]);
  });

  it('5 Allow: a running Job does not stop the next one', () => {
    const c = setup();
    c.core.api.create(makeCronJob().command('sleep', '3600').obj());
    c.advance('11m');
    expect(jobNames(c)).toEqual([jobName(10), jobName(5)].sort());
    expect(getCronJob(c).status?.active).toHaveLength(2);
  });

  it('6 history limits: the oldest finished Jobs beyond successfulJobsHistoryLimit and failedJobsHistoryLimit are deleted', () => {
    const c = setup();
    c.core.api.create(makeCronJob().schedule('*/1 * * * *').historyLimits(2, 1).obj());
    c.core.api.create(makeCronJob().name('fail').schedule('*/1 * * * *').command('false').backoffLimit(0).historyLimits(2, 1).obj());
    c.advance('5m30s');
    expect(jobNames(c)).toEqual([jobName(5, 'fail'), jobName(4), jobName(5)].sort());
    expect(events(c)).toContain(`Normal SuccessfulDelete Deleted job ${jobName(1)}`);
    expect(events(c, 'fail')).toContain(`Normal SawCompletedJob Saw completed job: ${jobName(1, 'fail')}, condition: Failed`);
    expect(events(c, 'fail')).toContain(`Normal SuccessfulDelete Deleted job ${jobName(4, 'fail')}`);
    expect(events(c).filter((e) => e.includes('SuccessfulDelete'))).toEqual([1, 2, 3].map((m) => `Normal SuccessfulDelete Deleted job ${jobName(m)}`));
  });

  it('7 suspend: no Jobs while suspended; on resume without a deadline the most recent missed time runs at once', () => {
    const c = setup();
    c.core.api.create(makeCronJob().suspend().obj());
    c.advance('32m');
    expect(jobNames(c)).toEqual([]);
    resume(c);
    c.advance('1s');
    expect(jobNames(c)).toEqual([jobName(30)]);
  });

  it('8 startingDeadlineSeconds after a long suspension: a missed time older than the deadline is skipped', () => {
    const c = setup();
    c.core.api.create(makeCronJob().suspend().startingDeadlineSeconds(60).obj());
    c.advance('32m');
    resume(c);
    c.advance('2m');
    expect(jobNames(c)).toEqual([]);
    c.advance('1m1s');
    expect(jobNames(c)).toEqual([jobName(35)]);
  });

  it('9 startingDeadlineSeconds wide enough: the missed time within it still starts', () => {
    const c = setup();
    c.core.api.create(makeCronJob().suspend().startingDeadlineSeconds(300).obj());
    c.advance('32m');
    resume(c);
    c.advance('1s');
    expect(jobNames(c)).toEqual([jobName(30)]);
  });

  it('10 more than 100 missed times: TooManyMissedTimes, then the most recent one starts', () => {
    const c = setup();
    c.core.api.create(makeCronJob().schedule('* * * * *').suspend().obj());
    c.advance('3h');
    resume(c);
    c.advance('1s');
    expect(jobNames(c)).toEqual([jobName(180)]);
    expect(events(c)[0]).toBe(`Warning TooManyMissedTimes ${CronJobMessages.tooManyMissed}`);
    expect(CronJobMessages.tooManyMissed).toBe('too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
  });
});

describe('CronJob ownership', () => {
  it('11 deleting the CronJob garbage-collects its Jobs (controller references with blockOwnerDeletion)', () => {
    const c = setup();
    c.core.api.create(makeCronJob().command('sleep', '3600').obj());
    c.advance('11m');
    expect(jobNames(c)).toHaveLength(2);
    c.core.api.delete('CronJob', 'default', 'hello');
    c.advance('1m');
    expect(jobNames(c)).toEqual([]);
  });
});

describe('CronJob validation', () => {
  it.each([
    ['a bad schedule', (b: ReturnType<typeof makeCronJob>) => b.schedule('61 * * * *'), 'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ['TZ in the schedule', (b: ReturnType<typeof makeCronJob>) => b.schedule('TZ=UTC * * * * *'), 'spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ['a negative deadline', (b: ReturnType<typeof makeCronJob>) => b.startingDeadlineSeconds(-1), 'spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0'],
    ['a 53-character name', (b: ReturnType<typeof makeCronJob>) => b.name('a'.repeat(53)), `metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`],
  ])('%s', (_name, build, message) => {
    const c = setup();
    expect(() => c.core.api.create(build(makeCronJob()).obj())).toThrow(message);
  });

  it('timeZone: an unknown zone with Go text; UTC and any IANA zone accepted; Local refused', () => {
    const c = setup();
    expect(() => c.core.api.create(withTimeZone(makeCronJob().name('a'), 'Europe/Pariss'))).toThrow('spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss');
    expect(() => c.core.api.create(withTimeZone(makeCronJob().name('b'), 'Local'))).toThrow('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
    expect(() => c.core.api.create(withTimeZone(makeCronJob().name('c'), 'europe/paris'))).toThrow('spec.timeZone: Invalid value: "europe/paris": unknown time zone europe/paris');
    expect(c.core.api.create(withTimeZone(makeCronJob().name('d'), 'Etc/UTC')).metadata.name).toBe('d');
    expect(c.core.api.create(withTimeZone(makeCronJob().name('e'), 'Europe/Paris')).metadata.name).toBe('e');
    expect(c.core.api.create(withTimeZone(makeCronJob().name('f'), 'Asia/Kolkata')).metadata.name).toBe('f');
  });
});

describe('CronJob timeZone', () => {
  it('1 America/New_York 0 9 * * *: the Job starts at 09:00 EST = 14:00Z, named by its minutes since the epoch, annotated in the zone', () => {
    const c = setup();
    c.core.api.create(withTimeZone(makeCronJob().schedule('0 9 * * *'), 'America/New_York'));
    c.advance('13h59m59s');
    expect(jobNames(c)).toEqual([]);
    c.advance('2s');
    expect(jobNames(c)).toEqual([jobName(14 * 60)]);
    const job = c.core.store.get<JobObject>('Job', 'default', jobName(14 * 60)) as JobObject;
    expect(job.metadata.annotations).toEqual({ [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: '2026-01-01T09:00:00-05:00' });
    expect(job.metadata.creationTimestamp).toBe('2026-01-01T14:00:00Z');
    expect(getCronJob(c).status?.lastScheduleTime).toBe('2026-01-01T14:00:00Z');
    expect(events(c)[0]).toBe(`Normal SuccessfulCreate Created job ${jobName(14 * 60)}`);
  });

  it('2 Asia/Kolkata (+05:30) hourly: Jobs at :30Z, annotated +05:30', () => {
    const c = setup();
    c.core.api.create(withTimeZone(makeCronJob().schedule('0 * * * *'), 'Asia/Kolkata'));
    c.advance('29m59s');
    expect(jobNames(c)).toEqual([]);
    c.advance('2s');
    expect(jobNames(c)).toEqual([jobName(30)]);
    c.advance('1h');
    expect(jobNames(c)).toEqual([jobName(30), jobName(90)]);
    const job = c.core.store.get<JobObject>('Job', 'default', jobName(90)) as JobObject;
    expect(job.metadata.annotations?.[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]).toBe('2026-01-01T07:00:00+05:30');
    expect(getCronJob(c).status?.lastScheduleTime).toBe('2026-01-01T01:30:00Z');
  });

  it('3 changing spec.timeZone moves the wake-up to the schedule in the new zone', () => {
    const c = setup();
    c.core.api.create(makeCronJob().schedule('0 9 * * *').obj());
    c.advance('1h');
    const cj = getCronJob(c);
    c.core.api.update({ ...cj, spec: { ...cj.spec, timeZone: 'Asia/Kolkata' } });
    // 09:00 in Kolkata is 03:30Z, long before the 09:00Z wake-up of the UTC schedule.
    c.advance('2h29m59s');
    expect(jobNames(c)).toEqual([]);
    c.advance('2s');
    expect(jobNames(c)).toEqual([jobName(3 * 60 + 30)]);
  });

  it('4 a zone the controller cannot load: UnknownTimeZone, no Job', () => {
    const c = setup();
    // Stored as if validated against other tz data: the API server would refuse it today.
    c.core.store.create(withTimeZone(makeCronJob(), 'Mars/Olympus'));
    c.advance('10m');
    expect(jobNames(c)).toEqual([]);
    expect(events(c)).toContain(`Warning ${CronJobReasons.UnknownTimeZone} invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus`);
    expect(CronJobMessages.unknownTimeZone('Mars/Olympus', 'unknown time zone Mars/Olympus')).toBe('invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus');
  });
});
