import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../events/recorder.js';
import { oneNodeWithBinder } from '../../kubelet/testing.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { JobConditionReasons, JobMessages } from '../events.js';
import { makeJob } from '../testing/index.js';
import { getRemainingTimeMs } from './backoff-utils.js';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_TRACKING_FINALIZER } from './defaults.js';
import { formatIntervals, parseIndexes, podGenerateNameWithIndex } from './indexed-job-utils.js';
import type { JobObject } from './job-utils.js';

const setup = oneNodeWithBinder;
type C = ReturnType<typeof setup>;

const getJob = (c: C, name = 'pi') => c.core.store.get<JobObject>('Job', 'default', name) as JobObject;
const pods = (c: C) => c.core.store.list<PodObject>('Pod', 'default');
const events = (c: C, name = 'pi') => c.core.recorder.eventsFor(getJob(c, name)).map((e: CoreEvent) => `${e.type} ${e.reason} ${e.message}`);
const conditions = (c: C, name = 'pi') => (getJob(c, name).status?.conditions ?? []).map((x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`);
const createdAt = (c: C) => pods(c).map((p) => c.core.clock.parse(p.metadata.creationTimestamp ?? '')).sort((a, b) => a - b);

describe('Job controller', () => {
  it('1 completions 3 parallelism 2: two pods at a time, counts, then SuccessCriteriaMet and Complete with completionTime', () => {
    const c = setup();
    c.core.api.create(makeJob().name('pi').completions(3).parallelism(2).obj());
    c.core.loop.settle();
    expect(pods(c)).toHaveLength(2);
    const first = getJob(c).status;
    expect(first).toMatchObject({ active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {}, startTime: '2026-01-01T00:00:00Z' });
    expect(first?.succeeded).toBeUndefined();
    for (const p of pods(c)) {
      expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
      expect(p.metadata.labels?.['batch.kubernetes.io/job-name']).toBe('pi');
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', controller: true, blockOwnerDeletion: true });
    }
    c.advance('4s');
    // Two succeeded and were counted (finalizers gone); the third runs alone.
    expect(getJob(c).status).toMatchObject({ succeeded: 2, active: 1 });
    expect(pods(c)).toHaveLength(3);
    expect(pods(c).filter((p) => p.metadata.finalizers)).toHaveLength(1);
    expect(getJob(c).status?.conditions).toBeUndefined();
    c.advance('10s');
    const done = getJob(c).status;
    expect(done?.succeeded).toBe(3);
    expect(done?.active).toBeUndefined();
    expect(conditions(c)).toEqual([
      `SuccessCriteriaMet=True ${JobConditionReasons.CompletionsReached}: Reached expected number of succeeded pods`,
      `Complete=True ${JobConditionReasons.CompletionsReached}: Reached expected number of succeeded pods`,
    ]);
    expect(done?.completionTime).toBe(done?.conditions?.[1].lastTransitionTime);
    expect(c.core.clock.parse(done?.completionTime ?? '')).toBeGreaterThan(0);
    expect(pods(c).every((p) => !p.metadata.finalizers)).toBe(true);
    const evs = events(c);
    expect(evs.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: pi-'))).toHaveLength(3);
    expect(evs.at(-1)).toBe('Normal Completed Job completed');
    expect(c.core.recorder.eventsFor(getJob(c))[0].source.component).toBe('job-controller');
  });

  it('2 a failing pod: re-created after 10 s then 20 s, then FailureTarget and Failed BackoffLimitExceeded', () => {
    const c = setup();
    c.core.api.create(makeJob().name('pi').command('false').backoffLimit(2).obj());
    c.advance('2m');
    const created = createdAt(c);
    expect(created).toHaveLength(3);
    const gaps = [created[1] - created[0], created[2] - created[1]];
    // Each pod runs ~2 s before it fails; the back-off adds 10 s, then 20 s.
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
    expect(gaps[0]).toBeLessThan(20_000);
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
    expect(gaps[1]).toBeLessThan(30_000);
    expect(getJob(c).status?.failed).toBe(3);
    expect(conditions(c)).toEqual([
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(getJob(c).status?.completionTime).toBeUndefined();
    expect(events(c).at(-1)).toBe(`Warning ${JobConditionReasons.BackoffLimitExceeded} ${JobMessages.backoffLimitExceeded}`);
  });

  it('3 the pod-failure back-off doubles from 10 s and stops at 10 minutes', () => {
    const at = (failures: number) => getRemainingTimeMs({ key: 'k', failuresAfterLastSuccess: failures, lastFailureTimeMs: 0 }, 0);
    expect([0, 1, 2, 3, 7, 8, 20].map(at)).toEqual([0, 10_000, 20_000, 40_000, 600_000, 600_000, 600_000]);
    expect(getRemainingTimeMs({ key: 'k', failuresAfterLastSuccess: 2, lastFailureTimeMs: 0 }, 15_000)).toBe(5_000);
  });

  it('4 activeDeadlineSeconds: FailureTarget DeadlineExceeded, the pod is deleted, Failed once it is gone', () => {
    const c = setup();
    c.core.api.create(makeJob().name('pi').command('sleep', '3600').activeDeadlineSeconds(5).obj());
    c.advance('6s');
    expect(conditions(c)).toEqual(['FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline']);
    expect(pods(c)[0].metadata.deletionTimestamp).toBeDefined();
    expect(getJob(c).status?.terminating).toBe(1);
    c.advance('1m');
    expect(pods(c)).toHaveLength(0);
    expect(conditions(c)).toEqual([
      'FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline',
      'Failed=True DeadlineExceeded: Job was active longer than specified deadline',
    ]);
    expect(getJob(c).status).toMatchObject({ failed: 1, terminating: 0 });
    expect(events(c).at(-1)).toBe('Warning DeadlineExceeded Job was active longer than specified deadline');
  });

  it('5 restartPolicy OnFailure: the kubelet restarts the container; restarts reaching backoffLimit fail the Job', () => {
    const c = setup();
    c.core.api.create(makeJob().name('pi').command('false').restartPolicy('OnFailure').backoffLimit(2).obj());
    c.advance('2m');
    expect(c.core.recorder.eventsFor(getJob(c)).filter((e) => e.reason === 'SuccessfulCreate')).toHaveLength(1);
    expect(conditions(c).at(-1)).toBe('Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit');
  });

  it('6 Indexed: <job>-<index>- names, index annotation and label, hostname, JOB_COMPLETION_INDEX, completedIndexes', () => {
    const c = setup();
    c.core.api.create(makeJob().name('pi').completions(3).parallelism(2).indexed().obj());
    c.core.loop.settle();
    const first = pods(c).sort((a, b) => (a.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] ?? '').localeCompare(b.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] ?? ''));
    expect(first.map((p) => p.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION])).toEqual(['0', '1']);
    first.forEach((p, i) => {
      expect(p.metadata.name).toMatch(new RegExp(`^pi-${i}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels?.[JOB_COMPLETION_INDEX_ANNOTATION]).toBe(String(i));
      expect(p.spec?.hostname).toBe(`pi-${i}`);
      expect(p.spec?.containers[0].env).toEqual([
        { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } },
      ]);
    });
    c.advance('4s');
    expect(getJob(c).status).toMatchObject({ completedIndexes: '0,1', succeeded: 2 });
    expect(pods(c).some((p) => p.metadata.name?.startsWith('pi-2-'))).toBe(true);
    c.advance('10s');
    expect(getJob(c).status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
    expect(conditions(c).at(-1)).toBe('Complete=True CompletionsReached: Reached expected number of succeeded pods');
  });

  it('7 interval lists print and parse as upstream (`0,1`, `0-2`) and generateName keeps the index', () => {
    expect(formatIntervals(parseIndexes('0,1,3-5,7', 10))).toBe('0,1,3-5,7');
    expect(formatIntervals(parseIndexes('0-4,5,6', 10))).toBe('0-6');
    expect(formatIntervals(parseIndexes('2-9', 5))).toBe('2-4');
    expect(podGenerateNameWithIndex('a'.repeat(60), 12)).toBe(`${'a'.repeat(54)}-12-`);
  });

  it('8 deleting the Job releases the tracking finalizers of its pods', () => {
    const c = setup();
    c.core.api.create(makeJob().name('pi').command('sleep', '3600').obj());
    c.advance('3s');
    expect(pods(c)[0].metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    c.core.api.delete('Job', 'default', 'pi');
    c.advance('2m');
    expect(pods(c)).toHaveLength(0);
  });
});
