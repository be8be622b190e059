import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { isStatusError, type StatusError } from '../errors.js';
import type { KubeObject } from '../object.js';
import type { MutableObject } from '../strategy.js';
import { podManifest, priorityClassManifest } from '../validation/testing.js';
import { getDefaultPriorityClass } from './priority.js';

type PodSpec = { priority?: number; preemptionPolicy?: string; priorityClassName?: string };
const specOf = (o: KubeObject) => o.spec as PodSpec;

function pod(spec: PodSpec = {}, name = 'p'): MutableObject {
  const p = podManifest(name);
  Object.assign(p.spec, spec);
  return p;
}

function pcWith(name: string, value: number, extra: Record<string, unknown> = {}): MutableObject {
  return { ...priorityClassManifest(name, value), ...extra };
}

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('Priority admission: pod create', () => {
  it('1 no class and no global default: priority 0, PreemptLowerPriority, no class name', () => {
    const core = new CoreCluster();
    const spec = specOf(core.api.create(pod()));
    expect(spec.priority).toBe(0);
    expect(spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect('priorityClassName' in spec).toBe(false);
  });

  it('2 a named class gives its value and preemption policy', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('batch', 500, { preemptionPolicy: 'Never' }));
    const spec = specOf(core.api.create(pod({ priorityClassName: 'batch' })));
    expect(spec).toMatchObject({ priorityClassName: 'batch', priority: 500, preemptionPolicy: 'Never' });
  });

  it('3 a system class resolves in any namespace', () => {
    const core = new CoreCluster();
    const spec = specOf(core.api.create(pod({ priorityClassName: 'system-node-critical' })));
    expect(spec).toMatchObject({ priority: 2_000_001_000, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('4 the global default class applies to a pod without a class and names it', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('standard', 100, { globalDefault: true, preemptionPolicy: 'Never' }));
    const spec = specOf(core.api.create(pod()));
    expect(spec).toMatchObject({ priorityClassName: 'standard', priority: 100, preemptionPolicy: 'Never' });
  });

  it('5 an unknown class is Forbidden', () => {
    const core = new CoreCluster();
    const err = failure(() => core.api.create(pod({ priorityClassName: 'missing' })));
    expect(err.reason).toBe('Forbidden');
    expect(err.code).toBe(403);
    expect(err.message).toBe('pods "p" is forbidden: no PriorityClass with name missing was found');
    expect(core.store.get('Pod', 'default', 'p')).toBeUndefined();
  });

  it('6 an integer priority other than the computed one is Forbidden', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('batch', 500));
    const err = failure(() => core.api.create(pod({ priorityClassName: 'batch', priority: 7 })));
    expect(err.message).toBe(
      'pods "p" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 500 from the given PriorityClass name',
    );
    expect(failure(() => core.api.create(pod({ priority: 1 }))).message).toBe(
      'pods "p" is forbidden: the integer value of priority (1) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    );
  });

  it('7 the computed priority and policy may be given', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('batch', 500));
    const spec = specOf(core.api.create(pod({ priorityClassName: 'batch', priority: 500, preemptionPolicy: 'PreemptLowerPriority' })));
    expect(spec).toMatchObject({ priority: 500, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('8 a preemption policy other than the computed one is Forbidden', () => {
    const core = new CoreCluster();
    const err = failure(() => core.api.create(pod({ preemptionPolicy: 'Never' })));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe(
      'pods "p" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
  });

  it('9 a pod with only generateName is named by its prefix', () => {
    const core = new CoreCluster();
    const p = pod({ priorityClassName: 'missing' });
    p.metadata = { generateName: 'web-' };
    expect(failure(() => core.api.create(p)).message).toBe('pods "web-" is forbidden: no PriorityClass with name missing was found');
  });

  it('10 a dry run admits like a write', () => {
    const core = new CoreCluster();
    expect(specOf(core.api.create(pod(), { dryRun: true })).priority).toBe(0);
    expect(failure(() => core.api.create(pod({ priorityClassName: 'missing' }), { dryRun: true })).reason).toBe('Forbidden');
  });
});

describe('Priority admission: pod update', () => {
  function created(core: CoreCluster): KubeObject {
    core.api.create(pcWith('batch', 500, { preemptionPolicy: 'Never' }));
    return core.api.create(pod({ priorityClassName: 'batch' }));
  }

  it('an update that leaves priority and preemptionPolicy out keeps the stored ones', () => {
    const core = new CoreCluster();
    const live = created(core);
    const { priority: _p, preemptionPolicy: _pp, ...rest } = live.spec as Record<string, unknown>;
    const next = { ...live, metadata: { ...live.metadata, labels: { app: 'x' } }, spec: rest };
    const spec = specOf(core.api.update(next));
    expect(spec).toMatchObject({ priority: 500, preemptionPolicy: 'Never', priorityClassName: 'batch' });
  });

  it.each<[string, PodSpec]>([
    ['priority', { priority: 501 }],
    ['preemptionPolicy', { preemptionPolicy: 'PreemptLowerPriority' }],
    ['priorityClassName', { priorityClassName: 'other' }],
  ])('%s may not change', (_field, change) => {
    const core = new CoreCluster();
    const live = created(core);
    const err = failure(() => core.api.update({ ...live, spec: { ...(live.spec as object), ...change } }));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toMatch(/^Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than /);
  });
});

describe('Priority admission: PriorityClass globalDefault', () => {
  it('a second global default is Forbidden on create', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('first', 10, { globalDefault: true }));
    const err = failure(() => core.api.create(pcWith('second', 20, { globalDefault: true })));
    expect(err.reason).toBe('Forbidden');
    expect(err.message).toBe(
      'priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist',
    );
  });

  it('marking another class default on update is Forbidden; updating the default itself is not', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('first', 10, { globalDefault: true }));
    const second = core.api.create(pcWith('second', 20));
    const err = failure(() => core.api.update({ ...second, globalDefault: true }));
    expect(err.message).toBe('priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass first is already marked as default. Only one default can exist');
    const first = core.api.mustGet('PriorityClass', undefined, 'first');
    expect(core.api.update({ ...first, description: 'the default' }).description).toBe('the default');
  });

  it('validation errors come before the default check', () => {
    const core = new CoreCluster();
    core.api.create(pcWith('first', 10, { globalDefault: true }));
    const err = failure(() => core.api.create(pcWith('second', 2_000_000_000, { globalDefault: true })));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe('PriorityClass.scheduling.k8s.io "second" is invalid: value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
  });

  it('the lowest-valued global default wins, ties by name', () => {
    const classes = [
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'b' }, value: 5, globalDefault: true },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'c' }, value: 1, globalDefault: false },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'a' }, value: 5, globalDefault: true },
      { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'd' }, value: 9, globalDefault: true },
    ] as KubeObject[];
    const lister = { get: () => undefined, list: () => classes };
    expect(getDefaultPriorityClass(lister)?.metadata.name).toBe('a');
    expect(getDefaultPriorityClass({ get: () => undefined, list: () => classes.slice(1, 2) })).toBeUndefined();
  });
});
