/**
 * Design: the snapshot-controller of the EKS `snapshot-controller` add-on (external-snapshotter's
 * common controller), space-shuttle style. One queue with `vs:<ns>/<name>` and `vsc:<name>` keys.
 * A VolumeSnapshot from a PVC: [1] its class is resolved (named, or the one default class of the
 * PV's CSI driver, written into the spec); [2] finalizers are added (as-source always, bound once a
 * Delete content exists); [3] the content `snapcontent-<uid>` is created (the PVC gets the
 * pvc-as-source finalizer first) and `CreatingSnapshot` is emitted; [4] the snapshot's status
 * follows the content's (`SnapshotCreated`, `SnapshotReady`); [5] deletion annotates the content,
 * deletes it for policy Delete and drops the snapshot's finalizers when allowed. Failures write
 * `status.error` with an event (only when the message changes) and retry with exponential backoff
 * (1 s doubling to 5 min, the `--retry-interval-*` defaults). Pre-provisioned snapshots
 * (`source.volumeSnapshotContentName`) bind to their content.
 *
 * Deviation: upstream re-checks a snapshot pending deletion behind a restoring PVC on its 15 min
 * resync; here a change of such a PVC enqueues the snapshot at once.
 * @see external-snapshotter pkg/common-controller/snapshot_controller.go, snapshot_controller_base.go
 */
import { Controller, type CoreCluster, type SyncResult } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim } from '../api-types.js';
import { SNAPSHOT_ANN, SNAPSHOT_CONTROLLER, SNAPSHOT_FINALIZER, SNAPSHOT_GROUP } from '../constants.js';
import { REASON } from '../events/reasons.js';
import { SNAPSHOT_MSG } from './messages.js';
import {
  getDynamicSnapshotContentNameForSnapshot,
  inFieldOrder,
  isSnapshotCreated,
  isSnapshotDeletionCandidate,
  isSnapshotReady,
  isVolumeSnapshotRefSet,
  needsUpdateSnapshotStatus,
  snapshotKey,
  snapshotStatusFromContent,
} from './snapshot-utils.js';
import { SNAPSHOT_KIND, type VolumeSnapshot, type VolumeSnapshotClass, type VolumeSnapshotContent } from './types.js';

/** Retry backoff (`--retry-interval-start` 1s, `--retry-interval-max` 5m). */
const RETRY_START_MS = 1000;
const RETRY_MAX_MS = 300_000;
/** Indexes. */
const SNAPSHOTS_BY_PVC = 'snapshot.vs.by-pvc';
const CLAIMS_BY_SNAPSHOT = 'snapshot.pvc.by-datasource';
const DEFAULT_CLASSES_BY_DRIVER = 'snapshot.class.default-by-driver';

/** A failed sync step: requeue with backoff (the Go code's `return err`). */
class SyncError extends Error {}

/** The common snapshot controller. */
export class SnapshotController {
  readonly controller: Controller;

