import { createHash } from 'node:crypto';
import type { CoreEvent, KubeletVolumePlugin, VolumeContext } from '@kubesim/core';
import { describe, expect, it } from 'vitest';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, VolumeAttachment } from '../api-types.js';
import { makeClaim, makeClass, makePod, newStorageCluster } from '../testing/index.js';

const A1 = 'ip-10-0-1-23.ec2.internal';
const A2 = 'ip-10-0-1-24.ec2.internal';
const B1 = 'ip-10-0-2-31.ec2.internal';

/** A cluster with one Bound 1Gi RWO claim `data` in us-east-1a. */
function setup() {
  const t = newStorageCluster();
  t.core.api.create(makeClass('zone-a').zones('us-east-1a').obj());
  t.core.api.create(makeClaim('data').storageClass('zone-a').obj());
  t.advance('10s');
  const claim = t.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'data') as PersistentVolumeClaim;
  const pvName = claim.spec?.volumeName as string;
  const pv = t.core.store.get<PersistentVolume>('PersistentVolume', undefined, pvName) as PersistentVolume;
  const volumeId = pv.spec?.csi?.volumeHandle as string;
  const unique = `kubernetes.io/csi/ebs.csi.aws.com^${volumeId}`;
  const runPod = (name: string, node: string) => {
    const manifest = makePod(name).node(node).pvc('data').obj();
    t.core.api.create(manifest);
    // The API server resets a new pod's status to Pending; this test has no kubelet, so post the fixture's running status.
    t.core.api.updateWith<Pod>('Pod', 'default', name, (d) => {
      d.status = structuredClone(manifest.status) as Pod['status'];
    });
    t.core.loop.settle();
  };
  const pod = (name: string) => t.core.store.get<Pod>('Pod', 'default', name) as Pod;
  const node = (name: string) => t.core.store.get<Node>('Node', undefined, name) as Node;
  const attachedNodes = () => (t.storage.ec2.volume(volumeId)?.attachments ?? []).map((a) => a.instanceId);
  const setNode = (name: string, recipe: (d: { status: Record<string, unknown>; spec: Record<string, unknown> }) => void) =>
    t.core.api.updateWith<Node>('Node', undefined, name, (d) => recipe(d as unknown as { status: Record<string, unknown>; spec: Record<string, unknown> }));
  const events = (reason: string) => t.eventsByReason(reason).map((e: CoreEvent) => `${e.involvedObject.name}: ${e.message} (x${e.count})`);
  const plugin = t.core.volumes.all().find((p) => p.name === 'kubernetes.io/csi:ebs.csi.aws.com') as KubeletVolumePlugin;
  const ctx = (podName: string): VolumeContext => {
    const p = pod(podName);
    return { pod: p, volume: (p.spec?.volumes ?? [])[0], nodeName: p.spec?.nodeName as string, pvc: claim, pv };
  };
  return { t, pvName, volumeId, unique, runPod, pod, node, attachedNodes, setNode, events, plugin, ctx };
}

