import { describe, expect, it } from 'vitest';
import { CoreCluster } from '../../cluster/core-cluster.js';
import { addPodsByNodeIndex, type NodeObject } from '../../kubelet/objects.js';
import type { CoreEvent } from '../../events/recorder.js';
import { DaemonSetReasons, WorkloadReasons } from '../events.js';
import { PodGcController } from '../pod-gc/pod-gc.js';
import { isPodReady, type PodObject } from '../replicaset/controller-utils.js';
import { type DaemonSetBuilder, FakeKubelet, type FakeKubeletOptions, makeDaemonSet, makeNode, makePod } from '../testing/index.js';
import { DaemonSetsController } from './daemon-controller.js';
import { failedDaemonPodMessage, type NodeToDaemonPods } from './daemon-sync.js';
import { type DaemonSetObject, getTargetNodeName } from './daemonset-util.js';
import { nodeShouldRunDaemonPod } from './node-should-run-daemon-pod.js';
import { updatedDesiredNodeCounts } from './update.js';

function setup(opts: FakeKubeletOptions = {}, nodes = ['node-a', 'node-b', 'node-c']) {
  const core = new CoreCluster({ seed: 11 });
  const dsc = new DaemonSetsController(core);
  const kubelet = new FakeKubelet(core, { nodeFor: (p) => getTargetNodeName(p) ?? '', ...opts });
  const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  for (const [i, n] of nodes.entries()) core.api.create(makeNode().name(n).zone(zones[i % 3]).obj());
  return { core, dsc, kubelet };
}

