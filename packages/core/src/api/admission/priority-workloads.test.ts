import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { DeploymentController } from '../../controllers/deployment/deployment-controller.js';
import type { PodObject } from '../../controllers/replicaset/controller-utils.js';
import { ReplicaSetController } from '../../controllers/replicaset/replica-set.js';
import { StatefulSetController } from '../../controllers/statefulset/stateful-set.js';
import { FakeKubelet, makeDeployment, makeStatefulSet } from '../../controllers/testing/index.js';
import type { CoreEvent } from '../../events/recorder.js';
import { priorityClassManifest } from '../validation/testing.js';

function setup() {
  const core = new CoreCluster({ seed: 5 });
  new ReplicaSetController(core);
  new DeploymentController(core);
  new StatefulSetController(core);
  new FakeKubelet(core);
  core.api.create({ ...priorityClassManifest('high', 1000), preemptionPolicy: 'Never' });
  return core;
}

const priorities = (core: CoreCluster) =>
  core.store.list<PodObject>('Pod', 'default').map((p) => [p.spec?.priorityClassName, p.spec?.priority, p.spec?.preemptionPolicy]);

describe('Priority admission for controller-created pods', () => {
  it('a Deployment pod with a priorityClassName gets its priority and preemption policy', () => {
    const core = setup();
    core.api.create(makeDeployment().name('web').replicas(2).priorityClassName('high').obj());
    core.loop.advance('5s');
    expect(priorities(core)).toEqual([
      ['high', 1000, 'Never'],
      ['high', 1000, 'Never'],
    ]);
  });

  it('a StatefulSet pod gets the default priority when its template names no class', () => {
    const core = setup();
    core.api.create(makeStatefulSet().name('db').replicas(1).obj());
    core.loop.advance('5s');
    expect(priorities(core)).toEqual([[undefined, 0, 'PreemptLowerPriority']]);
  });

  it('a StatefulSet pod with a system class gets its value', () => {
    const core = setup();
    core.api.create(makeStatefulSet().name('db').replicas(1).priorityClassName('system-cluster-critical').obj());
    core.loop.advance('5s');
    expect(priorities(core)).toEqual([['system-cluster-critical', 2_000_000_000, 'PreemptLowerPriority']]);
  });

  it('a missing class leaves the ReplicaSet with a FailedCreate event naming the pod prefix', () => {
    const core = setup();
    core.api.create(makeDeployment().name('web').replicas(1).priorityClassName('missing').obj());
    core.loop.advance('5s');
    expect(core.store.list('Pod', 'default')).toEqual([]);
    const [rs] = core.store.list('ReplicaSet', 'default');
    const events = core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', rs?.metadata.uid ?? '');
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toContain(
      `Warning FailedCreate Error creating: pods "${rs?.metadata.name}-" is forbidden: no PriorityClass with name missing was found`,
    );
  });
});