describe('attach/detach controller', () => {
  it('attaches a bound claim of a scheduled pod: VolumeAttachment, node status, event, kubelet plugin ready', () => {
    const s = setup();
    s.runPod('web-1', A1);
    expect(s.plugin.setUp(s.ctx('web-1'))).toEqual({ state: 'waiting', reason: 'unattached' });
    s.t.advance('10s');
    const vaName = `csi-${createHash('sha256').update(`${s.volumeId}ebs.csi.aws.com${A1}`).digest('hex')}`;
    const va = s.t.core.store.get<VolumeAttachment>('VolumeAttachment', undefined, vaName);
    expect(va?.spec).toEqual({ attacher: 'ebs.csi.aws.com', nodeName: A1, source: { persistentVolumeName: s.pvName } });
    expect(va?.status).toEqual({ attached: true, attachmentMetadata: { devicePath: '/dev/xvdba' } });
    expect(s.node(A1).status?.volumesAttached).toEqual([{ name: s.unique, devicePath: '/dev/xvdba' }]);
    expect(s.events('SuccessfulAttachVolume')).toEqual([`web-1: AttachVolume.Attach succeeded for volume "${s.pvName}"  (x1)`]);
    expect(s.t.eventsByReason('SuccessfulAttachVolume')[0].source.component).toBe('attachdetach-controller');
    expect(s.plugin.setUp(s.ctx('web-1')).state).toBe('ready');
  });

  it('RWO is per node: a second pod on the same node shares the attachment', () => {
    const s = setup();
    s.runPod('web-1', A1);
    s.runPod('web-2', A1);
    s.t.advance('30s');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
    expect(s.events('FailedAttachVolume')).toEqual([]);
    expect(s.plugin.setUp(s.ctx('web-2')).state).toBe('ready');
  });

  it('exactly one Multi-Attach event per (volume, node), naming the pods in the namespace, sorted', () => {
    const s = setup();
    s.runPod('web-b', A1);
    s.runPod('web-a', A1);
    s.t.advance('15s');
    s.runPod('web-new', A2);
    s.t.advance('10m');
    s.t.core.api.updateWith<Pod>('Pod', 'default', 'web-new', (d) => {
      d.metadata.labels = { touched: 'yes' };
    });
    s.t.advance('10m');
    expect(s.events('FailedAttachVolume')).toEqual([
      `web-new: Multi-Attach error for volume "${s.pvName}" Volume is already used by pod(s) web-a, web-b (x1)`,
    ]);
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
    expect(s.plugin.setUp(s.ctx('web-new'))).toEqual({ state: 'waiting', reason: 'unattached' });
  });

  it('detaches before it attaches: the new node gets the volume once the old pod is gone', () => {
    const s = setup();
    s.runPod('old', A1);
    s.t.advance('15s');
    s.plugin.setUp(s.ctx('old'));
    const fs = s.t.storage.ec2.volume(s.volumeId)?.fs;
    fs?.writeFile('data/a', '1');
    s.runPod('new', A2);
    s.t.advance('5s');
    s.t.core.store.remove('Pod', 'default', 'old');
    s.t.advance('30s');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A2)]);
    expect(s.node(A1).status?.volumesAttached).toBeUndefined();
    expect(s.node(A2).status?.volumesAttached?.[0].name).toBe(s.unique);
    const r = s.plugin.setUp(s.ctx('new'));
    expect(r.state === 'ready' && r.fs.readFile('data/a')).toBe('1');
    expect(s.events('SuccessfulAttachVolume')).toContain(`new: AttachVolume.Attach succeeded for volume "${s.pvName}"  (x1)`);
  });

  it('a volume still mounted on a healthy node is not detached; the other node hears "exclusively attached"', () => {
    const s = setup();
    s.runPod('old', A1);
    s.t.advance('15s');
    s.setNode(A1, (d) => {
      d.status.volumesInUse = [s.unique];
    });
    s.t.core.store.remove('Pod', 'default', 'old');
    s.runPod('new', A2);
    s.t.advance('20m');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
    expect(s.events('FailedAttachVolume')).toEqual([
      `new: Multi-Attach error for volume "${s.pvName}" Volume is already exclusively attached to one node and can't be attached to another (x1)`,
    ]);
    s.setNode(A1, (d) => {
      d.status.volumesInUse = [];
    });
    s.t.advance('30s');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A2)]);
  });

  it('unhealthy node: force detach only 6 minutes after the pod left the desired state', () => {
    const s = setup();
    s.runPod('old', A1);
    s.t.advance('15s');
    s.setNode(A1, (d) => {
      d.status.volumesInUse = [s.unique];
      d.status.conditions = [{ type: 'Ready', status: 'Unknown' }];
    });
    s.runPod('new', A2);
    s.t.advance('10m');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
    s.t.core.store.remove('Pod', 'default', 'old');
    s.t.advance('5m59s');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
    // The detach request time is taken by the next 100 ms reconciler pass after the pod left.
    s.t.advance(1100);
    expect(s.t.storage.ec2.volume(s.volumeId)?.attachments[0].state).toBe('detaching');
    s.t.advance('30s');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A2)]);
  });

  it('a terminating pod with running containers on a dead node keeps the volume desired', () => {
    const s = setup();
    s.runPod('old', A1);
    s.t.advance('15s');
    s.setNode(A1, (d) => {
      d.status.volumesInUse = [s.unique];
      d.status.conditions = [{ type: 'Ready', status: 'Unknown' }];
    });
    s.t.core.api.updateWith<Pod>('Pod', 'default', 'old', (d) => {
      d.metadata.deletionTimestamp = s.t.core.clock.rfc3339();
      d.metadata.deletionGracePeriodSeconds = 30;
    });
    s.t.advance('20m');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
  });

  it('out-of-service taint: immediate force detach', () => {
    const s = setup();
    s.runPod('old', A1);
    s.t.advance('15s');
    s.setNode(A1, (d) => {
      d.status.volumesInUse = [s.unique];
      d.status.conditions = [{ type: 'Ready', status: 'Unknown' }];
    });
    s.runPod('new', A2);
    s.t.core.store.remove('Pod', 'default', 'old');
    s.t.advance('1m');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A1)]);
    s.setNode(A1, (d) => {
      d.spec.taints = [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }];
    });
    s.t.advance('30s');
    expect(s.attachedNodes()).toEqual([s.t.instanceOf(A2)]);
  });

  it('a Succeeded pod leaves the desired state and its volume is detached', () => {
    const s = setup();
    s.runPod('job', A1);
    s.t.advance('15s');
    s.t.core.api.updateWith<Pod>('Pod', 'default', 'job', (d) => {
      d.status = { phase: 'Succeeded' };
    });
    s.t.advance('15s');
    expect(s.attachedNodes()).toEqual([]);
    expect(s.t.storage.ec2.volume(s.volumeId)?.state).toBe('available');
  });

  it('inline awsElasticBlockStore in another zone: ZoneMismatch FailedAttachVolume named after the pod volume', () => {
    const t = newStorageCluster();
    const vol = t.storage.ec2.createVolume({ AvailabilityZone: 'us-east-1b', Size: 5, VolumeType: 'gp2' });
    t.advance('5s');
    t.core.api.create(makePod('randserver').node(A1).ebs(vol.volumeId).obj());
    t.advance('1m');
    const failed = t.eventsByReason('FailedAttachVolume');
    const inst = t.instanceOf(A1);
    expect(failed.map((e) => e.message)).toEqual([
      `AttachVolume.Attach failed for volume "data" : rpc error: code = Internal desc = Could not attach volume "${vol.volumeId}" to node "${inst}": could not attach volume "${vol.volumeId}" to node "${inst}": InvalidVolume.ZoneMismatch: The volume '${vol.volumeId}' is not in the same availability zone as instance '${inst}'`,
    ]);
    expect(failed[0].count).toBeGreaterThan(1);
  });

  it('inline awsElasticBlockStore in the right zone attaches; data survives pod replacement on another node', () => {
    const t = newStorageCluster();
    const vol = t.storage.ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 5, VolumeType: 'gp2' });
    t.advance('5s');
    t.core.api.create(makePod('p1').node(A1).ebs(vol.volumeId).obj());
    t.advance('15s');
    expect(t.eventsByReason('SuccessfulAttachVolume').map((e) => e.message)).toEqual(['AttachVolume.Attach succeeded for volume "data" ']);
    vol.fs.writeFile('one', '1');
    t.core.store.remove('Pod', 'default', 'p1');
    t.core.api.create(makePod('p2').node(A2).ebs(vol.volumeId).obj());
    t.advance('30s');
    expect(vol.attachments.map((a) => a.instanceId)).toEqual([t.instanceOf(A2)]);
    expect(t.storage.ec2.volume(vol.volumeId)?.fs.readFile('one')).toBe('1');
    expect(B1).toContain('ip-');
  });
});

