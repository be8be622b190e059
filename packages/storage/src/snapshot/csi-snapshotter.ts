/**
 * Design: the csi-snapshotter sidecar of the EBS CSI driver's controller pod. It acts on
 * VolumeSnapshotContents of `ebs.csi.aws.com`: [1] a content being deleted whose snapshot-controller
 * said so (`volumesnapshot-being-deleted`) has its EBS snapshot deleted for policy Delete (status
 * cleared), then loses its finalizer; [2] a dynamic content without status gets CreateSnapshot
 * (`volumesnapshot-being-created` set around the call) and its status (handle, creation time in unix
 * ns, restore size in bytes, readyToUse); [3] an unready content is asked again until the EBS
 * snapshot is `completed`; [4] a pre-provisioned content (`source.snapshotHandle`) reads the
 * snapshot's state. Requeues (not ready, errors) back off 1 s doubling to 5 min as the sidecar's
 * rate-limited queue; errors write `status.error` with `SnapshotCreationFailed` once per message.
 * @see external-snapshotter pkg/sidecar-controller/snapshot_controller.go, csi_handler.go
 */
import { Controller, type CoreCluster, type SyncResult } from '@kubesim/core';
import { EBS_CSI_DRIVER, SNAPSHOT_ANN, SNAPSHOT_FINALIZER } from '../constants.js';
import { REASON } from '../events/reasons.js';
import { ProvisionError } from '../provisioners/parameters.js';
import type { CsiSnapshot, EbsSnapshotDriver } from './ebs-snapshots.js';
import { SNAPSHOT_MSG, SNAPSHOTTER_MSG } from './messages.js';
import { contentIsReady, makeSnapshotName } from './snapshot-utils.js';
import { SNAPSHOT_KIND, type VolumeSnapshotClass, type VolumeSnapshotContent } from './types.js';

const RETRY_START_MS = 1000;
const RETRY_MAX_MS = 300_000;
/** Event source: `csi-snapshotter <driver>` (cmd/csi-snapshotter main.go). */
const SOURCE = `csi-snapshotter ${EBS_CSI_DRIVER}`;

class SidecarError extends Error {}

/**
 * Whether a change concerns the sidecar: a new spec, a deletion, the being-deleted mark. Its own
 * status and being-created writes do not re-enqueue the content (deviation: upstream re-enqueues
 * them too and polls an unready snapshot as fast as CreateSnapshot answers; here the backoff
 * alone paces the polls, so no instant of virtual time loops).
 */
function needsSidecarSync(old: VolumeSnapshotContent, next: VolumeSnapshotContent): boolean {
  return (
    old.spec !== next.spec ||
    old.metadata.deletionTimestamp !== next.metadata.deletionTimestamp ||
    old.metadata.annotations?.[SNAPSHOT_ANN.beingDeleted] !== next.metadata.annotations?.[SNAPSHOT_ANN.beingDeleted]
  );
}

