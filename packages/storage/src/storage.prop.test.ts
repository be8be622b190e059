/**
 * Property: across random sequences of claims, pods on random nodes, pod deletion/termination,
 * node health changes, kubelet mount reports, data writes and time, the storage stack keeps
 * its safety invariants:
 * - an RWO EBS volume is never attached to two nodes at once (EC2 and the controller's view);
 * - attachments are only in the volume's zone;
 * - every Bound claim and its PV point at each other;
 * - no data written to an EBS-backed path is lost while its volume exists.
 */
import type { KubeletVolumePlugin, VolumeContext } from '@kubesim/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from './api-types.js';
import { makeClaim, makeClass, makePod, newStorageCluster, type StorageTestCluster } from './testing/index.js';

const NODES = [
  { name: 'ip-10-0-1-23.ec2.internal', zone: 'us-east-1a' },
  { name: 'ip-10-0-1-24.ec2.internal', zone: 'us-east-1a' },
  { name: 'ip-10-0-2-31.ec2.internal', zone: 'us-east-1b' },
];
const CLAIMS = ['c0', 'c1', 'c2'];
const PODS = ['p0', 'p1', 'p2', 'p3'];

type Cmd =
  | { readonly op: 'claim'; readonly c: number }
  | { readonly op: 'run'; readonly p: number; readonly c: number; readonly n: number }
  | { readonly op: 'delete'; readonly p: number }
  | { readonly op: 'succeed'; readonly p: number }
  | { readonly op: 'health'; readonly n: number; readonly ready: boolean }
  | { readonly op: 'mount'; readonly n: number }
  | { readonly op: 'write'; readonly p: number }
  | { readonly op: 'deleteClaim'; readonly c: number }
  | { readonly op: 'advance'; readonly ms: number };

const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ op: fc.constant('claim' as const), c: fc.nat(CLAIMS.length - 1) }),
  fc.record({ op: fc.constant('run' as const), p: fc.nat(PODS.length - 1), c: fc.nat(CLAIMS.length - 1), n: fc.nat(NODES.length - 1) }),
  fc.record({ op: fc.constant('delete' as const), p: fc.nat(PODS.length - 1) }),
  fc.record({ op: fc.constant('succeed' as const), p: fc.nat(PODS.length - 1) }),
  fc.record({ op: fc.constant('health' as const), n: fc.nat(NODES.length - 1), ready: fc.boolean() }),
  fc.record({ op: fc.constant('mount' as const), n: fc.nat(NODES.length - 1) }),
  fc.record({ op: fc.constant('write' as const), p: fc.nat(PODS.length - 1) }),
  fc.record({ op: fc.constant('deleteClaim' as const), c: fc.nat(CLAIMS.length - 1) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400_000 }) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
);

/** Writes that reached an attached volume, over all runs (the property must exercise data). */
let totalWrites = 0;

class World {
  readonly t: StorageTestCluster = newStorageCluster(NODES);
  /** Files written per EBS volume id. */
  readonly written = new Map<string, Map<string, string>>();
  private seq = 0;
  private readonly plugin: KubeletVolumePlugin;

  constructor() {
    this.t.core.api.create(makeClass('ebs').obj());
    this.plugin = this.t.core.volumes.all().find((p) => p.name.endsWith('ebs.csi.aws.com')) as KubeletVolumePlugin;
  }

  private get store() {
    return this.t.core.store;
  }

  run(cmd: Cmd): void {
    const api = this.t.core.api;
    switch (cmd.op) {
      case 'claim':
        if (!this.store.get('PersistentVolumeClaim', 'default', CLAIMS[cmd.c])) api.create(makeClaim(CLAIMS[cmd.c]).storageClass('ebs').obj());
        break;
      case 'run':
        if (!this.store.get('PersistentVolumeClaim', 'default', CLAIMS[cmd.c])) api.create(makeClaim(CLAIMS[cmd.c]).storageClass('ebs').obj());
        if (!this.store.get('Pod', 'default', PODS[cmd.p])) api.create(makePod(PODS[cmd.p]).node(NODES[cmd.n].name).pvc(CLAIMS[cmd.c]).obj());
        break;
      case 'delete':
        this.store.remove('Pod', 'default', PODS[cmd.p]);
        break;
      case 'succeed':
        if (this.store.get('Pod', 'default', PODS[cmd.p])) {
          api.updateWith<Pod>('Pod', 'default', PODS[cmd.p], (d) => {
            d.status = { phase: 'Succeeded' };
          });
        }
        break;
      case 'health':
        api.updateWith<Node>('Node', undefined, NODES[cmd.n].name, (d) => {
          (d as { status: Node['status'] }).status = { ...d.status, conditions: [{ type: 'Ready', status: cmd.ready ? 'True' : 'Unknown' }] };
        });
        break;
      case 'mount':
        this.mount(cmd.n);
        break;
      case 'write':
        this.write(cmd.p);
        break;
      case 'deleteClaim':
        if (this.store.get('PersistentVolumeClaim', 'default', CLAIMS[cmd.c])) api.delete('PersistentVolumeClaim', 'default', CLAIMS[cmd.c]);
        break;
      case 'advance':
        this.t.advance(cmd.ms);
        // Every running app writes once its volume is mounted.
        for (let p = 0; p < PODS.length; p++) this.write(p);
        break;
    }
    this.t.core.loop.settle();
  }

