import { describe, expect, it } from 'vitest';
import { makePod, newCluster, pluginHarness } from '../../testing/index.js';
import { ERR_REASON_NODE_NAME, NODE_NAME } from './node-name.js';

describe('NodeName', () => {
  const { core, nodes } = newCluster(1);
  const h = pluginHarness(core);
  it.each([
    ['no host specified', undefined, undefined],
    ['host matches', nodes[0], undefined],
    ['host does not match', nodes[1], ERR_REASON_NODE_NAME],
  ])('%s', (_name, want, reason) => {
    const b = makePod('p');
    if (want) b.nodeName(want);
    const st = h.filter(NODE_NAME, b.obj(), nodes[0]);
    expect(st?.reasons[0]).toBe(reason);
    if (reason) expect(st?.code).toBe('UnschedulableAndUnresolvable');
  });
  it('reason text is the upstream literal', () => {
    expect(ERR_REASON_NODE_NAME).toBe("node(s) didn't match the requested node name");
  });
});