/** The csi-snapshotter loop for the EBS driver. */
export class CsiSnapshotter {
  readonly controller: Controller;
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly core: CoreCluster,
    private readonly driver: EbsSnapshotDriver,
  ) {
    this.controller = new Controller(core.loop, { name: 'csi-snapshotter', sync: (key) => this.sync(key) });
    core.store.watch<VolumeSnapshotContent>(SNAPSHOT_KIND.content, (e) => {
      if (e.type === 'DELETED' || e.object.spec.driver !== EBS_CSI_DRIVER) return;
      if (e.type === 'MODIFIED' && e.old && !needsSidecarSync(e.old, e.object)) return;
      this.controller.enqueue(e.object.metadata.name ?? '');
    });
  }

  private sync(name: string): SyncResult {
    const content = this.core.store.get<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, name);
    if (!content) return;
    let requeue: boolean;
    try {
      requeue = this.syncContent(content);
    } catch (e) {
      if (!(e instanceof SidecarError)) throw e;
      requeue = true;
    }
    if (!requeue) {
      this.failures.delete(name);
      return;
    }
    const n = (this.failures.get(name) ?? 0) + 1;
    this.failures.set(name, n);
    return { requeueAfterMs: Math.min(RETRY_MAX_MS, RETRY_START_MS * 2 ** (n - 1)) };
  }

  /** `syncContent`; returns whether to requeue. */
  private syncContent(content: VolumeSnapshotContent): boolean {
    // [1] deletion.
    if (this.shouldDelete(content)) {
      let current = content;
      if (content.spec.deletionPolicy === 'Delete' && content.status?.snapshotHandle) current = this.deleteCSISnapshot(content);
      this.removeContentFinalizer(current);
      return false;
    }
    // [2] a dynamic content never created.
    if (content.spec.source.volumeHandle && !content.status) return this.createSnapshot(content);
    // Ready: nothing more to ask the driver.
    if (contentIsReady(content)) {
      this.removeAnnotation(content, SNAPSHOT_ANN.beingCreated);
      return false;
    }
    // [3] / [4] not ready yet.
    return this.checkandUpdateContentStatus(content);
  }

  /** `shouldDelete`. */
  private shouldDelete(content: VolumeSnapshotContent): boolean {
    if (!content.metadata.deletionTimestamp) return false;
    if (content.spec.source.snapshotHandle && !content.spec.volumeSnapshotRef.uid) return true;
    const ann = content.metadata.annotations ?? {};
    if (ann[SNAPSHOT_ANN.beingCreated] !== undefined) return false;
    return ann[SNAPSHOT_ANN.beingDeleted] !== undefined;
  }

  private createSnapshot(content: VolumeSnapshotContent): boolean {
    try {
      return !contentIsReady(this.createSnapshotWrapper(content));
    } catch (e) {
      if (!(e instanceof SidecarError)) throw e;
      this.updateContentErrorStatusWithEvent(content.metadata.name ?? '', REASON.SnapshotCreationFailed, SNAPSHOTTER_MSG.creationFailed(e.message));
      throw e;
    }
  }

  private checkandUpdateContentStatus(content: VolumeSnapshotContent): boolean {
    if (!content.spec.source.snapshotHandle) return this.createSnapshot(content);
    const snap = this.driver.getSnapshot(content.spec.source.snapshotHandle);
    if (!snap) return true;
    return !contentIsReady(this.updateSnapshotContentStatus(content, snap));
  }

  /** `createSnapshotWrapper`: class, being-created annotation, CreateSnapshot, status. */
  private createSnapshotWrapper(content: VolumeSnapshotContent): VolumeSnapshotContent {
    const name = content.metadata.name ?? '';
    const className = content.spec.volumeSnapshotClassName;
    const cls = className ? this.core.store.get<VolumeSnapshotClass>(SNAPSHOT_KIND.class, undefined, className) : undefined;
    if (!cls) {
      const err = className ? SNAPSHOT_MSG.classNotFound(className) : `failed to take snapshot ${name} without a snapshot class`;
      throw new SidecarError(SNAPSHOTTER_MSG.createInput(name, err));
    }
    this.setAnnotation(content, SNAPSHOT_ANN.beingCreated, 'yes');
    const volumeHandle = content.spec.source.volumeHandle ?? '';
    let snap: CsiSnapshot;
    try {
      snap = this.driver.createSnapshot(makeSnapshotName(content), volumeHandle);
    } catch (e) {
      if (!(e instanceof ProvisionError)) throw e;
      // Every error the driver returns here is final: the request is not in flight any more.
      this.removeAnnotation(this.current(name) ?? content, SNAPSHOT_ANN.beingCreated);
      throw new SidecarError(SNAPSHOTTER_MSG.takeSnapshot(volumeHandle, e.message));
    }
    const updated = this.updateSnapshotContentStatus(this.current(name) ?? content, snap);
    return this.removeAnnotation(updated, SNAPSHOT_ANN.beingCreated);
  }

  private current(name: string): VolumeSnapshotContent | undefined {
    return this.core.store.get<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, name);
  }

  /** `updateSnapshotContentStatus`: fills what the status lacks; readiness may change. */
  private updateSnapshotContentStatus(content: VolumeSnapshotContent, snap: CsiSnapshot): VolumeSnapshotContent {
    const old = content.status;
    const status: Record<string, unknown> = old
      ? { ...old }
      : { snapshotHandle: snap.snapshotId, creationTime: snap.creationTimeNs, ...(snap.sizeBytes > 0 ? { restoreSize: snap.sizeBytes } : {}), readyToUse: snap.readyToUse };
    if (old) {
      if (old.snapshotHandle === undefined) status.snapshotHandle = snap.snapshotId;
      if (old.readyToUse !== snap.readyToUse) {
        status.readyToUse = snap.readyToUse;
        if (snap.readyToUse) delete status.error;
      }
      if (old.creationTime === undefined) status.creationTime = snap.creationTimeNs;
      if (old.restoreSize === undefined && snap.sizeBytes > 0) status.restoreSize = snap.sizeBytes;
    }
    const ordered: Record<string, unknown> = {};
    for (const key of ['snapshotHandle', 'creationTime', 'restoreSize', 'readyToUse', 'error']) if (status[key] !== undefined) ordered[key] = status[key];
    return this.core.api.updateStatus<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', ordered);
  }

  /** `deleteCSISnapshotOperation`: DeleteSnapshot, then the status forgets the snapshot. */
  private deleteCSISnapshot(content: VolumeSnapshotContent): VolumeSnapshotContent {
    try {
      this.driver.deleteSnapshot(content.status?.snapshotHandle ?? '');
    } catch (e) {
      if (!(e instanceof ProvisionError)) throw e;
      this.core.recorder.event(content, 'Warning', REASON.SnapshotDeleteError, SNAPSHOTTER_MSG.deleteFailed, SOURCE);
      throw new SidecarError(e.message);
    }
    const { snapshotHandle: _h, readyToUse: _r, creationTime: _c, restoreSize: _s, ...rest } = content.status ?? {};
    return this.core.api.updateStatus<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', rest);
  }

  private removeContentFinalizer(content: VolumeSnapshotContent): void {
    if (!content.metadata.finalizers?.includes(SNAPSHOT_FINALIZER.contentBound)) return;
    this.core.api.updateWith<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', (d) => {
      d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== SNAPSHOT_FINALIZER.contentBound);
    });
  }

  private setAnnotation(content: VolumeSnapshotContent, key: string, value: string): VolumeSnapshotContent {
    if (content.metadata.annotations?.[key] !== undefined) return content;
    return this.core.api.updateWith<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, [key]: value };
    });
  }

  private removeAnnotation(content: VolumeSnapshotContent, key: string): VolumeSnapshotContent {
    if (content.metadata.annotations?.[key] === undefined) return content;
    return this.core.api.updateWith<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', (d) => {
      const { [key]: _gone, ...rest } = d.metadata.annotations ?? {};
      if (Object.keys(rest).length > 0) d.metadata.annotations = rest;
      else delete d.metadata.annotations;
    });
  }

  /** `updateContentErrorStatusWithEvent`: error and readyToUse false, once per message. */
  private updateContentErrorStatusWithEvent(name: string, reason: string, message: string): void {
    const content = this.current(name);
    if (!content || content.status?.error?.message === message) return;
    const error = { time: this.core.clock.rfc3339(), message };
    const status = content.status ? { ...content.status, readyToUse: false, error } : { readyToUse: false, error };
    const next = this.core.api.updateStatus<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, name, status);
    this.core.recorder.event(next, 'Warning', reason, message, SOURCE);
  }
}
