/**
 * The attach/detach operations: EC2 AttachVolume/DetachVolume through the EBS CSI driver, the
 * VolumeAttachment objects, node.status.volumesAttached, and the events. One operation per
 * volume at a time (as nestedpendingoperations for single-attach volumes); failed attaches back
 * off exponentially (500ms doubling to 2m2s).
 * @see kubernetes pkg/volume/util/operationexecutor/operation_generator.go,
 *      pkg/volume/csi/csi_attacher.go, pkg/util/goroutinemap/exponentialbackoff
 */
import { createHash } from 'node:crypto';
import type { CloudProvider, CoreCluster } from '@kubesim/core';
import type { Node, VolumeAttachment } from '../api-types.js';
import { COMPONENT, EBS_CSI_DRIVER } from '../constants.js';
import type { Ec2Model } from '../ebs/ec2.js';
import { Ec2Error } from '../ebs/errors.js';
import { REASON } from '../events/reasons.js';
import type { ActualStateOfWorld, AttachedVolume, DesiredStateOfWorld, VolumeToAttach } from './cache.js';
import { attachFailed, attachSucceeded, attachTimedOut, csiAttachError } from './messages.js';

/** Backoff of failed operations (exponentialbackoff initialDurationBeforeRetry / maxDurationBeforeRetry). */
const BACKOFF_START_MS = 500;
const BACKOFF_MAX_MS = 122_000;
/** How long the CSI attacher waits for the external-attacher to mark a VolumeAttachment attached (`csiTimeout`). */
export const CSI_ATTACH_TIMEOUT_MS = 120_000;

/** `csi-` + sha256(volumeHandle + driver + nodeName) (csi_attacher.go getAttachmentName). */
export function getAttachmentName(volumeHandle: string, driver: string, nodeName: string): string {
  return `csi-${createHash('sha256').update(volumeHandle + driver + nodeName).digest('hex')}`;
}

interface Backoff {
  untilMs: number;
  durationMs: number;
}

