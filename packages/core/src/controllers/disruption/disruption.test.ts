import { describe, expect, it } from 'vitest';
import type { PodDisruptionBudgetObject } from '../../api/policy/pod-disruption-budget.js';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { DeploymentController } from '../deployment/deployment-controller.js';
import type { PodObject } from '../replicaset/controller-utils.js';
import { ReplicaSetController } from '../replicaset/replica-set.js';
import { StatefulSetController } from '../statefulset/stateful-set.js';
import { FakeKubelet, makeDeployment, makePod, makeStatefulSet } from '../testing/index.js';
import { DisruptionController } from './disruption.js';

/** A cluster with the workload and disruption controllers; pods become Ready unless `ready` says no. */
function setup(ready: (name: string) => boolean = () => true) {
  const core = new CoreCluster({ seed: 5 });
  new ReplicaSetController(core);
  new DeploymentController(core);
  new StatefulSetController(core);
  new DisruptionController(core);
  new FakeKubelet(core, { ready: (p) => ready(p.metadata?.name ?? '') });
  return core;
}

function pdb(budget: { minAvailable?: number | string; maxUnavailable?: number | string }, app = 'web') {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: app, namespace: 'default' }, spec: { ...budget, selector: { matchLabels: { app } } } };
}

const status = (core: CoreCluster, name = 'web') => core.store.get<PodDisruptionBudgetObject>('PodDisruptionBudget', 'default', name)?.status;
const counts = (core: CoreCluster, name = 'web') => {
  const s = status(core, name);
  return { expectedPods: s?.expectedPods, desiredHealthy: s?.desiredHealthy, currentHealthy: s?.currentHealthy, disruptionsAllowed: s?.disruptionsAllowed };
};

describe('disruption controller status (getExpectedPodCount)', () => {
  // Deployment web: 5 replicas; the last pod by name then loses its Ready condition.
  function deploymentWithOneUnready(core: CoreCluster) {
    core.api.create(makeDeployment().name('web').replicas(5).obj());
    core.loop.advance('2s');
    const last = core.store.list('Pod', 'default')[4];
    core.api.updateWith<PodObject>('Pod', 'default', last.metadata.name ?? '', (d) => {
      d.status = { ...d.status, conditions: [{ type: 'Ready', status: 'False' }] };
    });
  }

  it.each<[string, { minAvailable?: number | string; maxUnavailable?: number | string }, ReturnType<typeof counts>]>([
    ['minAvailable int counts the selected pods', { minAvailable: 3 }, { expectedPods: 5, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1 }],
    ['minAvailable percent rounds up against the scale', { minAvailable: '50%' }, { expectedPods: 5, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1 }],
    ['maxUnavailable int', { maxUnavailable: 2 }, { expectedPods: 5, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1 }],
    ['maxUnavailable percent rounds up (30% of 5 = 2)', { maxUnavailable: '30%' }, { expectedPods: 5, desiredHealthy: 3, currentHealthy: 4, disruptionsAllowed: 1 }],
    ['maxUnavailable 10% of 5 rounds up to 1', { maxUnavailable: '10%' }, { expectedPods: 5, desiredHealthy: 4, currentHealthy: 4, disruptionsAllowed: 0 }],
    ['minAvailable 100% allows nothing', { minAvailable: '100%' }, { expectedPods: 5, desiredHealthy: 5, currentHealthy: 4, disruptionsAllowed: 0 }],
  ])('Deployment: %s', (_name, budget, want) => {
    const core2 = setup();
    deploymentWithOneUnready(core2);
    core2.api.create(pdb(budget));
    core2.loop.advance('5s');
    expect(counts(core2)).toEqual(want);
    const cond = status(core2)?.conditions?.[0];
    expect(cond).toMatchObject(
      want.disruptionsAllowed
        ? { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1 }
        : { type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: 1 },
    );
    expect(status(core2)?.observedGeneration).toBe(1);
  });

  it('StatefulSet: percentages scale against spec.replicas, not the pods that exist yet', () => {
    // Pods of a StatefulSet start one by one: at 1.5 s only db-0 is Ready; the scale is still 3.
    const core = setup();
    core.api.create(makeStatefulSet().name('db').replicas(3).obj());
    core.api.create(pdb({ maxUnavailable: '34%' }, 'db'));
    core.loop.advance('1500ms');
    expect(counts(core, 'db')).toEqual({ expectedPods: 3, desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 });
    core.loop.advance('10s');
    expect(counts(core, 'db')).toEqual({ expectedPods: 3, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 });
  });

  it('StatefulSet: minAvailable int counts the pods that exist', () => {
    const core = setup();
    core.api.create(makeStatefulSet().name('db').replicas(3).obj());
    core.api.create(pdb({ minAvailable: 2 }, 'db'));
    core.loop.advance('1500ms');
    expect(counts(core, 'db')).toEqual({ expectedPods: 2, desiredHealthy: 2, currentHealthy: 1, disruptionsAllowed: 0 });
  });

  it('no matching pods: the NoPods event and nothing allowed', () => {
    const core = setup();
    const created = core.api.create(pdb({ minAvailable: 1 }));
    core.loop.advance('1s');
    expect(counts(core)).toEqual({ expectedPods: 0, desiredHealthy: 1, currentHealthy: 0, disruptionsAllowed: 0 });
    const events = core.store.byIndex('Event', 'involvedObject.uid', created.metadata.uid ?? '');
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toContain('Normal NoPods No matching pods found');
  });

  it('a percentage over an unmanaged pod: UnmanagedPods warning; SyncFailed when the controller is missing', () => {
    const core = setup();
    core.api.create(makePod().name('bare').labels({ app: 'web' }).obj());
    const created = core.api.create(pdb({ maxUnavailable: '50%' }));
    core.loop.advance('2s');
    const events = core.store.byIndex('Event', 'involvedObject.uid', created.metadata.uid ?? '').map((e) => `${e.type} ${e.reason}`);
    expect(events).toContain('Warning UnmanagedPods');
    expect(counts(core)).toEqual({ expectedPods: 0, desiredHealthy: 0, currentHealthy: 1, disruptionsAllowed: 0 });
    // A pod whose ReplicaSet owner does not exist: the fail-safe status.
    core.api.create({ ...makePod().name('orphaned').labels({ app: 'web' }).obj(), metadata: { name: 'orphaned', namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'u-gone', controller: true }] } });
    core.loop.advance('1s');
    expect(status(core)?.disruptionsAllowed).toBe(0);
    expect(status(core)?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'found no controllers for pod "orphaned"' });
  });
});
