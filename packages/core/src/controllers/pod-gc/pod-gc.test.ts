import { describe, expect, it } from 'vitest';
import { makePod, newTestCluster } from '../../kubelet/testing.js';
import { POD_GC_QUARANTINE_MS } from '../node-lifecycle/limits.js';

describe('pod GC', () => {
  it('8-1 pods bound to a node that does not exist are deleted after the 40s quarantine', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('lost').container('app', 'busybox').node('ip-10-0-99-9.ec2.internal').obj());
    c.advance(POD_GC_QUARANTINE_MS - 1000);
    expect(c.pod('lost')).toBeDefined();
    c.advance('2s');
    expect(c.pod('lost')).toBeUndefined();
  });

  it('8-2 deleting a Node object removes its pods 40s later; pods on other nodes stay', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('a').container('app', 'busybox').node(c.nodes[0]).obj());
    c.core.api.create(makePod('b').container('app', 'busybox').node(c.nodes[1]).obj());
    c.advance('10s');
    c.core.api.delete('Node', undefined, c.nodes[0]);
    c.advance('39s');
    expect(c.pod('a')).toBeDefined();
    c.advance('2s');
    expect(c.pod('a')).toBeUndefined();
    expect(c.pod('b')).toBeDefined();
  });

  it('8-3 out-of-service taint on a Ready node does nothing', () => {
    const c = newTestCluster();
    c.core.api.create(makePod('a').container('app', 'busybox').tolerations([{ operator: 'Exists' }]).node(c.nodes[0]).obj());
    c.advance('10s');
    c.core.api.updateWith('Node', undefined, c.nodes[0], (d) => {
      (d.spec as { taints?: unknown[] }).taints = [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }];
    });
    c.advance('1m');
    expect(c.pod('a')?.metadata.deletionTimestamp).toBeUndefined();
  });
});