describe('attach/detach controller with Multi-Attach volumes', () => {
  it('an io2 RWX Block volume attaches to two nodes of its zone without a Multi-Attach error', () => {
    const t = newStorageCluster();
    t.core.api.create(makeClass('io2').zones('us-east-1a').params({ type: 'io2', iops: '1000' }).obj());
    t.core.api.create(makeClaim('shared').storageClass('io2').size('10Gi').modes('ReadWriteMany').volumeMode('Block').obj());
    t.advance('10s');
    t.core.api.create(makePod('a').node(A1).pvc('shared').obj());
    t.core.api.create(makePod('b').node(A2).pvc('shared').obj());
    t.advance('30s');
    const claim = t.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', 'default', 'shared') as PersistentVolumeClaim;
    const pv = t.core.store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec?.volumeName as string) as PersistentVolume;
    const vol = t.storage.ec2.volume(pv.spec?.csi?.volumeHandle as string);
    expect(vol?.attachments.map((a) => [a.instanceId, a.state])).toEqual([
      [t.instanceOf(A1), 'attached'],
      [t.instanceOf(A2), 'attached'],
    ]);
    expect(t.eventsByReason('FailedAttachVolume')).toEqual([]);
    expect(t.eventsByReason('SuccessfulAttachVolume')).toHaveLength(2);
  });
});
