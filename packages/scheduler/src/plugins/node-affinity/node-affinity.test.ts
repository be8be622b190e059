import { describe, expect, it } from 'vitest';
import { LABEL_TOPOLOGY_ZONE } from '../../api/well-known.js';
import { makePod, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_POD, NODE_AFFINITY } from './node-affinity.js';

describe('NodeAffinity', () => {
  const { core, nodes } = newCluster(1);
  const [a, b] = nodes;
  const h = pluginHarness(core);
  it.each([
    ['no selector', a, makePod('p').obj(), undefined],
    ['nodeSelector matches', a, makePod('p').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' }).obj(), undefined],
    ['nodeSelector does not match', b, makePod('p').nodeSelector({ [LABEL_TOPOLOGY_ZONE]: 'us-east-1a' }).obj(), ERR_REASON_POD],
    ['required In matches', b, makePod('p').requiredNodeAffinity(LABEL_TOPOLOGY_ZONE, 'In', ['us-east-1b']).obj(), undefined],
    ['required NotIn excludes', b, makePod('p').requiredNodeAffinity(LABEL_TOPOLOGY_ZONE, 'NotIn', ['us-east-1b']).obj(), ERR_REASON_POD],
    ['required DoesNotExist on a present label', a, makePod('p').requiredNodeAffinity(LABEL_TOPOLOGY_ZONE, 'DoesNotExist', []).obj(), ERR_REASON_POD],
  ])('%s', (_n, node, pod, reason) => {
    const st = h.filter(NODE_AFFINITY, pod, node);
    expect(st?.reasons[0]).toBe(reason);
    if (reason) expect(st?.code).toBe('UnschedulableAndUnresolvable');
  });
  it('reason text is the upstream literal', () => {
    expect(ERR_REASON_POD).toBe("node(s) didn't match Pod's node affinity/selector");
  });
  it('scores preferred terms by weight', () => {
    const pod = makePod('p').preferredNodeAffinity(30, LABEL_TOPOLOGY_ZONE, ['us-east-1a']).preferredNodeAffinity(5, LABEL_TOPOLOGY_ZONE, ['us-east-1a', 'us-east-1b']).obj();
    expect(h.score(NODE_AFFINITY, pod, [a, b, nodes[2]])).toEqual([35, 5, 0]);
  });
});
