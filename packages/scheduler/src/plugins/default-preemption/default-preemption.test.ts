import { type CoreEvent, CoreCluster } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { installScheduler } from '../../scheduler/scheduler.js';
import { addNodes, eventMessages, getPod, makePod, ZONES } from '../../testing/index.js';
import { numCandidates } from './default-preemption.js';
import { type Candidate, type DryRunContext, filterPodsWithPDBViolation, pickOneNodeForPreemption } from './select-victims.js';

/**
 * Three nodes of 2 CPUs allocatable, one per zone, each running two pods of 900m bound directly:
 * `low-<node>-0` of priority 0 and `low-<node>-1` of priority 1.
 */
function fill(): { core: CoreCluster; nodes: string[] } {
  const core = new CoreCluster({ seed: 3 });
  const nodes = addNodes(
    core,
    ZONES.map((zone) => ({ zone, count: 1, customize: (b) => void b.capacity('2', '4Gi', 110) })),
  );
  for (const [n, node] of nodes.entries()) {
    for (let i = 0; i < 2; i++) core.store.create(makePod(`low-${n}-${i}`).req('900m').priority(i).nodeName(node).obj());
  }
  return { core, nodes };
}

const condition = (p: Pod, type: string) => p.status?.conditions?.find((c) => c.type === type);

