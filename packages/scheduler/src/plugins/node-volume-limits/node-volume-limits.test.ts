import { describe, expect, it } from 'vitest';
import { addNodes, makePod, makePVC, makeStorageClass, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED, NODE_VOLUME_LIMITS } from './node-volume-limits.js';

describe('NodeVolumeLimits', () => {
  const { core } = newCluster(0);
  const [limited] = addNodes(core, [{ zone: 'us-east-1a', count: 1, attachLimit: 2 }]);
  const [unlimited] = addNodes(core, [{ zone: 'us-east-1a', count: 1, csiNode: false }]);
  core.store.create(makeStorageClass('gp3', { wffc: true }));
  core.store.create(makeStorageClass('in-tree', { wffc: true, provisioner: 'kubernetes.io/aws-ebs' }));
  for (const n of ['c1', 'c2', 'c3']) core.store.create(makePVC(n, { className: 'gp3' }));
  core.store.create(makePVC('legacy', { className: 'in-tree' }));
  core.store.create(makePod('a').nodeName(limited).pvc('c1').obj());
  core.store.create(makePod('b').nodeName(limited).ebs('vol-0aaaaaaaaaaaaaaa0').obj());
  core.store.create(makePod('c').nodeName(unlimited).pvc('c1').pvc('c2', 'x').obj());
  core.loop.settle();
  const h = pluginHarness(core);
  it.each([
    ['new volume over the limit', makePod('p').pvc('c3').obj(), limited, ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED],
    ['in-tree aws-ebs class counts as ebs.csi.aws.com', makePod('p').pvc('legacy').obj(), limited, ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED],
    ['volume already attached on the node does not count again', makePod('p').pvc('c1').obj(), limited, undefined],
    ['node without CSINode limit', makePod('p').pvc('c3').obj(), unlimited, undefined],
    ['pod without volumes', makePod('p').obj(), limited, undefined],
  ])('%s', (_n, pod, node, reason) => {
    const st = h.filter(NODE_VOLUME_LIMITS, pod, node);
    expect(st?.reasons[0]).toBe(reason);
    if (reason) expect(st?.code).toBe('Unschedulable');
  });
  it('reason text is the upstream literal', () => {
    expect(ERR_REASON_MAX_VOLUME_COUNT_EXCEEDED).toBe('node(s) exceed max volume count');
  });
});
