import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors.js';
import type { KubeObject } from '../api/object.js';
import { podManifest, priorityClassManifest } from '../api/validation/testing.js';
import { Rng } from '../sim/rng.js';
import { CoreCluster, INITIAL_NAMESPACES } from './core-cluster.js';
import { SYSTEM_PRIORITY_CLASSES_HOOK } from './system-priority-classes.js';

const strip = (o: KubeObject) => ({ name: o.metadata.name, generation: o.metadata.generation, value: o.value, globalDefault: o.globalDefault, preemptionPolicy: o.preemptionPolicy, description: o.description });

describe('scheduling/bootstrap-system-priority-classes', () => {
  it('both system classes exist at time zero, defaulted as the API server stores them', () => {
    const core = new CoreCluster();
    expect(core.now()).toBe(0);
    expect(core.store.list('PriorityClass').map(strip)).toEqual([
      {
        name: 'system-cluster-critical',
        generation: 1,
        value: 2_000_000_000,
        globalDefault: undefined,
        preemptionPolicy: 'PreemptLowerPriority',
        description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
      },
      {
        name: 'system-node-critical',
        generation: 1,
        value: 2_000_001_000,
        globalDefault: undefined,
        preemptionPolicy: 'PreemptLowerPriority',
        description: 'Used for system critical pods that must not be moved from their current node.',
      },
    ]);
    const pc = core.store.get('PriorityClass', undefined, 'system-node-critical');
    expect(pc?.metadata.creationTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(pc?.metadata.namespace).toBeUndefined();
  });

  it('draws its uids from its own stream: the API server stream is left to the namespaces and later objects', () => {
    const core = new CoreCluster({ seed: 7 });
    const apiserver = new Rng(7).fork('apiserver');
    for (const _ns of INITIAL_NAMESPACES) apiserver.uuid();
    const next = apiserver.uuid();
    expect(core.api.create(podManifest('p')).metadata.uid).toBe(next);
    const hook = new Rng(7).fork(SYSTEM_PRIORITY_CLASSES_HOOK);
    const expected = [hook.uuid(), hook.uuid()];
    expect(['system-node-critical', 'system-cluster-critical'].map((n) => core.store.get('PriorityClass', undefined, n)?.metadata.uid)).toEqual(expected);
  });

  it.each([['system-node-critical'], ['system-cluster-critical']])('deleting %s is Forbidden, dry run too', (name) => {
    const core = new CoreCluster();
    for (const dryRun of [false, true]) {
      let err: unknown;
      try {
        core.api.delete('PriorityClass', undefined, name, { dryRun });
      } catch (e) {
        err = e;
      }
      expect(isStatusError(err) && err.reason).toBe('Forbidden');
      expect((err as Error).message).toBe(`priorityclasses.scheduling.k8s.io "${name}" is forbidden: this is a system priority class and cannot be deleted`);
    }
    expect(core.store.get('PriorityClass', undefined, name)).toBeDefined();
  });

  it('a user class can be deleted', () => {
    const core = new CoreCluster();
    core.api.create(priorityClassManifest('high', 1000));
    core.api.delete('PriorityClass', undefined, 'high');
    expect(core.store.get('PriorityClass', undefined, 'high')).toBeUndefined();
  });
});