/** Runs attaches and detaches. */
export class OperationExecutor {
  private readonly pending = new Set<string>();
  private readonly backoff = new Map<string, Backoff>();
  /** Attach attempts by (volume, node): a timeout checks that it is still the one it was set for. */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly core: CoreCluster,
    private readonly ec2: Ec2Model,
    private readonly cloud: () => CloudProvider,
    private readonly asw: ActualStateOfWorld,
    private readonly dsw: DesiredStateOfWorld,
  ) {}

  /** Whether an operation on the volume is in flight. */
  isOperationPending(uniqueName: string): boolean {
    return this.pending.has(uniqueName);
  }

  /** Virtual ms until the (volume, node) may be retried, or 0. */
  backoffRemainingMs(uniqueName: string, nodeName: string): number {
    const b = this.backoff.get(`${uniqueName}|${nodeName}`);
    return b ? Math.max(0, b.untilMs - this.core.clock.now()) : 0;
  }

  private fail(key: string): void {
    const prev = this.backoff.get(key);
    const durationMs = prev ? Math.min(BACKOFF_MAX_MS, prev.durationMs * 2) : BACKOFF_START_MS;
    this.backoff.set(key, { untilMs: this.core.clock.now() + durationMs, durationMs });
  }

  /** Starts attaching a desired volume to its node. */
  attach(v: VolumeToAttach): void {
    const { volume, nodeName } = v;
    const key = `${volume.uniqueName}|${nodeName}`;
    const instance = this.cloud().instanceForNode(nodeName);
    const vaName = getAttachmentName(volume.volumeHandle, EBS_CSI_DRIVER, nodeName);
    this.ensureVolumeAttachment(vaName, v);
    try {
      if (!instance) throw new Ec2Error('InvalidInstanceID.NotFound', `node ${JSON.stringify(nodeName)} has no EC2 instance`);
      const attachment = this.ec2.attachVolume({ VolumeId: volume.volumeHandle, InstanceId: instance.instanceId });
      this.asw.add({ volume, nodeName, instanceId: instance.instanceId, attached: false, devicePath: attachment.device, detaching: false });
      this.pending.add(volume.uniqueName);
      this.waitForAttachment(key, volume.uniqueName, nodeName, CSI_ATTACH_TIMEOUT_MS);
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      const err = csiAttachError(volume.volumeHandle, instance?.instanceId ?? nodeName, e.toString());
      for (const pod of [...v.pods.values()]) {
        this.core.recorder.event(pod, 'Warning', REASON.FailedAttachVolume, attachFailed(volume.specName, err), COMPONENT.attachDetach);
      }
      this.setAttachError(vaName, err);
      this.fail(key);
    }
  }

  /**
   * `waitForVolumeAttachment`: when the attachment is still not attached `afterMs` from now (EC2
   * leaves it `attaching`), the attach fails for the pods that want it (`timed out waiting for
   * external-attacher …`) and is retried after the backoff, the VolumeAttachment in place.
   */
  private waitForAttachment(key: string, uniqueName: string, nodeName: string, afterMs: number): void {
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    this.core.loop.schedule(afterMs, `adc/attach-timeout ${key}`, () => {
      const a = this.asw.get(uniqueName, nodeName);
      if (this.attempts.get(key) !== attempt || !a || a.attached || a.detaching) return;
      const pods = this.dsw.podsOnNodes(uniqueName, [nodeName]);
      if (pods.length === 0) return;
      const err = attachTimedOut(EBS_CSI_DRIVER, a.volume.volumeHandle);
      for (const pod of pods) this.core.recorder.event(pod, 'Warning', REASON.FailedAttachVolume, attachFailed(a.volume.specName, err), COMPONENT.attachDetach);
      this.fail(key);
      this.waitForAttachment(key, uniqueName, nodeName, this.backoffRemainingMs(uniqueName, nodeName) + CSI_ATTACH_TIMEOUT_MS);
    });
  }

  private ensureVolumeAttachment(name: string, v: VolumeToAttach): void {
    if (this.core.store.get('VolumeAttachment', undefined, name)) return;
    this.core.store.create<VolumeAttachment>({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'VolumeAttachment',
      metadata: { name },
      spec: {
        attacher: EBS_CSI_DRIVER,
        nodeName: v.nodeName,
        source: v.volume.pvName
          ? { persistentVolumeName: v.volume.pvName }
          : { inlineVolumeSpec: { csi: { driver: EBS_CSI_DRIVER, volumeHandle: v.volume.volumeHandle, fsType: 'ext4' }, accessModes: ['ReadWriteOnce'] } },
      },
      status: { attached: false },
    });
  }

  private setAttachError(name: string, message: string): void {
    if (!this.core.store.get('VolumeAttachment', undefined, name)) return;
    this.core.store.update<VolumeAttachment>('VolumeAttachment', undefined, name, (d) => {
      d.status = { attached: false, attachError: { time: this.core.clock.rfc3339(), message } };
    });
  }

  /** Starts detaching (the node no longer needs the volume). */
  detach(a: AttachedVolume, force: boolean): void {
    a.detaching = true;
    this.updateNodeStatus(a.nodeName);
    const vaName = getAttachmentName(a.volume.volumeHandle, EBS_CSI_DRIVER, a.nodeName);
    if (this.core.store.get('VolumeAttachment', undefined, vaName)) this.core.store.remove('VolumeAttachment', undefined, vaName);
    this.core.loop.record('adc', `detach ${a.volume.volumeHandle} from ${a.nodeName}${force ? ' (force)' : ''}`);
    try {
      this.ec2.detachVolume({ VolumeId: a.volume.volumeHandle, InstanceId: a.instanceId, Force: force });
      this.pending.add(a.volume.uniqueName);
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      if (e.code === 'IncorrectState' || e.code === 'InvalidAttachment.NotFound' || e.code === 'InvalidVolume.NotFound') {
        this.asw.remove(a.volume.uniqueName, a.nodeName);
        return;
      }
      a.detaching = false;
      this.fail(`${a.volume.uniqueName}|${a.nodeName}`);
    }
  }

  /** EC2 finished a transition of `volumeId`: settle the attachments the controller tracks. */
  handleEc2Change(uniqueName: string, volumeId: string): void {
    for (const a of this.asw.forVolume(uniqueName)) {
      const ec2Attachment = this.ec2.volume(volumeId)?.attachments.find((x) => x.instanceId === a.instanceId);
      if (ec2Attachment?.state === 'attached' && !a.attached) {
        a.attached = true;
        a.devicePath = ec2Attachment.device;
        this.pending.delete(uniqueName);
        this.backoff.delete(`${uniqueName}|${a.nodeName}`);
        this.markAttached(a);
      } else if (!ec2Attachment) {
        if (a.detaching || !a.attached) this.pending.delete(uniqueName);
        this.asw.remove(uniqueName, a.nodeName);
        const vaName = getAttachmentName(volumeId, EBS_CSI_DRIVER, a.nodeName);
        if (this.core.store.get('VolumeAttachment', undefined, vaName)) this.core.store.remove('VolumeAttachment', undefined, vaName);
        this.updateNodeStatus(a.nodeName);
      }
    }
  }

  private markAttached(a: AttachedVolume): void {
    const vaName = getAttachmentName(a.volume.volumeHandle, EBS_CSI_DRIVER, a.nodeName);
    if (this.core.store.get('VolumeAttachment', undefined, vaName)) {
      this.core.store.update<VolumeAttachment>('VolumeAttachment', undefined, vaName, (d) => {
        d.status = { attached: true, attachmentMetadata: { devicePath: a.devicePath } };
      });
    }
    this.updateNodeStatus(a.nodeName);
    const pods = this.dsw.podsOnNodes(a.volume.uniqueName, [a.nodeName]);
    for (const pod of pods) {
      this.core.recorder.event(pod, 'Normal', REASON.SuccessfulAttachVolume, attachSucceeded(a.volume.specName), COMPONENT.attachDetach);
    }
  }

  /** Writes node.status.volumesAttached from the actual state (sorted by name). */
  updateNodeStatus(nodeName: string): void {
    const node = this.core.store.get<Node>('Node', undefined, nodeName);
    if (!node) return;
    const want = this.asw.attachedOnNode(nodeName).map((a) => ({ name: a.volume.uniqueName, devicePath: a.devicePath }));
    const have = node.status?.volumesAttached ?? [];
    if (JSON.stringify(have) === JSON.stringify(want)) return;
    this.core.api.updateWith<Node>('Node', undefined, nodeName, (d) => {
      const status = (d.status ?? {}) as { volumesAttached?: { name: string; devicePath: string }[] };
      if (want.length) status.volumesAttached = want;
      else delete status.volumesAttached;
      (d as { status?: unknown }).status = status;
    });
  }
}
