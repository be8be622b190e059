import { describe, expect, it } from 'vitest';
import { addNodes, makePod, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_UNSCHEDULABLE, NODE_UNSCHEDULABLE } from './node-unschedulable.js';

describe('NodeUnschedulable', () => {
  const { core } = newCluster(0);
  const [ok] = addNodes(core, [{ zone: 'us-east-1a', count: 1 }]);
  const [cordoned] = addNodes(core, [{ zone: 'us-east-1a', count: 1, customize: (b) => b.cordon() }]);
  const h = pluginHarness(core);
  const tolerating = makePod('t').toleration({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }).obj();
  it.each([
    ['schedulable node', ok, makePod('p').obj(), undefined],
    ['cordoned node', cordoned, makePod('p').obj(), ERR_REASON_UNSCHEDULABLE],
    ['cordoned node, pod tolerates the unschedulable taint', cordoned, tolerating, undefined],
  ])('%s', (_n, node, pod, reason) => {
    const st = h.filter(NODE_UNSCHEDULABLE, pod, node);
    expect(st?.reasons[0]).toBe(reason);
  });
  it('reason text is the upstream literal', () => {
    expect(ERR_REASON_UNSCHEDULABLE).toBe('node(s) were unschedulable');
  });
});
