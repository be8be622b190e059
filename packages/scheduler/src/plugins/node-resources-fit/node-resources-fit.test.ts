import { describe, expect, it } from 'vitest';
import { addNodes, makePod, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_TOO_MANY_PODS, errReasonInsufficient, leastRequestedScore, NODE_RESOURCES_FIT } from './node-resources-fit.js';

describe('NodeResourcesFit', () => {
  const { core } = newCluster(0);
  const [node] = addNodes(core, [{ zone: 'us-east-1a', count: 1, customize: (b) => b.capacity('2', '4Gi', 2) }]);
  core.store.create(makePod('existing').nodeName(node).req('1', '2Gi').obj());
  core.loop.settle();
  const h = pluginHarness(core);
  it.each([
    ['fits', makePod('p').req('500m', '1Gi').obj(), []],
    ['no requests always fit resources', makePod('p').obj(), []],
    ['insufficient cpu', makePod('p').req('1500m', '1Gi').obj(), ['Insufficient cpu']],
    ['insufficient memory', makePod('p').req('100m', '3Gi').obj(), ['Insufficient memory']],
    ['insufficient cpu and memory', makePod('p').req('2', '3Gi').obj(), ['Insufficient cpu', 'Insufficient memory']],
  ])('%s', (_n, pod, reasons) => {
    const st = h.filter(NODE_RESOURCES_FIT, pod, node);
    expect(st?.reasons ?? []).toEqual(reasons);
    if (reasons.length > 0) expect(st?.code).toBe('Unschedulable');
  });
  it('too many pods', () => {
    core.store.create(makePod('second').nodeName(node).obj());
    core.loop.settle();
    expect(h.filter(NODE_RESOURCES_FIT, makePod('p').obj(), node)?.reasons).toEqual([ERR_REASON_TOO_MANY_PODS]);
  });
  it('reason texts are the upstream literals', () => {
    expect(errReasonInsufficient('cpu')).toBe('Insufficient cpu');
    expect(ERR_REASON_TOO_MANY_PODS).toBe('Too many pods');
  });
  it('LeastAllocated scores (capacity - requested) * 100 / capacity', () => {
    expect(leastRequestedScore(1000, 4000)).toBe(75);
    expect(leastRequestedScore(5000, 4000)).toBe(0);
  });
});