describe('DefaultPreemption', () => {
  it('1-1 evicts the least important pods that make room, nominates their node, and the pod lands there once they are gone', () => {
    const { core, nodes } = fill();
    installScheduler(core);
    core.loop.settle();
    core.store.create(makePod('high').req('500m').priority(1000).obj());
    core.loop.advance('2s');
    const high = getPod(core, 'high');
    // The FailedScheduling of the attempt that preempted has no preemption part.
    expect(eventMessages(core, high, 'FailedScheduling')).toEqual(['0/3 nodes are available: 3 Insufficient cpu.']);
    const nominated = high.status?.nominatedNodeName as string;
    expect(nodes).toContain(nominated);
    // On each node the pod of priority 1 is kept (more important), the one of priority 0 goes:
    // 900m + 500m fits 2 CPUs, 1800m + 500m does not. Only the nominated node's victim goes.
    const n = nodes.indexOf(nominated);
    expect(core.store.get('Pod', 'default', `low-${n}-0`)).toBeUndefined();
    expect(core.store.list<Pod>('Pod').map((p) => p.metadata.name).sort()).toEqual(['high', ...nodes.flatMap((_, k) => (k === n ? [`low-${k}-1`] : [`low-${k}-0`, `low-${k}-1`]))].sort());
    const victimEvents = core.store.list<CoreEvent>('Event').filter((e) => e.reason === 'Preempted');
    expect(victimEvents.map((e) => [e.involvedObject.name, e.message, e.type, e.source.component])).toEqual([
      [`low-${n}-0`, `Preempted by pod ${high.metadata.uid} on node ${nominated}`, 'Normal', 'default-scheduler'],
    ]);
    // The victim's deletion requeued the pod; it went to its nominated node.
    expect(high.spec.nodeName).toBe(nominated);
    expect(eventMessages(core, high, 'Scheduled')).toEqual([`Successfully assigned default/high to ${nominated}`]);
  });

  it('1-2 no pod of lower priority anywhere: "No preemption victims found", and no write to other pods', () => {
    const { core } = fill();
    installScheduler(core);
    core.store.create(makePod('peer').req('500m').priority(0).obj());
    core.loop.settle();
    expect(eventMessages(core, getPod(core, 'peer'), 'FailedScheduling')).toEqual([
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    ]);
    expect(getPod(core, 'peer').status?.nominatedNodeName).toBeUndefined();
    expect(core.store.list('Pod')).toHaveLength(7);
  });

  it('1-3 evicting every lower-priority pod would not be enough: the Filter reason of the dry run', () => {
    const { core } = fill();
    installScheduler(core);
    core.store.create(makePod('huge').req('2500m').priority(1000).obj());
    core.loop.settle();
    expect(eventMessages(core, getPod(core, 'huge'), 'FailedScheduling')).toEqual([
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Insufficient cpu.',
    ]);
    expect(core.store.list('Pod')).toHaveLength(7);
  });

  it('1-4 preemptionPolicy Never: not eligible, nothing evicted', () => {
    const { core } = fill();
    installScheduler(core);
    const pod = makePod('polite').req('500m').priority(1000).obj();
    core.store.create({ ...pod, spec: { ...pod.spec, preemptionPolicy: 'Never' } });
    core.loop.settle();
    expect(eventMessages(core, getPod(core, 'polite'), 'FailedScheduling')).toEqual([
      '0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    ]);
    expect(core.store.list('Pod')).toHaveLength(7);
  });

  it('1-5 nodes the Filter rejected for good are not helpful; only Unschedulable ones are dry-run', () => {
    const { core, nodes } = fill();
    installScheduler(core);
    core.store.create(makePod('pinned').req('500m').priority(1000).nodeSelector({ 'topology.kubernetes.io/zone': 'us-east-1b' }).obj());
    core.loop.advance('2s');
    const pinned = getPod(core, 'pinned');
    expect(eventMessages(core, pinned, 'FailedScheduling')).toEqual(["0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector."]);
    expect([pinned.status?.nominatedNodeName, pinned.spec.nodeName]).toEqual([nodes[1], nodes[1]]);
    expect(['low-0-0', 'low-1-0', 'low-2-0'].map((n) => core.store.get('Pod', 'default', n) !== undefined)).toEqual([true, false, true]);
  });

  it('1-7 nodes whose victims a PodDisruptionBudget protects are avoided when another node would do', () => {
    const { core, nodes } = fill();
    // Label the pods with their node; a budget with no disruption left covers nodes 0 and 1.
    for (const p of core.store.list<Pod>('Pod')) {
      core.store.update<Pod>('Pod', 'default', p.metadata.name as string, (d) => {
        (d.metadata as { labels?: Record<string, string> }).labels = { node: (p.metadata.name as string).split('-')[1] };
      });
    }
    core.store.create({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'keep', namespace: 'default' },
      spec: { selector: { matchExpressions: [{ key: 'node', operator: 'In', values: ['0', '1'] }] }, minAvailable: 4 },
      status: { disruptionsAllowed: 0, currentHealthy: 4, desiredHealthy: 4, expectedPods: 4 },
    });
    installScheduler(core);
    core.store.create(makePod('high').req('500m').priority(1000).obj());
    core.loop.advance('2s');
    expect(getPod(core, 'high').status?.nominatedNodeName).toBe(nodes[2]);
    expect(core.store.get('Pod', 'default', 'low-2-0')).toBeUndefined();
  });

  it('1-8 the room preemption made is kept for the nominated pod: a pod of lower priority may not take it', () => {
    const core = new CoreCluster({ seed: 3 });
    const [node] = addNodes(core, [{ zone: ZONES[0], count: 1, customize: (b) => void b.capacity('2', '4Gi', 110) }]);
    for (let i = 0; i < 2; i++) core.store.create(makePod(`low-${i}`).req('900m').priority(i).nodeName(node).obj());
    core.api.registerGracefulDelete('Pod', (_o, requested) => requested ?? 30);
    installScheduler(core);
    core.loop.settle();
    // high (1000m) preempts low-0, which terminates for 30 s; 200m are free meanwhile.
    core.store.create(makePod('high').req('1000m').priority(1000).obj());
    core.loop.settle();
    expect(getPod(core, 'high').status?.nominatedNodeName).toBe(node);
    // small fits the 200m free now, but not beside high once low-0 is gone: it must wait.
    core.store.create(makePod('small').req('150m').priority(1).obj());
    core.loop.settle();
    expect(getPod(core, 'small').spec.nodeName).toBeUndefined();
    expect(eventMessages(core, getPod(core, 'small'), 'FailedScheduling')).toEqual([
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.',
    ]);
    core.store.remove('Pod', 'default', 'low-0');
    core.loop.advance('2s');
    expect([getPod(core, 'high').spec.nodeName, getPod(core, 'small').spec.nodeName]).toEqual([node, undefined]);
    expect(core.store.get('Pod', 'default', 'low-1')).toBeDefined();
  });

  it('1-6 while its victims terminate, the pod does not preempt again', () => {
    const { core, nodes } = fill();
    // Pods are deleted gracefully here (30 s), as the kubelet makes them.
    core.api.registerGracefulDelete('Pod', (_o, requested) => requested ?? 30);
    installScheduler(core);
    core.loop.settle();
    core.store.create(makePod('high').req('500m').priority(1000).obj());
    core.loop.settle();
    const nominated = getPod(core, 'high').status?.nominatedNodeName as string;
    const victim = core.store.list<Pod>('Pod').find((p) => p.metadata.deletionTimestamp) as Pod;
    expect(victim.spec.nodeName).toBe(nominated);
    expect(condition(victim, 'DisruptionTarget')).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'PreemptionByScheduler',
      message: 'default-scheduler: preempting to accommodate a higher priority pod',
      lastProbeTime: null,
      lastTransitionTime: core.clock.rfc3339(),
    });
    // A retry before the victim is gone: an update of the pending pod puts it back in the queue.
    core.store.update<Pod>('Pod', 'default', 'high', (d) => {
      (d.metadata as { labels?: Record<string, string> }).labels = { retry: 'now' };
    });
    core.loop.advance('1s');
    const messages = eventMessages(core, getPod(core, 'high'), 'FailedScheduling');
    expect(messages.at(-1)).toBe('0/3 nodes are available: 3 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');
    expect(core.store.list<Pod>('Pod').filter((p) => p.metadata.deletionTimestamp)).toHaveLength(1);
    expect(nodes).toContain(nominated);
  });
});

