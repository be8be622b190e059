import type { JobSpec } from 'kubernetes-types/batch/v1';
import { describe, expect, it } from 'vitest';
import { evictPod } from '../../api/policy/eviction.js';
import type { CoreEvent } from '../../events/recorder.js';
import { oneNodeWithBinder } from '../../kubelet/testing.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { JobConditionReasons, JobMessages } from '../events.js';
import { makeJob } from '../testing/index.js';
import { getRemainingTimeMs } from './backoff-utils.js';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_INDEX_FAILURE_COUNT_ANNOTATION, JOB_TRACKING_FINALIZER } from './defaults.js';
import { formatIntervals, parseIndexes, podGenerateNameWithIndex } from './indexed-job-utils.js';
import type { JobObject } from './job-utils.js';

const setup = oneNodeWithBinder;
type C = ReturnType<typeof setup>;

const getJob = (c: C, name = 'pi') => c.core.store.get<JobObject>('Job', 'default', name) as JobObject;
const pods = (c: C) => c.core.store.list<PodObject>('Pod', 'default');
const events = (c: C, name = 'pi') => c.core.recorder.eventsFor(getJob(c, name)).map((e: CoreEvent) => `${e.type} ${e.reason} ${e.message}`);
const conditions = (c: C, name = 'pi') => (getJob(c, name).status?.conditions ?? []).map((x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`);
const createdAt = (c: C) => pods(c).map((p) => c.core.clock.parse(p.metadata.creationTimestamp ?? '')).sort((a, b) => a - b);
const created = (c: C, name = 'pi') => c.core.recorder.eventsFor(getJob(c, name)).filter((e) => e.reason === 'SuccessfulCreate').length;
/** A Job manifest from the builder with extra spec fields (podFailurePolicy, successPolicy…). */
const withSpec = (b: ReturnType<typeof makeJob>, extra: Partial<JobSpec>) => {
  const job = b.obj();
  return { ...job, spec: { ...job.spec, ...extra } } as typeof job;
};
/** The pods of completion index `ix`, oldest first. */
const podsOfIndex = (c: C, ix: number) =>
  pods(c)
    .filter((p) => p.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] === String(ix))
    .sort((a, b) => c.core.clock.parse(a.metadata.creationTimestamp ?? '') - c.core.clock.parse(b.metadata.creationTimestamp ?? ''));
/** Ends the `main` container of a running pod with `exitCode`, as its process would. */
const exitMain = (c: C, pod: PodObject, exitCode: number) => {
  const runtime = c.w.kubelets.get(c.nodes[0])?.runtime;
  const container = runtime?.latest(pod.metadata.uid ?? '', 'main');
  if (!runtime || !container) throw new Error(`no running main container in ${pod.metadata.name}`);
  runtime.exit(container, exitCode);
};
const failJobOn42: Partial<JobSpec> = { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] } };

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

  it('9 podFailurePolicy FailJob on exit code 42: FailureTarget then Failed with reason PodFailurePolicy, no retry', () => {
    const c = setup();
    c.core.api.create(withSpec(makeJob().name('pi').command('sh', '-c', 'exit 42'), failJobOn42));
    c.advance('2m');
    const pod = pods(c)[0].metadata.name;
    const message = `Container main for pod default/${pod} failed with exit code 42 matching FailJob rule at index 0`;
    expect(conditions(c)).toEqual([`FailureTarget=True PodFailurePolicy: ${message}`, `Failed=True PodFailurePolicy: ${message}`]);
    // backoffLimit 6 is not what failed it: one pod, never replaced.
    expect(created(c)).toBe(1);
    expect(getJob(c).status).toMatchObject({ failed: 1, terminating: 0 });
    expect(events(c).at(-1)).toBe(`Warning PodFailurePolicy ${message}`);
  });

  it('10 podFailurePolicy FailJob: the other running pods are terminated and the Job is Failed once they are gone', () => {
    const c = setup();
    c.core.api.create(withSpec(makeJob().name('pi').command('sleep', '3600').completions(2).parallelism(2), failJobOn42));
    c.advance('5s');
    const [victim, other] = pods(c);
    exitMain(c, victim, 42);
    c.advance('2s');
    const message = JobMessages.podFailurePolicyExitCode('main', 'default', victim.metadata.name ?? '', 42, 'FailJob', 0);
    expect(conditions(c)).toEqual([`FailureTarget=True ${JobConditionReasons.PodFailurePolicy}: ${message}`]);
    expect(c.core.store.get<PodObject>('Pod', 'default', other.metadata.name ?? '')?.metadata.deletionTimestamp).toBeDefined();
    expect(getJob(c).status?.terminating).toBe(1);
    c.advance('1m');
    expect(conditions(c).at(-1)).toBe(`Failed=True PodFailurePolicy: ${message}`);
    // Every pod not terminated when the Job failed counts as failed.
    expect(getJob(c).status).toMatchObject({ failed: 2, terminating: 0 });
    expect(created(c)).toBe(2);
  });

  it('11 podFailurePolicy: a pod is only matched once terminal (a sidecar still runs after main exited 42)', () => {
    const c = setup();
    const job = withSpec(makeJob().name('pi').command('sh', '-c', 'exit 42'), failJobOn42);
    job.spec?.template.spec?.containers.push({ name: 'sidecar', image: 'busybox', command: ['sleep', '20'] });
    c.core.api.create(job);
    c.advance('10s');
    expect(pods(c)[0].status?.containerStatuses?.find((s) => s.name === 'main')?.state?.terminated?.exitCode).toBe(42);
    expect(pods(c)[0].status?.phase).toBe('Running');
    expect(getJob(c).status?.conditions).toBeUndefined();
    c.advance('30s');
    expect(conditions(c).at(-1)).toMatch(/^Failed=True PodFailurePolicy: Container main for pod default\/pi-\w+ failed with exit code 42 matching FailJob rule at index 0$/);
  });

  it('12 podFailurePolicy Ignore on DisruptionTarget: an evicted pod is replaced once Failed, not counted; the Job succeeds with backoffLimit 0', () => {
    const c = setup();
    const job = withSpec(makeJob().name('pi').command('sleep', '20').backoffLimit(0), {
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' } as never] }] },
    });
    if (job.spec?.template.spec) job.spec.template.spec.terminationGracePeriodSeconds = 5;
    c.core.api.create(job);
    // Defaulting: the pattern's status is True, podReplacementPolicy Failed.
    expect(getJob(c).spec?.podFailurePolicy?.rules[0].onPodConditions?.[0].status).toBe('True');
    expect(getJob(c).spec?.podReplacementPolicy).toBe('Failed');
    c.advance('4s');
    const evicted = pods(c)[0].metadata.name ?? '';
    let last: PodObject | undefined;
    c.core.store.watch<PodObject>('Pod', (e) => {
      if (e.object.metadata.name === evicted) last = e.object;
    });
    evictPod(c.core.api, 'default', evicted);
    c.advance('3s');
    // Terminating, not yet Failed: not replaced (podReplacementPolicy Failed).
    expect(created(c)).toBe(1);
    expect(getJob(c).status).toMatchObject({ terminating: 1 });
    c.advance('10s');
    // Killed at the end of its 5 s grace: Failed with DisruptionTarget, released, deleted.
    expect(c.core.store.get<PodObject>('Pod', 'default', evicted)).toBeUndefined();
    expect(last?.status?.phase).toBe('Failed');
    expect(last?.status?.conditions?.some((x) => x.type === 'DisruptionTarget' && x.status === 'True')).toBe(true);
    c.advance('1m');
    expect(created(c)).toBe(2);
    expect(conditions(c).at(-1)).toBe('Complete=True CompletionsReached: Reached expected number of succeeded pods');
    expect(getJob(c).status?.succeeded).toBe(1);
    expect(getJob(c).status?.failed).toBeUndefined();
  });

  it('13 podFailurePolicy Count: the first matching rule counts the failure against backoffLimit, later rules are not looked at', () => {
    const c = setup();
    const policy: Partial<JobSpec> = {
      podFailurePolicy: {
        rules: [
          { action: 'Count', onExitCodes: { operator: 'In', values: [42] } },
          { action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [0] } },
        ],
      },
    };
    c.core.api.create(withSpec(makeJob().name('pi').command('sh', '-c', 'exit 42').backoffLimit(0), policy));
    c.advance('1m');
    expect(conditions(c)).toEqual([
      `FailureTarget=True BackoffLimitExceeded: ${JobMessages.backoffLimitExceeded}`,
      `Failed=True BackoffLimitExceeded: ${JobMessages.backoffLimitExceeded}`,
    ]);
    expect(getJob(c).status?.failed).toBe(1);
    expect(created(c)).toBe(1);
  });

  it('14 successPolicy succeededIndexes "0" on an Indexed Job of completions 3: SuccessCriteriaMet, the others terminated, then Complete', () => {
    const c = setup();
    c.core.api.create(withSpec(makeJob().name('pi').command('sleep', '3600').indexed().completions(3).parallelism(3), { successPolicy: { rules: [{ succeededIndexes: '0' }] } }));
    c.advance('5s');
    expect(pods(c)).toHaveLength(3);
    exitMain(c, podsOfIndex(c, 0)[0], 0);
    c.advance('2s');
    expect(conditions(c)).toEqual(['SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0']);
    for (const ix of [1, 2]) expect(podsOfIndex(c, ix)[0].metadata.deletionTimestamp).toBeDefined();
    c.advance('1m');
    expect(conditions(c)).toEqual(['SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0', 'Complete=True SuccessPolicy: Matched rules at index 0']);
    expect(getJob(c).status).toMatchObject({ succeeded: 1, completedIndexes: '0', terminating: 0 });
    expect(getJob(c).status?.failed).toBeUndefined();
    expect(pods(c).map((p) => p.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION])).toEqual(['0']);
    expect(created(c)).toBe(3);
    expect(events(c).at(-1)).toBe('Normal Completed Job completed');
  });

  it('15 backoffLimitPerIndex 1, index 1 fails twice: failedIndexes "1", then Failed FailedIndexes once the others finished', () => {
    const c = setup();
    c.core.api.create(withSpec(makeJob().name('pi').command('sleep', '30').indexed().completions(3).parallelism(3), { backoffLimitPerIndex: 1 }));
    expect(getJob(c).spec?.backoffLimit).toBe(2147483647);
    c.advance('5s');
    expect(pods(c).map((p) => p.metadata.annotations?.[JOB_INDEX_FAILURE_COUNT_ANNOTATION])).toEqual(['0', '0', '0']);
    expect(getJob(c).status?.failedIndexes).toBe('');
    const [first] = podsOfIndex(c, 1);
    exitMain(c, first, 1);
    c.advance('5s');
    // The failed pod keeps its finalizer (uncounted) until its replacement exists; the index waits 10 s.
    expect(podsOfIndex(c, 1)).toHaveLength(1);
    expect(c.core.store.get<PodObject>('Pod', 'default', first.metadata.name ?? '')?.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    expect(getJob(c).status?.failed).toBeUndefined();
    c.advance('7s');
    const [, second] = podsOfIndex(c, 1);
    expect(second.metadata.annotations?.[JOB_INDEX_FAILURE_COUNT_ANNOTATION]).toBe('1');
    expect(c.core.clock.parse(second.metadata.creationTimestamp ?? '') - c.core.clock.parse(first.metadata.creationTimestamp ?? '')).toBeGreaterThanOrEqual(10_000);
    expect(c.core.store.get<PodObject>('Pod', 'default', first.metadata.name ?? '')?.metadata.finalizers).toBeUndefined();
    expect(getJob(c).status).toMatchObject({ failed: 1, failedIndexes: '' });
    exitMain(c, second, 1);
    c.advance('3s');
    expect(getJob(c).status).toMatchObject({ failed: 2, failedIndexes: '1' });
    expect(getJob(c).status?.conditions).toBeUndefined();
    c.advance('1m');
    expect(podsOfIndex(c, 1)).toHaveLength(2);
    expect(conditions(c)).toEqual([`FailureTarget=True FailedIndexes: ${JobMessages.failedIndexes}`, 'Failed=True FailedIndexes: Job has failed indexes']);
    expect(getJob(c).status).toMatchObject({ succeeded: 2, completedIndexes: '0,2', failed: 2, failedIndexes: '1' });
    expect(events(c).at(-1)).toBe('Warning FailedIndexes Job has failed indexes');
  });

  it('16 maxFailedIndexes 0 with a FailIndex rule: the first failed index fails the Job at once (MaxFailedIndexesExceeded)', () => {
    const c = setup();
    const spec: Partial<JobSpec> = {
      backoffLimitPerIndex: 3,
      maxFailedIndexes: 0,
      podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [42] } }] },
    };
    c.core.api.create(withSpec(makeJob().name('pi').command('sleep', '3600').indexed().completions(2).parallelism(2), spec));
    c.advance('5s');
    exitMain(c, podsOfIndex(c, 0)[0], 42);
    c.advance('1m');
    expect(conditions(c)).toEqual([
      `FailureTarget=True MaxFailedIndexesExceeded: ${JobMessages.maxFailedIndexesExceeded}`,
      'Failed=True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes',
    ]);
    expect(getJob(c).status).toMatchObject({ failedIndexes: '0', failed: 2 });
    expect(created(c)).toBe(2);
  });
});