  /** The kubelet's report: volumes of running pods on the node that are attached there. */
  private mount(n: number): void {
    const node = this.store.get<Node>('Node', undefined, NODES[n].name);
    const attached = new Set((node?.status?.volumesAttached ?? []).map((v) => v.name));
    this.t.core.api.updateWith<Node>('Node', undefined, NODES[n].name, (d) => {
      (d as { status: Node['status'] }).status = { ...d.status, volumesInUse: [...attached].sort() };
    });
  }

  private context(podName: string): VolumeContext | undefined {
    const pod = this.store.get<Pod>('Pod', 'default', podName);
    const volume = pod?.spec?.volumes?.[0];
    const claimName = volume?.persistentVolumeClaim?.claimName;
    const pvc = claimName ? this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', claimName) : undefined;
    const pv = pvc?.spec?.volumeName ? this.store.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec.volumeName) : undefined;
    if (!pod || !volume || !pv || !pod.spec?.nodeName || pod.status?.phase === 'Succeeded') return undefined;
    return { pod, volume, nodeName: pod.spec.nodeName, pvc, pv };
  }

  private write(p: number): void {
    const ctx = this.context(PODS[p]);
    if (!ctx) return;
    const r = this.plugin.setUp(ctx);
    if (r.state !== 'ready') return;
    const id = ctx.pv?.spec?.csi?.volumeHandle as string;
    const path = `data/${PODS[p]}-${this.seq++}`;
    r.fs.writeFile(path, path);
    totalWrites++;
    const files = this.written.get(id) ?? new Map<string, string>();
    files.set(path, path);
    this.written.set(id, files);
  }

  check(): void {
    const ec2 = this.t.storage.ec2;
    const cloud = this.t.cloud;
    for (const v of ec2.volumes()) {
      if (!v.multiAttachEnabled) expect(v.attachments.length).toBeLessThanOrEqual(1);
      for (const a of v.attachments) expect(cloud.getInstance(a.instanceId)?.zone).toBe(v.zone);
      expect(this.t.storage.attachDetach.asw.nodesFor(`kubernetes.io/csi/ebs.csi.aws.com^${v.volumeId}`).length).toBeLessThanOrEqual(1);
      for (const [path, content] of this.written.get(v.volumeId) ?? []) expect(v.fs.readFile(path)).toBe(content);
    }
    for (const c of this.store.list<PersistentVolumeClaim>('PersistentVolumeClaim')) {
      if (c.status?.phase !== 'Bound') continue;
      const pv = this.store.get<PersistentVolume>('PersistentVolume', undefined, c.spec?.volumeName ?? '');
      expect(pv?.spec?.claimRef?.uid).toBe(c.metadata.uid);
    }
    for (const pv of this.store.list<PersistentVolume>('PersistentVolume')) {
      if (pv.status?.phase !== 'Bound') continue;
      const ref = pv.spec?.claimRef;
      const c = this.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref?.namespace ?? 'default', ref?.name ?? '');
      expect(c?.metadata.uid).toBe(ref?.uid);
      expect(c?.spec?.volumeName).toBe(pv.metadata.name);
    }
  }
}

describe('storage safety properties', () => {
  it('RWO single attach, zone pinning, claim/PV symmetry and data durability hold', () => {
    fc.assert(
      fc.property(fc.array(cmdArb, { minLength: 5, maxLength: 40 }), (cmds) => {
        const w = new World();
        for (const cmd of cmds) {
          w.run(cmd);
          w.check();
        }
        w.t.advance('30m');
        w.check();
      }),
      { seed: 20261128, numRuns: 60 },
    );
    expect(totalWrites).toBeGreaterThan(20);
  });
});