const live = (core: CoreCluster) => core.store.list<PodObject>('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);
const byNode = (core: CoreCluster) =>
  Object.fromEntries(
    live(core)
      .map((p) => [p.spec?.nodeName ?? `(pinned ${getTargetNodeName(p)})`, p.metadata.name] as const)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
const status = (core: CoreCluster, name = 'agent') => core.store.get<DaemonSetObject>('DaemonSet', 'default', name)?.status;
/** A template change through the API server (its strategy bumps the template generation). */
function setImage(core: CoreCluster, image: string, name = 'agent'): void {
  const ds = structuredClone(core.store.get<DaemonSetObject>('DaemonSet', 'default', name)) as DaemonSetObject;
  ds.spec!.template.spec!.containers[0].image = image;
  core.api.update(ds);
}
const events = (core: CoreCluster, obj: { metadata: { uid?: string } }) =>
  core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', obj.metadata.uid ?? '').map((e) => `${e.type} ${e.reason} ${e.message}`);

describe('DaemonSet controller', () => {
  it('runs one pod per node across 3 nodes, pinned by a matchFields node-name affinity', () => {
    const { core } = setup();
    const ds = core.api.create<DaemonSetObject>(makeDaemonSet().obj());
    core.loop.advance('5s');
    const pods = live(core);
    expect(Object.keys(byNode(core))).toEqual(['node-a', 'node-b', 'node-c']);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': expect.stringMatching(/^[a-z0-9]+$/), 'pod-template-generation': '1' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
      expect(p.spec?.affinity).toEqual({
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [p.spec?.nodeName] }] }] },
        },
      });
      expect(p.spec?.tolerations).toEqual([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      ]);
    }
    const hash = pods[0].metadata.labels?.['controller-revision-hash'];
    expect(core.store.get('ControllerRevision', 'default', `agent-${hash}`)).toBeDefined();
    expect([...events(core, ds)].sort()).toEqual(pods.map((p) => `Normal ${WorkloadReasons.SuccessfulCreate} Created pod: ${p.metadata.name}`).sort());
    const ev = core.store.byIndex<CoreEvent>('Event', 'involvedObject.uid', ds.metadata.uid ?? '')[0];
    expect(ev.source.component).toBe('daemonset-controller');
    expect(status(core)).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
    });
  });

  it('status fields at each stage: pinned, then ready, then available after minReadySeconds', () => {
    const { core } = setup({ startDelayMs: 2000 });
    core.api.create(makeDaemonSet().minReadySeconds(10).obj());
    core.loop.advance('1s');
    // Pods pinned to their node count as scheduled before they run; omitempty drops zero counts.
    expect(status(core)).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 0,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberUnavailable: 3,
    });
    core.loop.advance('2s');
    expect(status(core)).toMatchObject({ numberReady: 3, numberUnavailable: 3 });
    expect(status(core)).not.toHaveProperty('numberAvailable');
    core.loop.advance('10s');
    expect(status(core)).toMatchObject({ numberReady: 3, numberAvailable: 3 });
    expect(status(core)).not.toHaveProperty('numberUnavailable');
  });

  it('a nodeSelector limits the pods to the nodes of one zone', () => {
    const { core } = setup();
    core.api.create(makeDaemonSet().nodeSelector({ 'topology.kubernetes.io/zone': 'us-east-1b' }).obj());
    core.loop.advance('5s');
    expect(Object.keys(byNode(core))).toEqual(['node-b']);
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1 });
  });

  it('skips a node with an untolerated NoSchedule taint unless the template tolerates it', () => {
    const { core } = setup({}, ['node-a', 'node-b']);
    core.api.create(makeNode().name('gpu').taint({ key: 'gpu', value: 'true', effect: 'NoSchedule' }).obj());
    core.api.create(makeDaemonSet().obj());
    core.api.create(makeDaemonSet().name('gpu-agent').tolerations([{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]).obj());
    core.loop.advance('5s');
    const nodesOf = (app: string) => live(core).filter((p) => p.metadata.labels?.app === app).map((p) => p.spec?.nodeName).sort();
    expect(nodesOf('agent')).toEqual(['node-a', 'node-b']);
    expect(nodesOf('gpu-agent')).toEqual(['gpu', 'node-a', 'node-b']);
    expect(status(core)?.desiredNumberScheduled).toBe(2);
  });

  it('a cordoned node and a not-ready node still get their pod (default tolerations)', () => {
    const { core } = setup({}, ['node-a']);
    core.api.create(makeNode().name('cordoned').unschedulable().obj());
    core.api.create(makeNode().name('not-ready').taint({ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }).obj());
    core.api.create(makeDaemonSet().obj());
    core.loop.advance('5s');
    expect(Object.keys(byNode(core))).toEqual(['cordoned', 'node-a', 'not-ready']);
  });

  it('a NoExecute taint added later removes the pod; a NoSchedule one keeps it', () => {
    const { core } = setup({}, ['node-a', 'node-b']);
    core.api.create(makeDaemonSet().obj());
    core.loop.advance('5s');
    core.api.updateWith<NodeObject>('Node', undefined, 'node-a', (d) => {
      d.spec = { ...d.spec, taints: [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }] };
    });
    core.api.updateWith<NodeObject>('Node', undefined, 'node-b', (d) => {
      d.spec = { ...d.spec, taints: [{ key: 'dedicated', value: 'x', effect: 'NoExecute' }] };
    });
    core.loop.advance('5s');
    expect(Object.keys(byNode(core))).toEqual(['node-a']);
    // node-a keeps its pod but no longer wants one: it is misscheduled.
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 1 });
  });

  it('a node added later gets a pod; a deleted node loses its pod to pod GC', () => {
    const { core } = setup({}, ['node-a', 'node-b']);
    addPodsByNodeIndex(core.store);
    new PodGcController(core);
    core.api.create(makeDaemonSet().obj());
    core.loop.advance('5s');
    core.api.create(makeNode().name('node-c').obj());
    core.loop.advance('5s');
    expect(Object.keys(byNode(core))).toEqual(['node-a', 'node-b', 'node-c']);
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 3, numberReady: 3 });
    core.api.delete('Node', undefined, 'node-a');
    core.loop.advance('2m');
    expect(Object.keys(byNode(core))).toEqual(['node-b', 'node-c']);
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
  });

  it('replaces a failed pod with a FailedDaemonPod event, backing off per node', () => {
    const { core, kubelet } = setup({ terminationDelayMs: 0, startDelayMs: 100 }, ['node-a']);
    const ds = core.api.create<DaemonSetObject>(makeDaemonSet().obj());
    core.loop.advance('5s');
    const first = live(core)[0].metadata.name ?? '';
    kubelet.fail('default', first);
    core.loop.advance('300ms');
    const second = live(core)[0].metadata.name ?? '';
    expect(second).not.toBe(first);
    expect(live(core)[0].status?.phase).toBe('Running');
    expect(events(core, ds)).toContain(`Warning ${DaemonSetReasons.FailedDaemonPod} ${failedDaemonPodMessage('default', first, 'node-a')}`);
    expect(events(core, ds)).toContain(`Normal ${WorkloadReasons.SuccessfulDelete} Deleted pod: ${first}`);
    expect(failedDaemonPodMessage('default', first, 'node-a')).toBe(`Found failed daemon pod default/${first} on node node-a, will try to kill it`);
    // A second failure within the 1s back-off of that node waits before the pod is deleted.
    kubelet.fail('default', second);
    core.loop.advance('300ms');
    expect(core.store.get<PodObject>('Pod', 'default', second)?.status?.phase).toBe('Failed');
    expect(status(core)).toMatchObject({ currentNumberScheduled: 1, numberReady: 0, numberUnavailable: 1 });
    core.loop.advance('2s');
    expect(core.store.get<PodObject>('Pod', 'default', second)).toBeUndefined();
    expect(live(core)[0].status?.phase).toBe('Running');
  });

  it('rolling update replaces pods one node at a time with maxUnavailable 1', () => {
    const { core } = setup({ startDelayMs: 3000 });
    core.api.create(makeDaemonSet().obj());
    core.loop.advance('10s');
    const before = new Set(live(core).map((p) => p.metadata.name));
    setImage(core, 'errm/randserver');
    const ds = core.store.get<DaemonSetObject>('DaemonSet', 'default', 'agent');
    expect(ds?.metadata.generation).toBe(2);
    expect(ds?.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    const newImage = () => live(core).filter((p) => p.spec?.containers[0].image === 'errm/randserver').length;
    let maxDown = 0;
    const seen: number[] = [];
    for (let i = 0; i < 40; i++) {
      core.loop.advance('500ms');
      const ready = live(core).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      maxDown = Math.max(maxDown, 3 - ready);
      if (seen[seen.length - 1] !== newImage()) seen.push(newImage());
    }
    expect(maxDown).toBe(1);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(live(core).some((p) => before.has(p.metadata.name))).toBe(false);
    expect(live(core).every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true);
    expect(status(core)).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 });
    expect(core.store.list('ControllerRevision', 'default')).toHaveLength(2);
  });

  it('OnDelete keeps old pods until they are deleted', () => {
    const { core } = setup({}, ['node-a', 'node-b']);
    core.api.create(makeDaemonSet().onDelete().obj());
    core.loop.advance('5s');
    setImage(core, 'errm/randserver');
    core.loop.advance('10s');
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 2, observedGeneration: 2 });
    expect(status(core)).not.toHaveProperty('updatedNumberScheduled');
    core.api.delete('Pod', 'default', live(core)[0].metadata.name ?? '');
    core.loop.advance('10s');
    expect(status(core)?.updatedNumberScheduled).toBe(1);
  });
});

