import { describe, expect, it } from 'vitest';
import { addNodes, makePod, newCluster, pluginHarness } from '../../testing/index.js';
import { errReasonUntoleratedTaint, TAINT_TOLERATION } from './taint-toleration.js';

describe('TaintToleration', () => {
  const { core } = newCluster(0);
  const [plain] = addNodes(core, [{ zone: 'us-east-1a', count: 1 }]);
  const [tainted] = addNodes(core, [{ zone: 'us-east-1a', count: 1, customize: (b) => b.taint('dedicated', 'gpu', 'NoSchedule') }]);
  const [soft] = addNodes(core, [{ zone: 'us-east-1a', count: 1, customize: (b) => b.taint('spot', 'true', 'PreferNoSchedule') }]);
  const h = pluginHarness(core);
  it.each([
    ['node without taints', plain, makePod('p').obj(), undefined],
    ['untolerated NoSchedule taint', tainted, makePod('p').obj(), 'node(s) had untolerated taint {dedicated: gpu}'],
    ['tolerated with Equal', tainted, makePod('p').toleration({ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }).obj(), undefined],
    ['tolerated with Exists and no key', tainted, makePod('p').toleration({ operator: 'Exists' }).obj(), undefined],
    ['toleration value mismatch', tainted, makePod('p').toleration({ key: 'dedicated', value: 'cpu' }).obj(), 'node(s) had untolerated taint {dedicated: gpu}'],
    ['PreferNoSchedule does not filter', soft, makePod('p').obj(), undefined],
  ])('%s', (_n, node, pod, reason) => {
    const st = h.filter(TAINT_TOLERATION, pod, node);
    expect(st?.reasons[0]).toBe(reason);
    if (reason) expect(st?.code).toBe('UnschedulableAndUnresolvable');
  });
  it('reason text is the upstream format', () => {
    expect(errReasonUntoleratedTaint({ key: 'k', value: 'v', effect: 'NoSchedule' })).toBe('node(s) had untolerated taint {k: v}');
  });
  it('scores untolerated PreferNoSchedule taints (raw count)', () => {
    expect(h.score(TAINT_TOLERATION, makePod('p').obj(), [plain, soft])).toEqual([0, 1]);
  });
});
