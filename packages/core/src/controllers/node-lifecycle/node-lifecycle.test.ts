import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.js';
import { containerState, makePod, newTestCluster } from '../../kubelet/testing.js';
import { NodeAgentReasons } from '../../kubelet/reasons.js';
import { TAINT_NODE_OUT_OF_SERVICE, TAINT_NODE_UNREACHABLE } from './limits.js';
import { evictionDelayMs, markingForDeletionMessage } from './taint-eviction.js';

function ready(c: ReturnType<typeof newTestCluster>, node: string): string | undefined {
  return c.node(node)?.status?.conditions?.find((x) => x.type === 'Ready')?.status;
}

describe('node lifecycle and taint eviction', () => {
  it('5-1 a silent kubelet: Unknown after 50s, unreachable taints, eviction at +300s, Terminating forever, force delete', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('web').randserver().emptyDir().defaultTolerations().node(node).obj());
    c.advance('15s');
    expect(containerState(c.pod('web'))).toBe('Running');
    const crashAt = c.core.now();
    c.w.faults.kubeletCrash(node);
    c.advance('39s');
    expect(ready(c, node)).toBe('True');
    c.advance('11s');
    expect(c.core.now() - crashAt).toBe(50_000);
    const n = c.node(node);
    expect(ready(c, node)).toBe('Unknown');
    const cond = n?.status?.conditions?.find((x) => x.type === 'Ready');
    expect(cond?.reason).toBe('NodeStatusUnknown');
    expect(cond?.message).toBe('Kubelet stopped posting node status.');
    // 50s after the last lease renewal (renewed every 10s before the crash).
    const unknownAt = c.core.clock.parse(cond?.lastTransitionTime ?? '');
    expect(unknownAt - crashAt).toBeGreaterThan(40_000);
    expect(unknownAt - crashAt).toBeLessThanOrEqual(50_000);
    const taints = n?.spec?.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`)).toEqual([`${TAINT_NODE_UNREACHABLE}:NoSchedule`, `${TAINT_NODE_UNREACHABLE}:NoExecute`]);
    expect(taints[1].timeAdded).toBeDefined();
    expect(c.events('Node', node)).toContain(`NodeNotReady: Node ${node} status is now: NodeNotReady`);
    expect(c.pod('web')?.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False');
    expect(c.events('Pod', 'web')).toContain('NodeNotReady: Node is not ready');
    const taintedAt = c.core.clock.parse(taints[1].timeAdded ?? '');
    c.advance(taintedAt + 299_000 - c.core.now());
    expect(c.pod('web')?.metadata.deletionTimestamp).toBeUndefined();
    c.advance('1s');
    const evicted = c.pod('web');
    expect(evicted?.metadata.deletionTimestamp).toBeDefined();
    expect(c.events('Pod', 'web')).toContain(`TaintManagerEviction: ${markingForDeletionMessage('default', 'web')}`);
    expect(evicted?.status?.conditions?.find((x) => x.type === 'DisruptionTarget')?.reason).toBe('DeletionByTaintManager');
    c.advance('1h');
    expect(c.pod('web')?.metadata.deletionTimestamp).toBeDefined();
    c.core.api.delete('Pod', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(c.pod('web')).toBeUndefined();
  });

  it('5-2 recovery: the kubelet comes back, taints are cleared and pending terminations finish', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('web').randserver().emptyDir().defaultTolerations().node(node).obj());
    c.core.api.create(makePod('stay').container('app', 'busybox', { command: ['sleep', '3600'] }).defaultTolerations().node(node).obj());
    c.advance('15s');
    c.w.faults.kubeletCrash(node);
    c.advance('400s');
    expect(c.pod('web')?.metadata.deletionTimestamp).toBeDefined();
    c.w.faults.kubeletRestart(node);
    c.advance('1s');
    expect(ready(c, node)).toBe('True');
    expect(c.node(node)?.spec?.taints).toBeUndefined();
    expect(c.events('Node', node)).toContain(`NodeReady: Node ${node} status is now: NodeReady`);
    c.advance('40s');
    expect(c.pod('web')).toBeUndefined();
    expect(c.pod('stay')).toBeUndefined();
  });

  it('5-3 taint removed before tolerationSeconds: the eviction is cancelled', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('web').container('app', 'busybox', { command: ['sleep', '3600'] }).defaultTolerations().node(node).obj());
    c.advance('15s');
    c.w.faults.kubeletCrash(node);
    c.advance('100s');
    c.w.faults.kubeletRestart(node);
    c.advance('600s');
    expect(c.pod('web')?.metadata.deletionTimestamp).toBeUndefined();
    expect(containerState(c.pod('web'))).toBe('Running');
    expect(c.events('Pod', 'web')).toContain('TaintManagerEviction: Cancelling deletion of Pod default/web');
  });

  it('5-4 out-of-service taint: evicted pods are force-deleted by pod GC', () => {
    const c = newTestCluster();
    const node = c.nodes[0];
    c.core.api.create(makePod('db').container('app', 'busybox', { command: ['sleep', '3600'] }).defaultTolerations().node(node).obj());
    c.advance('15s');
    c.w.faults.stopInstance(node);
    c.advance('60s');
    expect(ready(c, node)).toBe('Unknown');
    c.core.api.updateWith('Node', undefined, node, (d) => {
      const spec = d.spec as { taints?: Array<{ key: string; value?: string; effect: string }> };
      spec.taints = [...(spec.taints ?? []), { key: TAINT_NODE_OUT_OF_SERVICE, value: 'nodeshutdown', effect: 'NoExecute' }];
    });
    c.core.loop.settle();
    expect(c.pod('db')?.metadata.deletionTimestamp).toBeDefined();
    c.advance('20s');
    expect(c.pod('db')).toBeUndefined();
  });

  it('5-5 pods without tolerations are evicted as soon as the NoExecute taint lands', () => {
    const c = newTestCluster();
    const node = c.nodes[1];
    // Straight into the store: the API server's DefaultTolerationSeconds admission would add 300s tolerations.
    c.core.store.create(makePod('bare').container('app', 'busybox', { command: ['sleep', '3600'] }).node(node).obj());
    c.advance('15s');
    c.w.faults.kubeletCrash(node);
    c.core.loop.runUntil(() => ready(c, node) === 'Unknown', { timeout: '2m' });
    c.core.loop.settle();
    expect(c.pod('bare')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('5-5b pods created through the API get the 300s default tolerations and are evicted after them', () => {
    const c = newTestCluster();
    const node = c.nodes[1];
    const pod = c.core.api.create(makePod('defaulted').container('app', 'busybox', { command: ['sleep', '3600'] }).node(node).obj()) as KubeObject & { spec: { tolerations: unknown[] } };
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    c.advance('15s');
    c.w.faults.kubeletCrash(node);
    c.core.loop.runUntil(() => ready(c, node) === 'Unknown', { timeout: '2m' });
    const taintedAt = c.core.now();
    c.advance('299s');
    expect(c.pod('defaulted')?.metadata.deletionTimestamp).toBeUndefined();
    c.advance('2s');
    expect(c.pod('defaulted')?.metadata.deletionTimestamp).toBeDefined();
    expect(c.core.now() - taintedAt).toBeGreaterThanOrEqual(300_000);
  });

  it('5-6 evictionDelayMs: untolerated now, smallest tolerationSeconds, forever without seconds', () => {
    const taint = { key: TAINT_NODE_UNREACHABLE, effect: 'NoExecute' };
    expect(evictionDelayMs([taint], [])).toBe(0);
    expect(evictionDelayMs([taint], [{ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }])).toBe(60_000);
    expect(evictionDelayMs([taint], [{ operator: 'Exists' }])).toBeUndefined();
    expect(evictionDelayMs([taint], [{ key: 'other', operator: 'Exists' }])).toBe(0);
  });

  it('5-7 reason constants match the upstream spelling', () => {
    expect(NodeAgentReasons.TaintManagerEviction).toBe('TaintManagerEviction');
    expect(markingForDeletionMessage('default', 'x')).toBe('Marking for deletion Pod default/x');
  });
});