describe('NodeShouldRunDaemonPod', () => {
  const ds = makeDaemonSet().obj();
  it.each([
    ['plain node', makeNode().obj(), true, true],
    ['cordoned (unschedulable tolerated)', makeNode().unschedulable().obj(), true, true],
    ['NoSchedule taint: no new pod, running one stays', makeNode().taint({ key: 'k', effect: 'NoSchedule' }).obj(), false, true],
    ['NoExecute taint: neither', makeNode().taint({ key: 'k', effect: 'NoExecute' }).obj(), false, false],
    ['PreferNoSchedule ignored', makeNode().taint({ key: 'k', effect: 'PreferNoSchedule' }).obj(), true, true],
    ['network-unavailable not tolerated without hostNetwork', makeNode().taint({ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }).obj(), false, true],
  ])('%s', (_case, node, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(node, ds)).toEqual({ shouldRun, shouldContinueRunning });
  });

  it('required node affinity terms are ORed, expressions ANDed', () => {
    const withAffinity = makeDaemonSet().obj();
    withAffinity.spec!.template.spec!.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1c'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['x'] }] }],
        },
      },
    };
    expect(nodeShouldRunDaemonPod(makeNode().zone('us-east-1a').obj(), withAffinity).shouldRun).toBe(false);
    expect(nodeShouldRunDaemonPod(makeNode().zone('us-east-1c').obj(), withAffinity).shouldRun).toBe(true);
    expect(nodeShouldRunDaemonPod(makeNode().name('x').obj(), withAffinity).shouldRun).toBe(true);
  });
});

