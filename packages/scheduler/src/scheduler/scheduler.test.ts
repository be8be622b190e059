import type { KubeObject } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { Pod, PersistentVolumeClaim } from '../api/types.js';
import { ANN_SELECTED_NODE, LABEL_TOPOLOGY_ZONE } from '../api/well-known.js';
import {
  addNodes,
  eventMessages,
  getPod,
  installFakeBinder,
  makePod,
  makePV,
  makePVC,
  makeReplicaSet,
  makeStorageClass,
  newCluster,
} from '../testing/index.js';
import { installScheduler } from './scheduler.js';

const settle = (core: { loop: { settle(): void } }) => core.loop.settle();

describe('scheduler scenarios', () => {
  it('1-1 successful bind records Scheduled and PodScheduled=True', () => {
    const { core, nodes } = newCluster(1);
    installScheduler(core);
    core.store.create(makePod('x').req('100m', '128Mi').obj());
    settle(core);
    const pod = getPod(core, 'x');
    expect(nodes).toContain(pod.spec.nodeName);
    expect(eventMessages(core, pod, 'Scheduled')).toEqual([`Successfully assigned default/x to ${pod.spec.nodeName}`]);
    const ev = core.recorder.eventsFor(pod)[0];
    expect(ev.type).toBe('Normal');
    expect((ev.source as { component: string }).component).toBe('default-scheduler');
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
  });

  it('1-2 pods of another scheduler are left alone', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    core.store.create(makePod('other').schedulerName('my-scheduler').obj());
    settle(core);
    expect(getPod(core, 'other').spec.nodeName).toBeUndefined();
  });

  it('1-3 a pod with scheduling gates waits (SchedulingGated) until an update removes its gates', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    const gated = makePod('gated').obj();
    Object.assign(gated.spec, { containers: [{ name: 'app', image: 'nginx' }], schedulingGates: [{ name: 'example.com/quota' }] });
    core.api.create(gated as unknown as KubeObject);
    core.loop.advance('1m');
    let pod = getPod(core, 'gated');
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: expect.any(String), reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' },
    ]);
    expect(() => core.api.patch('Pod', 'default', 'gated', { spec: { schedulingGates: [{ name: 'example.com/quota' }, { name: 'new' }] } })).toThrow(
      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'new'",
    );
    core.api.patch('Pod', 'default', 'gated', { spec: { schedulingGates: null } });
    settle(core);
    pod = getPod(core, 'gated');
    expect(pod.spec.nodeName).toBeDefined();
    expect(pod.status?.conditions?.find((c) => c.type === 'PodScheduled')?.status).toBe('True');
  });

  it('1-4 a gated pod narrowed to a zone by an update lands in that zone once its gates are removed', () => {
    const { core, nodes } = newCluster(1);
    installScheduler(core);
    const gated = makePod('gated').obj();
    Object.assign(gated.spec, { containers: [{ name: 'app', image: 'nginx' }], schedulingGates: [{ name: 'example.com/quota' }] });
    core.api.create(gated as unknown as KubeObject);
    core.loop.advance('1m');
    core.api.patch('Pod', 'default', 'gated', { spec: { nodeSelector: { [LABEL_TOPOLOGY_ZONE]: 'us-east-1c' } } });
    expect(() => core.api.patch('Pod', 'default', 'gated', { spec: { nodeSelector: { [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' } } })).toThrow(
      'spec.nodeSelector: Invalid value: map[string]string{"topology.kubernetes.io/zone":"us-east-1a"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)',
    );
    core.api.patch('Pod', 'default', 'gated', { spec: { schedulingGates: null } });
    settle(core);
    const zoneC = nodes.find((n) => core.store.get<KubeObject>('Node', undefined, n)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE] === 'us-east-1c');
    expect(zoneC).toBeDefined();
    expect(getPod(core, 'gated').spec.nodeName).toBe(zoneC);
    // Bound, with no gate left: the nodeSelector is frozen again.
    expect(() => core.api.patch('Pod', 'default', 'gated', { spec: { nodeSelector: { [LABEL_TOPOLOGY_ZONE]: 'us-east-1c', disk: 'ssd' } } })).toThrow(
      /spec: Forbidden: pod updates may not change fields other than/,
    );
  });

  it('2-1 nodeSelector zone a with a PV in zone b gives the exact FailedScheduling text', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    core.store.create(makeStorageClass('gp2'));
    core.store.create(makePV('pv-b', { zone: 'us-east-1b', claim: { name: 'data' } }));
    core.store.create(makePVC('data', { volumeName: 'pv-b', bound: true }));
    core.store.create(makePod('x').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' }).pvc('data').obj());
    settle(core);
    const pod = getPod(core, 'x');
    const text =
      "0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";
    expect(eventMessages(core, pod, 'FailedScheduling')).toEqual([text]);
    expect(core.recorder.eventsFor(pod)[0].type).toBe('Warning');
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: text });
  });

  it('2-2 Immediate-bound PV in a zone without nodes gives volume node affinity conflict', () => {
    const { core } = newCluster(0);
    addNodes(core, [
      { zone: 'us-east-1a', count: 1 },
      { zone: 'us-east-1b', count: 1 },
    ]);
    installScheduler(core);
    core.store.create(makeStorageClass('gp2'));
    core.store.create(makePV('pv-c', { zone: 'us-east-1c', claim: { name: 'data' } }));
    core.store.create(makePVC('data', { volumeName: 'pv-c', bound: true }));
    core.store.create(makePod('x').pvc('data').obj());
    settle(core);
    expect(eventMessages(core, getPod(core, 'x'), 'FailedScheduling')).toEqual([
      '0/2 nodes are available: 2 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    ]);
  });

  it('2-3 unbound Immediate claim is rejected in PreFilter', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    core.store.create(makeStorageClass('gp2'));
    core.store.create(makePVC('data'));
    core.store.create(makePod('x').pvc('data').obj());
    settle(core);
    expect(eventMessages(core, getPod(core, 'x'), 'FailedScheduling')).toEqual([
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
  });

  it('2-4 missing claim is rejected with the lister text', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    core.store.create(makePod('x').pvc('data').obj());
    settle(core);
    expect(eventMessages(core, getPod(core, 'x'), 'FailedScheduling')).toEqual([
      '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
  });

  it('2-5 insufficient cpu reports no preemption victims', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    core.store.create(makePod('big').req('4', '1Gi').obj());
    settle(core);
    expect(eventMessages(core, getPod(core, 'big'), 'FailedScheduling')).toEqual([
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ]);
  });

  it('3-1 WaitForFirstConsumer claim gets selected-node of the chosen node; the pod binds after the claim', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    installFakeBinder(core, { delayMs: 5000 });
    core.store.create(makeStorageClass('gp3', { wffc: true }));
    core.store.create(makePVC('data', { className: 'gp3' }));
    core.store.create(makePod('x').pvc('data').obj());
    core.store.create(makePod('y').obj());
    settle(core);
    const claim = core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data');
    const selected = claim?.metadata.annotations?.[ANN_SELECTED_NODE];
    expect(selected).toMatch(/^ip-10-0-\d+-\d+\.ec2\.internal$/);
    expect(getPod(core, 'x').spec.nodeName).toBeUndefined();
    expect(getPod(core, 'y').spec.nodeName).toBeDefined();
    core.loop.advance('5s');
    settle(core);
    expect(getPod(core, 'x').spec.nodeName).toBe(selected);
    expect(core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.status?.phase).toBe('Bound');
  });

  it('3-1b a pod recreated under its name while waiting in PreBind is not bound in its place', () => {
    const { core, nodes } = newCluster(1);
    installScheduler(core);
    installFakeBinder(core, { delayMs: 5000 });
    core.store.create(makeStorageClass('gp3', { wffc: true }));
    core.store.create(makePVC('data', { className: 'gp3' }));
    core.store.create(makePod('x').pvc('data').obj());
    settle(core);
    const old = getPod(core, 'x');
    const selected = core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.metadata.annotations?.[ANN_SELECTED_NODE];
    const other = nodes.find((n) => n !== selected) as string;
    core.store.remove('Pod', 'default', 'x');
    core.store.create(makePod('x').nodeName(other).obj());
    core.loop.advance('5s');
    settle(core);
    expect(getPod(core, 'x').spec.nodeName).toBe(other);
    expect(getPod(core, 'x').metadata.uid).not.toBe(old.metadata.uid);
    const [message] = eventMessages(core, old, 'FailedScheduling');
    expect(message).toBe(
      `running Bind plugin "DefaultBinder": Operation cannot be fulfilled on pods/binding "x": Precondition failed: UID in precondition: ${old.metadata.uid}, UID in object meta: ${getPod(core, 'x').metadata.uid}`,
    );
  });

  it('3-2 WaitForFirstConsumer claim that never binds fails PreBind after 600s', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    core.store.create(makeStorageClass('gp3', { wffc: true }));
    core.store.create(makePVC('data', { className: 'gp3' }));
    core.store.create(makePod('x').pvc('data').obj());
    settle(core);
    core.loop.advance('599s');
    expect(eventMessages(core, getPod(core, 'x'), 'FailedScheduling')).toEqual([]);
    core.loop.advance('1s');
    expect(eventMessages(core, getPod(core, 'x'), 'FailedScheduling')).toEqual([
      'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded',
    ]);
    expect(getPod(core, 'x').spec.nodeName).toBeUndefined();
  });

  it('3-3 WaitForFirstConsumer claim binds a matching static PV in the node zone', () => {
    const { core } = newCluster(1);
    installScheduler(core);
    installFakeBinder(core, { delayMs: 10 });
    core.store.create(makeStorageClass('manual', { wffc: true, provisioner: 'kubernetes.io/no-provisioner' }));
    core.store.create(makePV('pv-c', { className: 'manual', zone: 'us-east-1c' }));
    core.store.create(makePVC('data', { className: 'manual' }));
    core.store.create(makePod('x').pvc('data').obj());
    core.loop.advance('1s');
    const pod = getPod(core, 'x');
    expect(pod.spec.nodeName).toBeDefined();
    expect(core.store.get('Node', undefined, pod.spec.nodeName as string)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE]).toBe('us-east-1c');
    expect(core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data')?.spec.volumeName).toBe('pv-c');
  });

  it('4-1 three replicas of one ReplicaSet spread one per zone by default', () => {
    const { core } = newCluster(2);
    installScheduler(core);
    const labels = { app: 'web', 'pod-template-hash': 'abc' };
    const rs = core.store.create<KubeObject>(makeReplicaSet('web-abc', labels));
    for (const n of ['web-abc-1', 'web-abc-2', 'web-abc-3']) {
      const b = makePod(n).label('app', 'web').label('pod-template-hash', 'abc').req('100m', '128Mi');
      core.store.create(b.owner('ReplicaSet', 'web-abc', rs.metadata.uid as string).obj());
    }
    settle(core);
    const zones = ['web-abc-1', 'web-abc-2', 'web-abc-3'].map((n) => {
      const node = getPod(core, n).spec.nodeName as string;
      return core.store.get('Node', undefined, node)?.metadata.labels?.[LABEL_TOPOLOGY_ZONE];
    });
    expect([...zones].sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });

  it('5-1 node attach limit is honoured', () => {
    const { core } = newCluster(0);
    addNodes(core, [{ zone: 'us-east-1a', count: 1, attachLimit: 2 }]);
    installScheduler(core);
    core.store.create(makeStorageClass('gp3', { wffc: true }));
    installFakeBinder(core, { delayMs: 1 });
    for (const i of [1, 2, 3]) {
      core.store.create(makePVC(`data-${i}`, { className: 'gp3' }));
      core.store.create(makePod(`p${i}`).pvc(`data-${i}`).obj());
    }
    core.loop.advance('10s');
    const bound = [1, 2, 3].filter((i) => getPod(core, `p${i}`).spec.nodeName);
    expect(bound).toEqual([1, 2]);
    expect(eventMessages(core, getPod(core, 'p3'), 'FailedScheduling')).toEqual([
      '0/1 nodes are available: 1 node(s) exceed max volume count. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ]);
  });

  it('6-1 an unschedulable pod is retried when a node is added', () => {
    const { core } = newCluster(0);
    addNodes(core, [{ zone: 'us-east-1a', count: 1 }]);
    installScheduler(core);
    core.store.create(makePod('x').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1b' }).obj());
    settle(core);
    expect(getPod(core, 'x').spec.nodeName).toBeUndefined();
    addNodes(core, [{ zone: 'us-east-1b', count: 1 }]);
    core.loop.advance('1s');
    expect(getPod(core, 'x').spec.nodeName).toBeDefined();
  });

  it('6-3 with no nodes the pod waits with "no nodes available to schedule pods" until one registers', () => {
    const { core } = newCluster(0);
    installScheduler(core);
    core.store.create(makePod('x').obj());
    core.loop.settle();
    const pod = getPod(core, 'x');
    expect(eventMessages(core, pod, 'FailedScheduling')).toEqual(['no nodes available to schedule pods']);
    expect(pod.status?.conditions?.[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    addNodes(core, [{ zone: 'us-east-1a', count: 1 }]);
    core.loop.advance('1s');
    expect(getPod(core, 'x').spec.nodeName).toBeDefined();
  });

  it('6-2 an unschedulable pod is retried by the 5-minute flush', () => {
    const { core } = newCluster(1);
    const s = installScheduler(core);
    core.store.create(makePod('x').nodeSelector({ zone: 'none' }).obj());
    settle(core);
    expect(s.stats.attempts).toBe(1);
    core.loop.advance('299s');
    expect(s.stats.attempts).toBe(1);
    core.loop.advance('31s');
    expect(s.stats.attempts).toBe(2);
    expect(eventMessages(core, getPod(core, 'x'), 'FailedScheduling')).toHaveLength(1);
    expect(core.recorder.eventsFor(getPod(core, 'x'))[0].count).toBe(2);
  });

  it('7-1 explain keeps per-node filter verdicts and the score table', () => {
    const { core } = newCluster(1);
    const s = installScheduler(core);
    core.store.create(makePod('x').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' }).obj());
    core.store.create(makePod('y').obj());
    settle(core);
    const ex = s.explain(getPod(core, 'x'));
    expect(ex.attempts).toHaveLength(1);
    expect(ex.attempts[0].filtered.map((f) => f.plugin)).toEqual(['NodeAffinity', 'NodeAffinity']);
    const ey = s.explain('default/y');
    expect(ey.attempts[0].scores).toHaveLength(3);
    const chosen = (getPod(core, 'y') as Pod).spec.nodeName;
    const row = ey.attempts[0].scores.find((r) => r.node === chosen);
    expect(row?.total).toBe(ey.attempts[0].scores[0].total);
    expect(ey.attempts[0]).toMatchObject({ result: 'Scheduled', node: chosen, numAllNodes: 3, feasibleNodes: 3 });
    expect(Object.keys(ey.attempts[0].scores[0].plugins)).toContain('NodeResourcesFit');
  });
});