describe('pickOneNodeForPreemption', () => {
  const ctx: DryRunContext = { state: undefined as never, runFilter: () => undefined, startMs: (p) => Number(p.pod.status?.startTime ?? 0) };
  const v = (priority: number, start = 0): PodInfo => ({ priority, pod: { status: { startTime: String(start) } } }) as unknown as PodInfo;
  const c = (node: string, ...victims: PodInfo[]): Candidate => ({ node, victims, numPDBViolations: 0 });

  it('2-1 fewest budget violations, then lowest highest-priority victim, then lowest sum, then fewest victims, then latest start, then the first', () => {
    expect(pickOneNodeForPreemption([{ ...c('a', v(1)), numPDBViolations: 1 }, c('b', v(500), v(500))], ctx).node).toBe('b');
    expect(pickOneNodeForPreemption([c('a', v(10)), c('b', v(5), v(5), v(5))], ctx).node).toBe('b');
    expect(pickOneNodeForPreemption([c('a', v(5), v(5)), c('b', v(5), v(1))], ctx).node).toBe('b');
    expect(pickOneNodeForPreemption([c('a', v(-5), v(-5)), c('b', v(-5))], ctx).node).toBe('b');
    expect(pickOneNodeForPreemption([c('a', v(5, 100), v(1, 900)), c('b', v(5, 200), v(1, 50))], ctx).node).toBe('b');
    expect(pickOneNodeForPreemption([c('a', v(5, 100)), c('b', v(5, 100))], ctx).node).toBe('a');
  });

  it('2-3 filterPodsWithPDBViolation: budgets are spent in order; other namespaces, empty selectors and pods already disrupted spend none', () => {
    const pod = (name: string, labels: Record<string, string>, namespace = 'default') => ({ priority: 0, namespace, labels, pod: { metadata: { name } } }) as unknown as PodInfo;
    const pods = [pod('a', { app: 'db' }), pod('b', { app: 'db' }), pod('c', { app: 'db' }), pod('d', { app: 'db' }, 'other'), pod('e', {})];
    const pdb = (disruptionsAllowed: number, disrupted: string[] = [], selector: object = { matchLabels: { app: 'db' } }) => ({
      namespace: 'default',
      selector,
      disruptionsAllowed,
      disruptedPods: new Set(disrupted),
    });
    const names = (r: { violating: PodInfo[]; nonViolating: PodInfo[] }) => [r.violating.map((p) => p.pod.metadata.name), r.nonViolating.map((p) => p.pod.metadata.name)];
    expect(names(filterPodsWithPDBViolation(pods, [pdb(1)]))).toEqual([['b', 'c'], ['a', 'd', 'e']]);
    expect(names(filterPodsWithPDBViolation(pods, [pdb(1, ['a'])]))).toEqual([['c'], ['a', 'b', 'd', 'e']]);
    expect(names(filterPodsWithPDBViolation(pods, [pdb(0, [], {})]))).toEqual([[], ['a', 'b', 'c', 'd', 'e']]);
  });

  it('2-2 candidates wanted: 10% of the potential nodes, at least 100, at most all', () => {
    expect([numCandidates(3), numCandidates(100), numCandidates(500), numCandidates(5000)]).toEqual([3, 100, 100, 500]);
  });
});