/** The set's manifest with a surge strategy (`newUpdateSurge` in update_test.go). */
function withSurge(ds: ReturnType<DaemonSetBuilder['obj']>, maxSurge: number | string): ReturnType<DaemonSetBuilder['obj']> {
  ds.spec = { ...ds.spec!, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge } } };
  return ds;
}

/** Per pod: when it was created, turned Ready and was marked for deletion (virtual ms). */
function podTimeline(core: CoreCluster) {
  const times = new Map<string, { node: string; image: string; createdMs: number; readyMs?: number; deletedMs?: number }>();
  core.store.watch<PodObject>('Pod', (e) => {
    const name = e.object.metadata.name ?? '';
    if (e.type === 'ADDED') times.set(name, { node: getTargetNodeName(e.object) ?? '', image: e.object.spec?.containers[0].image ?? '', createdMs: core.clock.now() });
    const t = times.get(name);
    if (!t || e.type !== 'MODIFIED') return;
    if (t.readyMs === undefined && isPodReady(e.object)) t.readyMs = core.clock.now();
    if (t.deletedMs === undefined && e.object.metadata.deletionTimestamp) t.deletedMs = core.clock.now();
  });
  return times;
}

/** Live pods per node as `old`/`new` by image, e.g. `{ 'node-a': ['old', 'new'] }`. */
const podsByNode = (core: CoreCluster, newImage = 'errm/randserver') => {
  const out: Record<string, string[]> = {};
  for (const p of live(core).sort((a, b) => ((a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 1))) {
    const node = getTargetNodeName(p) ?? '';
    out[node] = [...(out[node] ?? []), p.spec?.containers[0].image === newImage ? 'new' : 'old'];
  }
  return out;
};

describe('RollingUpdate with maxSurge (update.go, update_test.go)', () => {
  it('TestDaemonSetUpdatesPodsWithMaxSurge: maxSurge 1 surges one node at a time; the old pod goes once the new one is Ready + minReadySeconds', () => {
    const { core } = setup({ startDelayMs: 2000 });
    const times = podTimeline(core);
    core.api.create(withSurge(makeDaemonSet().minReadySeconds(5).obj(), 1));
    core.loop.advance('10s');
    setImage(core, 'errm/randserver');
    core.loop.advance('100ms');
    // One new pod beside the old one, on the first node by name; the others wait.
    expect(podsByNode(core)).toEqual({ 'node-a': ['old', 'new'], 'node-b': ['old'], 'node-c': ['old'] });
    let maxSurging = 0;
    let minReady = 3;
    for (let i = 0; i < 80; i++) {
      core.loop.advance('500ms');
      maxSurging = Math.max(maxSurging, Object.values(podsByNode(core)).filter((p) => p.length > 1).length);
      minReady = Math.min(minReady, live(core).filter((p) => isPodReady(p)).length);
    }
    expect(maxSurging).toBe(1);
    // maxUnavailable 0: every node keeps a ready pod throughout.
    expect(minReady).toBe(3);
    expect(podsByNode(core)).toEqual({ 'node-a': ['new'], 'node-b': ['new'], 'node-c': ['new'] });
    const byImage = (image: string) => [...times.values()].filter((t) => t.image === image).sort((a, b) => (a.node < b.node ? -1 : 1));
    const [olds, news] = [byImage('busybox'), byImage('errm/randserver')];
    expect(news.map((t) => t.node)).toEqual(['node-a', 'node-b', 'node-c']);
    for (const [i, t] of news.entries()) {
      // Each old pod is deleted one second after its new pod became available (the updatePod
      // re-sync after minReadySeconds + 1s), never sooner; the next node surges only then.
      expect(olds[i].deletedMs).toBe((t.readyMs ?? 0) + 5000 + 1000);
      if (i > 0) expect(t.createdMs).toBe(olds[i - 1].deletedMs);
    }
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
  });

  it("maxSurge '100%' surges every node at once", () => {
    const { core } = setup({ startDelayMs: 2000 });
    core.api.create(withSurge(makeDaemonSet().obj(), '100%'));
    core.loop.advance('10s');
    const times = podTimeline(core);
    setImage(core, 'errm/randserver');
    core.loop.advance('100ms');
    expect(podsByNode(core)).toEqual({ 'node-a': ['old', 'new'], 'node-b': ['old', 'new'], 'node-c': ['old', 'new'] });
    expect([...times.values()].map((t) => t.createdMs)).toEqual([10_000, 10_000, 10_000]);
    // Status counts the oldest pod of each node: the old ones until they are gone.
    expect(status(core)).toMatchObject({ currentNumberScheduled: 3, numberAvailable: 3 });
    expect(status(core)).not.toHaveProperty('updatedNumberScheduled');
    core.loop.advance('2s');
    expect(podsByNode(core)).toEqual({ 'node-a': ['new'], 'node-b': ['new'], 'node-c': ['new'] });
    core.loop.advance('5s');
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it('TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge: an old pod that is not available is replaced at once, beyond maxSurge', () => {
    // The old pod on node-c never becomes ready.
    const { core } = setup({ startDelayMs: 2000, ready: (p) => !(p.spec?.nodeName === 'node-c' && p.spec.containers[0].image === 'busybox') });
    core.api.create(withSurge(makeDaemonSet().obj(), 1));
    core.loop.advance('10s');
    setImage(core, 'errm/randserver');
    core.loop.advance('100ms');
    // node-a is the one surge candidate; node-c gets its new pod besides, and its unready old pod
    // is deleted before the new pod is ready (podsShouldBeOnNode: the old pod is not ready).
    expect(podsByNode(core)).toEqual({ 'node-a': ['old', 'new'], 'node-b': ['old'], 'node-c': ['new'] });
    expect(live(core).filter((p) => p.spec?.nodeName === 'node-c' && isPodReady(p))).toHaveLength(0);
    core.loop.advance('30s');
    expect(podsByNode(core)).toEqual({ 'node-a': ['new'], 'node-b': ['new'], 'node-c': ['new'] });
  });

  it('TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge: a node the new template no longer tolerates loses its pod once the others are available', () => {
    const { core } = setup({ startDelayMs: 2000 }, ['node-a', 'node-b']);
    core.api.create(makeNode().name('node-c').taint({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).obj());
    core.api.create(withSurge(makeDaemonSet().tolerations([{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }]).obj(), 1));
    core.loop.advance('10s');
    expect(podsByNode(core)).toEqual({ 'node-a': ['old'], 'node-b': ['old'], 'node-c': ['old'] });
    const ds = structuredClone(core.store.get<DaemonSetObject>('DaemonSet', 'default', 'agent')) as DaemonSetObject;
    delete ds.spec!.template.spec!.tolerations;
    ds.spec!.template.spec!.containers[0].image = 'errm/randserver';
    core.api.update(ds);
    core.loop.advance('100ms');
    // 3 pods available, 2 wanted: node-c's pod goes at once; node-a surges.
    expect(podsByNode(core)).toEqual({ 'node-a': ['old', 'new'], 'node-b': ['old'] });
    core.loop.advance('30s');
    expect(podsByNode(core)).toEqual({ 'node-a': ['new'], 'node-b': ['new'] });
    expect(status(core)).toMatchObject({ desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberMisscheduled: 0 });
  });

  it('TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods: without surge an unavailable old pod counts against maxUnavailable', () => {
    const { core } = setup({ startDelayMs: 2000, ready: (p) => !(p.spec?.nodeName === 'node-c' && p.spec.containers[0].image === 'busybox') });
    core.api.create(makeDaemonSet().obj());
    core.loop.advance('10s');
    const old = live(core);
    setImage(core, 'errm/randserver');
    core.loop.advance('100ms');
    // maxUnavailable 1 is spent on replacing node-c's unavailable pod: node-a and node-b keep theirs.
    const terminating = old.filter((p) => core.store.get<PodObject>('Pod', 'default', p.metadata.name ?? '')?.metadata.deletionTimestamp);
    expect(terminating.map((p) => p.spec?.nodeName)).toEqual(['node-c']);
    expect(podsByNode(core)).toEqual({ 'node-a': ['old'], 'node-b': ['old'] });
    core.loop.advance('2s');
    expect(podsByNode(core)).toEqual({ 'node-a': ['old'], 'node-b': ['old'], 'node-c': ['new'] });
  });

  it.each([
    ['Two nodes, one node without pods, surge', 0, { maxSurge: 0, maxUnavailable: 1, desiredNumberScheduled: 2 }, 1],
    ['Two nodes with pods, MaxUnavailable in percents, surge', '50%', { maxSurge: 1, maxUnavailable: 0, desiredNumberScheduled: 2 }, 0],
    ['Two nodes with pods, MaxUnavailable is 100%, surge', '100%', { maxSurge: 2, maxUnavailable: 0, desiredNumberScheduled: 2 }, 0],
  ] as const)('TestGetUnavailableNumbers: %s', (_case, maxSurge, expected, emptyNodes) => {
    const ds = withSurge(makeDaemonSet().obj(), maxSurge) as DaemonSetObject;
    const nodes = [makeNode().name('node-0').obj(), makeNode().name('node-1').obj()] as NodeObject[];
    const pod = (name: string, node: string) => makePod().name(name).node(node).ready().obj() as PodObject;
    const nodeToPods: NodeToDaemonPods = new Map([['node-0', [pod('pod-0', 'node-0')]]]);
    if (emptyNodes === 0) nodeToPods.set('node-1', [pod('pod-1', 'node-1')]);
    expect(updatedDesiredNodeCounts(ds, nodes, nodeToPods)).toEqual(expected);
    expect([...nodeToPods.values()].filter((p) => p.length === 0)).toHaveLength(emptyNodes);
  });

  it('ValidateRollingUpdateDaemonSet: exactly one of maxSurge and maxUnavailable is non-zero', () => {
    const { core } = setup();
    const ds = (maxSurge: number | string, maxUnavailable: number | string) => {
      const o = makeDaemonSet().obj();
      o.spec = { ...o.spec!, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } };
      return o;
    };
    expect(() => core.api.create(ds(1, 1))).toThrow(
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    );
    expect(() => core.api.create(ds('0%', 0))).toThrow('DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
    expect(() => core.api.create(ds('150%', 0))).toThrow('spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%');
    core.api.create(ds('25%', 0));
    const surging = structuredClone(core.store.get<DaemonSetObject>('DaemonSet', 'default', 'agent')) as DaemonSetObject;
    surging.spec!.updateStrategy!.rollingUpdate!.maxUnavailable = '10%';
    expect(() => core.api.update(surging)).toThrow('spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}: may not be set when maxUnavailable is non-zero');
  });
});