  constructor(private readonly core: CoreCluster) {
    this.controller = new Controller(core.loop, {
      name: SNAPSHOT_CONTROLLER,
      sync: (key) => this.sync(key),
      baseBackoffMs: RETRY_START_MS,
      maxBackoffMs: RETRY_MAX_MS,
    });
    const store = core.store;
    store.addIndex<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, SNAPSHOTS_BY_PVC, (s) => {
      const pvc = s.spec?.source?.persistentVolumeClaimName;
      return pvc ? [`${s.metadata.namespace}/${pvc}`] : [];
    });
    store.addIndex<PersistentVolumeClaim>('PersistentVolumeClaim', CLAIMS_BY_SNAPSHOT, (c) => {
      const ds = c.spec?.dataSource;
      return ds?.kind === SNAPSHOT_KIND.snapshot && ds.apiGroup === SNAPSHOT_GROUP ? [`${c.metadata.namespace}/${ds.name}`] : [];
    });
    store.addIndex<VolumeSnapshotClass>(SNAPSHOT_KIND.class, DEFAULT_CLASSES_BY_DRIVER, (c) =>
      c.metadata.annotations?.[SNAPSHOT_ANN.isDefaultClass] === 'true' ? [c.driver] : [],
    );
    store.watch<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, (e) => {
      if (e.type !== 'DELETED') this.controller.enqueue(`vs:${snapshotKey(e.object)}`);
      else if (e.object.status?.boundVolumeSnapshotContentName) this.controller.enqueue(`vsc:${e.object.status.boundVolumeSnapshotContentName}`);
    });
    store.watch<VolumeSnapshotContent>(SNAPSHOT_KIND.content, (e) => {
      const ref = e.object.spec.volumeSnapshotRef;
      if (e.type !== 'DELETED') this.controller.enqueue(`vsc:${e.object.metadata.name}`);
      else if (ref.name) this.controller.enqueue(`vs:${ref.namespace}/${ref.name}`);
    });
    store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      const ds = e.object.spec?.dataSource;
      if (ds?.kind === SNAPSHOT_KIND.snapshot && ds.apiGroup === SNAPSHOT_GROUP) this.controller.enqueue(`vs:${e.object.metadata.namespace}/${ds.name}`);
    });
  }

  private sync(key: string): SyncResult {
    try {
      if (key.startsWith('vsc:')) this.syncContent(key.slice(4));
      else this.syncSnapshotByKey(key.slice(3));
    } catch (e) {
      if (e instanceof SyncError) return this.retry(key);
      throw e;
    }
    this.failures.delete(key);
  }

  private readonly failures = new Map<string, number>();

  private retry(key: string): SyncResult {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return { requeueAfterMs: Math.min(RETRY_MAX_MS, RETRY_START_MS * 2 ** (n - 1)) };
  }

  private snapshot(ns: string | undefined, name: string): VolumeSnapshot | undefined {
    return this.core.store.get<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, ns, name);
  }

  private content(name: string): VolumeSnapshotContent | undefined {
    return name ? this.core.store.get<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, name) : undefined;
  }

  private event(obj: VolumeSnapshot | VolumeSnapshotContent, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.core.recorder.event(obj, type, reason, message, SNAPSHOT_CONTROLLER);
  }

  // ---- VolumeSnapshotContent ------------------------------------------------------------------

  /** `syncContent`: finalizer, snapshot status refresh, being-deleted annotation. */
  private syncContent(name: string): void {
    const content = this.content(name);
    if (!content) return;
    const ref = content.spec.volumeSnapshotRef;
    // [content 1] pre-bound, not yet bound by its snapshot: syncSnapshot handles it.
    if (!ref.uid) return;
    // [content 2] not being deleted: it must carry the bound-protection finalizer.
    const finalizers = content.metadata.finalizers ?? [];
    if (!content.metadata.deletionTimestamp && !finalizers.includes(SNAPSHOT_FINALIZER.contentBound)) {
      this.core.api.updateWith<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, name, (d) => {
        d.metadata.finalizers = [...(d.metadata.finalizers ?? []), SNAPSHOT_FINALIZER.contentBound];
      });
      return;
    }
    let snapshot = ref.name ? this.snapshot(ref.namespace, ref.name) : undefined;
    // [content 3] a snapshot of the same name but another uid: the one we served is gone.
    if (snapshot && snapshot.metadata.uid !== ref.uid) snapshot = undefined;
    else if (snapshot && needsUpdateSnapshotStatus(snapshot, content)) this.controller.enqueue(`vs:${snapshotKey(snapshot)}`);
    // [content 4] its snapshot is being deleted: tell the sidecar.
    if (snapshot && isSnapshotDeletionCandidate(snapshot)) this.setAnnVolumeSnapshotBeingDeleted(content);
  }

  private setAnnVolumeSnapshotBeingDeleted(content: VolumeSnapshotContent): VolumeSnapshotContent {
    if (content.metadata.annotations?.[SNAPSHOT_ANN.beingDeleted] !== undefined) return content;
    return this.core.api.updateWith<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', (d) => {
      d.metadata.annotations = { ...d.metadata.annotations, [SNAPSHOT_ANN.beingDeleted]: 'yes' };
    });
  }

  // ---- VolumeSnapshot -------------------------------------------------------------------------

  private syncSnapshotByKey(key: string): void {
    const [ns, name] = key.split('/');
    const snapshot = this.snapshot(ns, name);
    if (!snapshot) return;
    this.syncSnapshot(this.checkAndUpdateSnapshotClass(snapshot));
  }

  /** `checkAndUpdateSnapshotClass`: the named class must exist; no name → the driver's default class. */
  private checkAndUpdateSnapshotClass(snapshot: VolumeSnapshot): VolumeSnapshot {
    const className = snapshot.spec.volumeSnapshotClassName;
    if (className !== undefined) {
      if (this.core.store.get(SNAPSHOT_KIND.class, undefined, className)) return snapshot;
      this.updateSnapshotErrorStatusWithEvent(snapshot, false, REASON.GetSnapshotClassFailed, SNAPSHOT_MSG.getClassFailed(SNAPSHOT_MSG.classNotFound(className)));
      // A snapshot being deleted goes on without its class.
      if (snapshot.metadata.deletionTimestamp) return snapshot;
      throw new SyncError();
    }
    if (snapshot.spec.source.volumeSnapshotContentName !== undefined) return snapshot;
    try {
      return this.setDefaultSnapshotClass(snapshot);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      this.updateSnapshotErrorStatusWithEvent(snapshot, false, REASON.SetDefaultSnapshotClassFailed, SNAPSHOT_MSG.setDefaultClassFailed(e.message));
      throw e;
    }
  }

  /** `SetDefaultSnapshotClass`: the one class annotated default for the source PV's CSI driver. */
  private setDefaultSnapshotClass(snapshot: VolumeSnapshot): VolumeSnapshot {
    const pv = this.getVolumeFromVolumeSnapshot(snapshot);
    if (!pv.spec?.csi) throw new SyncError(SNAPSHOT_MSG.nonCsiVolume(snapshot.metadata.namespace ?? '', snapshot.metadata.name ?? ''));
    const defaults = this.core.store.byIndex<VolumeSnapshotClass>(SNAPSHOT_KIND.class, DEFAULT_CLASSES_BY_DRIVER, pv.spec.csi.driver);
    if (defaults.length === 0) throw new SyncError(SNAPSHOT_MSG.noDefaultClass);
    if (defaults.length > 1) throw new SyncError(SNAPSHOT_MSG.multipleDefaultClasses(defaults.length));
    return this.core.api.updateWith<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, snapshot.metadata.namespace, snapshot.metadata.name ?? '', (d) => {
      d.spec.volumeSnapshotClassName = defaults[0].metadata.name;
    });
  }

  /** `getClaimFromVolumeSnapshot`. */
  private getClaimFromVolumeSnapshot(snapshot: VolumeSnapshot): PersistentVolumeClaim {
    const pvcName = snapshot.spec.source.persistentVolumeClaimName ?? '';
    const pvc = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', snapshot.metadata.namespace, pvcName);
    if (!pvc) throw new SyncError(SNAPSHOT_MSG.pvcNotFound(pvcName));
    return pvc;
  }

  /** `getVolumeFromVolumeSnapshot`: the PV of a Bound claim. */
  private getVolumeFromVolumeSnapshot(snapshot: VolumeSnapshot): PersistentVolume {
    const pvc = this.getClaimFromVolumeSnapshot(snapshot);
    if (pvc.status?.phase !== 'Bound') throw new SyncError(SNAPSHOT_MSG.pvcNotBound(pvc.metadata.name ?? ''));
    const pvName = pvc.spec?.volumeName ?? '';
    const pv = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, pvName);
    const ref = pv?.spec?.claimRef;
    if (!pv || ref?.name !== pvc.metadata.name || ref?.namespace !== pvc.metadata.namespace || (ref?.uid && ref.uid !== pvc.metadata.uid)) {
      throw new SyncError('claim in dataSource not bound or invalid');
    }
    return pv;
  }

  /** `syncSnapshot`. */
  private syncSnapshot(snapshot: VolumeSnapshot): void {
    this.checkandRemovePVCFinalizer(snapshot);
    // [snapshot 1] being deleted.
    if (snapshot.metadata.deletionTimestamp) {
      this.processSnapshotWithDeletionTimestamp(snapshot);
      return;
    }
    // [snapshot 2] finalizers.
    this.checkandAddSnapshotFinalizers(snapshot);
    // [snapshot 3] not ready or not bound yet; [snapshot 4] ready: check the binding.
    if (!isSnapshotReady(snapshot) || snapshot.status?.boundVolumeSnapshotContentName === undefined) this.syncUnreadySnapshot(snapshot);
    else this.syncReadySnapshot(snapshot);
  }

  /** `checkandRemovePVCFinalizer`: drop pvc-as-source once no unready snapshot of the claim is left. */
  private checkandRemovePVCFinalizer(snapshot: VolumeSnapshot): void {
    const pvcName = snapshot.spec.source.persistentVolumeClaimName;
    if (!pvcName) return;
    const ns = snapshot.metadata.namespace;
    const pvc = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, pvcName);
    if (!pvc?.metadata.finalizers?.includes(SNAPSHOT_FINALIZER.pvcAsSource)) return;
    const inUse = this.core.store
      .byIndex<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, SNAPSHOTS_BY_PVC, `${ns}/${pvcName}`)
      .some((s) => !isSnapshotReady(s));
    if (inUse) return;
    this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', ns, pvcName, (d) => {
      d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== SNAPSHOT_FINALIZER.pvcAsSource);
    });
  }

  /** `processSnapshotWithDeletionTimestamp` + `checkandRemoveSnapshotFinalizersAndCheckandDeleteContent`. */
  private processSnapshotWithDeletionTimestamp(snapshot: VolumeSnapshot): void {
    let contentName = snapshot.status?.boundVolumeSnapshotContentName ?? '';
    if (!contentName && snapshot.spec.source.persistentVolumeClaimName !== undefined) contentName = getDynamicSnapshotContentNameForSnapshot(snapshot);
    let content = this.content(contentName);
    if (content && !isVolumeSnapshotRefSet(snapshot, content)) content = undefined;
    const deleteContent = content?.spec.deletionPolicy === 'Delete';
    if (!isSnapshotDeletionCandidate(snapshot)) return;
    // [delete 1] a claim is being restored from it: wait.
    const ns = snapshot.metadata.namespace;
    const restoring = this.core.store
      .byIndex<PersistentVolumeClaim>('PersistentVolumeClaim', CLAIMS_BY_SNAPSHOT, `${ns}/${snapshot.metadata.name}`)
      .some((c) => c.status?.phase === 'Pending');
    if (content && restoring) {
      this.event(snapshot, 'Warning', REASON.SnapshotDeletePending, SNAPSHOT_MSG.deletePending);
      return;
    }
    // [delete 2] annotate the content for the sidecar; [delete 3] delete it for policy Delete.
    if (content) content = this.setAnnVolumeSnapshotBeingDeleted(content);
    if (content && deleteContent && !content.metadata.deletionTimestamp) this.core.api.delete(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '');
    // [delete 4] the bound finalizer stays until a deleted content is gone.
    const removeBound = !(content && deleteContent);
    const drop = new Set<string>([SNAPSHOT_FINALIZER.snapshotAsSource, ...(removeBound ? [SNAPSHOT_FINALIZER.snapshotBound] : [])]);
    if (!(snapshot.metadata.finalizers ?? []).some((f) => drop.has(f))) return;
    this.core.api.updateWith<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, ns, snapshot.metadata.name ?? '', (d) => {
      d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => !drop.has(f));
    });
  }

  /** `checkandAddSnapshotFinalizers`. */
  private checkandAddSnapshotFinalizers(snapshot: VolumeSnapshot): void {
    const content = snapshot.spec.source.volumeSnapshotContentName !== undefined ? this.getPreprovisionedContent(snapshot) : this.getDynamicContent(snapshot);
    const finalizers = snapshot.metadata.finalizers ?? [];
    const addSource = !finalizers.includes(SNAPSHOT_FINALIZER.snapshotAsSource);
    const addBound = content !== undefined && !finalizers.includes(SNAPSHOT_FINALIZER.snapshotBound) && content.spec.deletionPolicy === 'Delete';
    if (!addSource && !addBound) return;
    this.core.api.updateWith<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, snapshot.metadata.namespace, snapshot.metadata.name ?? '', (d) => {
      const list = [...(d.metadata.finalizers ?? [])];
      if (addSource) list.push(SNAPSHOT_FINALIZER.snapshotAsSource);
      if (addBound) list.push(SNAPSHOT_FINALIZER.snapshotBound);
      d.metadata.finalizers = list;
    });
  }

  /** `getDynamicallyProvisionedContentFromStore`: `snapcontent-<uid>`, checked to point back. */
  private getDynamicContent(snapshot: VolumeSnapshot): VolumeSnapshotContent | undefined {
    const content = this.content(getDynamicSnapshotContentNameForSnapshot(snapshot));
    if (!content) return undefined;
    if (!isVolumeSnapshotRefSet(snapshot, content)) {
      this.updateSnapshotErrorStatusWithEvent(snapshot, true, REASON.SnapshotContentMisbound, SNAPSHOT_MSG.contentMisbound(content.metadata.name ?? ''));
      throw new SyncError();
    }
    return content;
  }

  /** `getPreprovisionedContentFromStore`: the named content, pointing at this snapshot. */
  private getPreprovisionedContent(snapshot: VolumeSnapshot): VolumeSnapshotContent | undefined {
    const name = snapshot.spec.source.volumeSnapshotContentName ?? '';
    const content = this.content(name);
    if (!content) return undefined;
    const ref = content.spec.volumeSnapshotRef;
    if (ref.name !== snapshot.metadata.name || ref.namespace !== snapshot.metadata.namespace || (ref.uid && ref.uid !== snapshot.metadata.uid)) {
      this.updateSnapshotErrorStatusWithEvent(snapshot, true, REASON.SnapshotContentMisbound, SNAPSHOT_MSG.contentMisbound(name));
      throw new SyncError();
    }
    return content;
  }

  /** `syncReadySnapshot`: the bound content must still exist and point back. */
  private syncReadySnapshot(snapshot: VolumeSnapshot): void {
    const content = this.content(snapshot.status?.boundVolumeSnapshotContentName ?? '');
    if (!content) this.updateSnapshotErrorStatusWithEvent(snapshot, true, REASON.SnapshotContentMissing, SNAPSHOT_MSG.contentMissing);
  }

  /** `syncUnreadySnapshot`: bind a pre-provisioned content, or create/bind the dynamic one. */
  private syncUnreadySnapshot(snapshot: VolumeSnapshot): void {
    if (snapshot.spec.source.volumeSnapshotContentName !== undefined) {
      const content = this.getPreprovisionedContent(snapshot);
      if (!content) {
        this.updateSnapshotErrorStatusWithEvent(snapshot, true, REASON.SnapshotContentMissing, SNAPSHOT_MSG.contentMissing);
        throw new SyncError();
      }
      this.updateSnapshotStatus(snapshot, this.checkandBindSnapshotContent(snapshot, content));
      return;
    }
    const existing = this.getDynamicContent(snapshot);
    if (existing) {
      this.updateSnapshotStatus(snapshot, existing);
      return;
    }
    let content: VolumeSnapshotContent;
    try {
      content = this.createSnapshotContent(snapshot);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      this.updateSnapshotErrorStatusWithEvent(snapshot, true, REASON.SnapshotContentCreationFailed, SNAPSHOT_MSG.contentCreationFailed(e.message));
      throw e;
    }
    this.updateSnapshotStatus(snapshot, content);
  }

  /** `checkandBindSnapshotContent`: a pre-provisioned content takes the snapshot's uid and class. */
  private checkandBindSnapshotContent(snapshot: VolumeSnapshot, content: VolumeSnapshotContent): VolumeSnapshotContent {
    if (content.spec.volumeSnapshotRef.uid && content.spec.volumeSnapshotClassName !== undefined) return content;
    return this.core.api.updateWith<VolumeSnapshotContent>(SNAPSHOT_KIND.content, undefined, content.metadata.name ?? '', (d) => {
      d.spec.volumeSnapshotRef.uid = snapshot.metadata.uid;
      if (snapshot.spec.volumeSnapshotClassName !== undefined) d.spec.volumeSnapshotClassName = snapshot.spec.volumeSnapshotClassName;
    });
  }

  /** `createSnapshotContent`: pvc-as-source finalizer, then the content object and `CreatingSnapshot`. */
  private createSnapshotContent(snapshot: VolumeSnapshot): VolumeSnapshotContent {
    this.ensurePVCFinalizer(snapshot);
    const name = snapshot.metadata.name ?? '';
    const className = snapshot.spec.volumeSnapshotClassName;
    let cls: VolumeSnapshotClass | undefined;
    let pv: PersistentVolume;
    try {
      if (className === undefined) throw new SyncError(`failed to take snapshot ${name} without a snapshot class`);
      cls = this.core.store.get<VolumeSnapshotClass>(SNAPSHOT_KIND.class, undefined, className);
      if (!cls) throw new SyncError(SNAPSHOT_MSG.classNotFound(className));
      pv = this.getVolumeFromVolumeSnapshot(snapshot);
    } catch (e) {
      if (!(e instanceof SyncError)) throw e;
      throw new SyncError(SNAPSHOT_MSG.createInput(name, e.message));
    }
    const csi = pv.spec?.csi;
    if (!csi) throw new SyncError(SNAPSHOT_MSG.noCsiSource(pv.metadata.name ?? ''));
    const content = this.core.api.create<VolumeSnapshotContent>({
      apiVersion: `${SNAPSHOT_GROUP}/v1`,
      kind: SNAPSHOT_KIND.content,
      metadata: { name: getDynamicSnapshotContentNameForSnapshot(snapshot) },
      spec: {
        deletionPolicy: cls.deletionPolicy,
        driver: cls.driver,
        source: { volumeHandle: csi.volumeHandle },
        // --prevent-volume-mode-conversion (default true since v7).
        ...(pv.spec?.volumeMode ? { sourceVolumeMode: pv.spec.volumeMode } : {}),
        volumeSnapshotClassName: cls.metadata.name,
        volumeSnapshotRef: {
          apiVersion: snapshot.apiVersion,
          kind: snapshot.kind,
          name,
          namespace: snapshot.metadata.namespace,
          resourceVersion: snapshot.metadata.resourceVersion,
          uid: snapshot.metadata.uid,
        },
      },
    });
    this.event(snapshot, 'Normal', REASON.CreatingSnapshot, SNAPSHOT_MSG.creatingSnapshot(snapshotKey(snapshot)));
    return content;
  }

  /** `ensurePVCFinalizer`: the source claim is protected while the snapshot is taken. */
  private ensurePVCFinalizer(snapshot: VolumeSnapshot): void {
    let pvc: PersistentVolumeClaim;
    try {
      pvc = this.getClaimFromVolumeSnapshot(snapshot);
    } catch {
      throw new SyncError(SNAPSHOT_MSG.controllerUpdate(snapshot.metadata.name ?? '', SNAPSHOT_MSG.cannotGetClaim));
    }
    if (pvc.metadata.finalizers?.includes(SNAPSHOT_FINALIZER.pvcAsSource)) return;
    if (pvc.metadata.deletionTimestamp) throw new SyncError(SNAPSHOT_MSG.controllerUpdate(pvc.metadata.name ?? '', SNAPSHOT_MSG.claimBeingDeleted));
    this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', pvc.metadata.namespace, pvc.metadata.name ?? '', (d) => {
      d.metadata.finalizers = [...(d.metadata.finalizers ?? []), SNAPSHOT_FINALIZER.pvcAsSource];
    });
  }

  /** `updateSnapshotStatus`: copy the content's status; `SnapshotCreated` and `SnapshotReady` on the transitions. */
  private updateSnapshotStatus(snapshot: VolumeSnapshot, content: VolumeSnapshotContent): void {
    const current = this.snapshot(snapshot.metadata.namespace, snapshot.metadata.name ?? '') ?? snapshot;
    const status = snapshotStatusFromContent(current, content, this.core.clock);
    if (!status) return;
    const key = snapshotKey(current);
    if (!isSnapshotCreated(current) && isSnapshotCreated({ status })) this.event(current, 'Normal', REASON.SnapshotCreated, SNAPSHOT_MSG.snapshotCreated(key));
    if (!isSnapshotReady(current) && status.readyToUse === true) this.event(current, 'Normal', REASON.SnapshotReady, SNAPSHOT_MSG.snapshotReady(key));
    this.core.api.updateStatus(SNAPSHOT_KIND.snapshot, current.metadata.namespace, current.metadata.name ?? '', status);
  }

  /** `updateSnapshotErrorStatusWithEvent`: only when the message changes. */
  private updateSnapshotErrorStatusWithEvent(snapshot: VolumeSnapshot, setReadyToFalse: boolean, reason: string, message: string): void {
    if (snapshot.status?.error?.message === message) return;
    const status = inFieldOrder({
      ...snapshot.status,
      ...(setReadyToFalse ? { readyToUse: false } : {}),
      error: { time: this.core.clock.rfc3339(), message },
    });
    const next = this.core.api.updateStatus<VolumeSnapshot>(SNAPSHOT_KIND.snapshot, snapshot.metadata.namespace, snapshot.metadata.name ?? '', status);
    this.event(next, 'Warning', reason, message);
  }
}
