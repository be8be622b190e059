/**
 * Storage with core's real cloud model and kubelets (no scheduler: pods carry spec.nodeName).
 * Checks the seams: volumesInUse from the kubelet, volumesAttached from the attach/detach
 * controller, randserver data on EBS surviving pod replacement on another node.
 */
import { CoreCluster, installWorkloads, type Workloads } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from './api-types.js';
import { installStorage } from './install.js';
import { makeClaim, makeClass, makePod } from './testing/index.js';

function setup() {
  const core = new CoreCluster({ seed: 3 });
  const w: Workloads = installWorkloads(core, { nodes: [{ zone: 'us-east-1a', count: 2 }, { zone: 'us-east-1b', count: 1 }] });
  const storage = installStorage(core);
  core.loop.settle();
  const nodes = core.store.list<Node>('Node').map((n) => n.metadata.name as string);
  const zoneOf = (n: string) => core.store.get<Node>('Node', undefined, n)?.metadata.labels?.['topology.kubernetes.io/zone'];
  const inA = nodes.filter((n) => zoneOf(n) === 'us-east-1a');
  return { core, w, storage, inA };
}

function randserver(name: string, node: string) {
  return makePod(name).randserver().pvc('data').node(node).noStatus();
}

describe('storage with core kubelets and cloud', () => {
  it('a pod on an EBS claim starts Running; its data survives replacement on another node', () => {
    const { core, w, inA } = setup();
    core.api.create(makeClass('zone-a').zones('us-east-1a').obj());
    core.api.create(makeClaim('data').storageClass('zone-a').obj());
    core.loop.advance('10s');
    core.api.create(randserver('rs-1', inA[0]).obj());
    core.loop.advance('30s');
    const pod = core.store.get<Pod>('Pod', 'default', 'rs-1');
    expect(pod?.status?.phase).toBe('Running');
    const node = core.store.get<Node>('Node', undefined, inA[0]);
    expect(node?.status?.volumesInUse).toHaveLength(1);
    expect(node?.status?.volumesAttached?.[0].name).toBe(node?.status?.volumesInUse?.[0]);
    expect(w.exec('default', 'rs-1', undefined, ['ls', '/data']).stdout.trim().split('\n')).toHaveLength(1);
    core.api.delete('Pod', 'default', 'rs-1');
    core.api.create(randserver('rs-2', inA[1]).obj());
    core.loop.advance('2m');
    expect(core.store.get<Pod>('Pod', 'default', 'rs-2')?.status?.phase).toBe('Running');
    expect(w.exec('default', 'rs-2', undefined, ['ls', '/data']).stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('node failure with core kubelets', () => {
  it('dead node: one Multi-Attach warning, then force detach 6 minutes after the force delete', () => {
    const { core, w, inA } = setup();
    core.api.create(makeClass('zone-a').zones('us-east-1a').obj());
    core.api.create(makeClaim('data').storageClass('zone-a').obj());
    core.loop.advance('10s');
    core.api.create(randserver('old', inA[0]).obj());
    core.loop.advance('30s');
    expect(core.store.get<Pod>('Pod', 'default', 'old')?.status?.phase).toBe('Running');
    w.faults.kubeletCrash(inA[0]);
    core.loop.advance('2m');
    core.api.create(randserver('new', inA[1]).obj());
    core.loop.advance('10m');
    const newPod = core.store.get<Pod>('Pod', 'default', 'new') as Pod;
    const multi = core.recorder.eventsFor(newPod).filter((e) => e.reason === 'FailedAttachVolume');
    expect(multi.map((e) => [e.message.replace(/pvc-[0-9a-f-]+/, 'pvc-X'), e.count])).toEqual([
      ['Multi-Attach error for volume "pvc-X" Volume is already used by pod(s) old', 1],
    ]);
    expect(newPod.status?.phase).toBe('Pending');
    core.api.delete('Pod', 'default', 'old', { gracePeriodSeconds: 0 });
    core.loop.advance('5m50s');
    expect(core.store.get<Pod>('Pod', 'default', 'new')?.status?.phase).toBe('Pending');
    core.loop.advance('1m');
    expect(core.store.get<Pod>('Pod', 'default', 'new')?.status?.phase).toBe('Running');
    expect(w.exec('default', 'new', undefined, ['ls', '/data']).stdout.trim().split('\n')).toHaveLength(2);
  });
});
