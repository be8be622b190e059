/**
 * Design: volume expansion, controller side. A Bound claim whose request grew past
 * `status.capacity` on a class with `allowVolumeExpansion` gets `ExternalExpanding` from the
 * expand controller; the driver's external-resizer marks it (`Resizing` condition,
 * `allocatedResources`, `allocatedResourceStatuses.storage: ControllerResizeInProgress`), records
 * `Resizing` and calls the driver. Once the cloud volume reports the new size the PV's capacity is
 * updated. A file-system volume then needs the kubelet (`FileSystemResizePending`,
 * `NodeResizePending`, event `FileSystemResizeRequired`): `status.capacity` changes only when a
 * kubelet grows the file system, at once for a pod that mounts the claim next, or on the next sync
 * of a running pod that has it mounted (kubelet `node-expander.ts`). A raw block volume is done at
 * once (`VolumeResizeSuccessful`). Shrinking is rejected by validation.
 *
 * While node expansion is pending, a larger request waits for it (external-resizer resizes to the
 * size it already allocated first). A failed driver call is retried; the claim keeps
 * `ControllerResizeInProgress` and gets external-resizer v2's `ControllerResizeError` condition,
 * kept (with `Resizing`) until the expansion is done.
 * @see kubernetes pkg/controller/volume/expand/expand_controller.go; kubernetes-csi/external-resizer
 *   pkg/controller/expand_and_recover.go, resize_status.go; aws-ebs-csi-driver ControllerExpandVolume
 */
import {
  ClaimResizeCondition,
  ClaimResizeMessages,
  ClaimResizeStatus,
  Controller,
  type CoreCluster,
  deepEqual,
  mergeResizeConditions,
  resizeCondition,
  storageResizeStatus,
  type SyncResult,
  withStorageResizeStatus,
} from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../api-types.js';
import { Ec2Error } from '../ebs/errors.js';
import { REASON } from '../events/reasons.js';
import { ebsVolumeIdOf } from '../provisioners/ebs-provisioner.js';
import type { VolumeProvisioner } from '../provisioners/provisioner.js';
import { parseBytes, roundUpGiB } from '../util/quantity.js';

/** `ExternalExpanding` text (expand_controller.go). */
export const EXTERNAL_EXPANDING = 'waiting for an external controller to expand this PVC';
/** Poll period while EC2 modifies the volume. */
const POLL_MS = 1000;
/** Retry after a failed resize (the resizer's rate-limited requeue, at its five-minute cap). */
const RETRY_MS = 5 * 60_000;

/** The expansion loop (expand controller + external-resizer). */
export class Expander {
  readonly controller: Controller;
  /** Per claim, the size (GiB) the expand controller announced (`ExternalExpanding`). */
  private readonly announced = new Map<string, number>();
  /** Per claim, the size (GiB) of the driver call in flight (`Resizing` recorded; polled while EC2 modifies). */
  private readonly inFlight = new Map<string, number>();
  /** Claims whose last driver call failed with a final error (EC2's errors come back as `Internal`). */
  private readonly finalErrors = new Set<string>();

  constructor(
    private readonly core: CoreCluster,
    private readonly provisioners: readonly VolumeProvisioner[],
  ) {
    this.controller = new Controller(core.loop, { name: 'volume-expand', sync: (key) => this.sync(key) });
    core.store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      if (e.type !== 'MODIFIED') return;
      // A change of conditions alone (the resizer's own ControllerResizeError) is no reason to sync:
      // external-resizer enqueues a claim when its request grows, and retries a failure later.
      if (e.old && e.old.spec === e.object.spec && onlyConditionsChanged(e.old.status, e.object.status)) return;
      this.controller.enqueue(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }

  private sync(key: string): SyncResult {
    const [ns, name] = key.split('/');
    const claim = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim?.spec?.volumeName || claim.status?.phase !== 'Bound') return;
    const want = bytes(claim.spec.resources?.requests?.storage);
    const have = bytes(claim.status.capacity?.storage);
    if (want <= have) {
      this.announced.delete(key);
      this.inFlight.delete(key);
      this.finalErrors.delete(key);
      return;
    }
    const sc = this.core.store.get<StorageClass>('StorageClass', undefined, claim.spec.storageClassName ?? '');
    const pv = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName);
    if (!sc?.allowVolumeExpansion || !pv || pv.spec?.claimRef?.uid !== claim.metadata.uid) return;
    const provisioner = this.provisioners.find((p) => p.names.includes(sc.provisioner));
    if (!provisioner?.expand) return;
    const newSize = this.targetSize(key, claim, pv);
    if (newSize === undefined) return;
    const sizeGiB = roundUpGiB(bytes(newSize));
    const resizer = `external-resizer ${provisioner.driver}`;
    if (this.announced.get(key) !== sizeGiB) {
      this.announced.set(key, sizeGiB);
      this.core.recorder.event(claim, 'Normal', REASON.ExternalExpanding, EXTERNAL_EXPANDING, 'volume_expand');
    }
    if (this.inFlight.get(key) !== sizeGiB) {
      // Each attempt (a retry too) records `Resizing`; the status is written when the size is new.
      this.inFlight.set(key, sizeGiB);
      const allocated = claim.status?.allocatedResources?.storage;
      // The same size again (a retry): the status is not rewritten and old resize conditions stay.
      if (allocated === undefined || bytes(allocated) !== bytes(newSize)) this.markControllerResizeInProgress(ns, name, newSize);
      this.core.recorder.event(claim, 'Normal', REASON.Resizing, `External resizer is resizing volume ${pv.metadata.name}`, resizer);
    }
    let done: boolean;
    try {
      done = provisioner.expand(pv, sizeGiB);
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      // The driver's gRPC error carries EC2's code and message (the AWS SDK's request framing is
      // left out). `Internal` is final but not infeasible: the claim gets a `ControllerResizeError`
      // condition (the other resize conditions kept) and stays ControllerResizeInProgress.
      const csiError = `rpc error: code = Internal desc = Could not resize volume ${JSON.stringify(ebsVolumeIdOf(pv) ?? '')}: ${e.code}: ${e.message}`;
      this.updateStatus(ns, name, (s) => {
        const error = resizeCondition(ClaimResizeCondition.ControllerResizeError, this.core.clock.rfc3339(), ClaimResizeMessages.controllerResizeError(csiError));
        s.conditions = mergeResizeConditions(s.conditions, [error], true);
        return s;
      });
      // external-resizer's `resize volume … failed: <CSI error>`.
      const message = `resize volume ${JSON.stringify(pv.metadata.name)} by resizer ${JSON.stringify(provisioner.driver)} failed: ${csiError}`;
      this.core.recorder.event(claim, 'Warning', REASON.VolumeResizeFailed, message, resizer);
      this.inFlight.delete(key);
      this.finalErrors.add(key);
      return { requeueAfterMs: RETRY_MS };
    }
    if (!done) return { requeueAfterMs: POLL_MS };
    this.announced.delete(key);
    this.inFlight.delete(key);
    this.finalErrors.delete(key);
    const capacity = `${sizeGiB}Gi`;
    this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name ?? '', (d) => {
      if (d.spec) d.spec.capacity = { ...d.spec.capacity, storage: capacity };
    });
    // The EBS driver asks for node expansion unless the volume is a raw block device.
    if (claim.spec.volumeMode !== 'Block') {
      // markForPendingNodeExpansion keeps the other resize conditions (Resizing, a ControllerResizeError).
      this.updateStatus(ns, name, (s) => {
        s.conditions = mergeResizeConditions(
          s.conditions,
          [resizeCondition(ClaimResizeCondition.FileSystemResizePending, this.core.clock.rfc3339(), ClaimResizeMessages.fileSystemResizePending)],
          true,
        );
        return withStorageResizeStatus(s, ClaimResizeStatus.NodeResizePending);
      });
      this.core.recorder.event(claim, 'Normal', REASON.FileSystemResizeRequired, ClaimResizeMessages.fileSystemResizeRequired, resizer);
      return;
    }
    this.updateStatus(ns, name, (s) => {
      const next = withStorageResizeStatus(s, undefined);
      next.capacity = { ...next.capacity, storage: capacity };
      const conditions = mergeResizeConditions(next.conditions, []);
      if (conditions.length) next.conditions = conditions;
      else delete next.conditions;
      return next;
    });
    this.core.recorder.event(claim, 'Normal', REASON.VolumeResizeSuccessful, 'Resize volume succeeded', resizer);
  }

  /**
   * `expandAndRecover`'s choice of size (a quantity): the request, unless a resize is already under
   * way (then the size it allocated, or the request again after a final driver error); undefined
   * while node expansion of what the PV already has is pending.
   */
  private targetSize(key: string, claim: PersistentVolumeClaim, pv: PersistentVolume): string | undefined {
    const request = String(claim.spec?.resources?.requests?.storage);
    const want = bytes(request);
    const status = storageResizeStatus(claim.status);
    const allocated = claim.status?.allocatedResources?.storage as string | undefined;
    const pvBytes = bytes(pv.spec?.capacity?.storage);
    const nodePending = status === ClaimResizeStatus.NodeResizePending || status === ClaimResizeStatus.NodeResizeInProgress;
    if (pvBytes >= want) {
      if (nodePending) return undefined;
      return allocated ?? request;
    }
    if (nodePending) {
      const size = allocated ?? request;
      return pvBytes >= bytes(size) ? undefined : size;
    }
    if (status === ClaimResizeStatus.ControllerResizeInProgress && !this.finalErrors.has(key)) return allocated ?? request;
    return request;
  }

  /** `markControllerResizeInProgress`: the `Resizing` condition, the status and the allocated size. */
  private markControllerResizeInProgress(ns: string, name: string, size: string): void {
    this.updateStatus(ns, name, (s) => {
      s.conditions = mergeResizeConditions(s.conditions, [resizeCondition(ClaimResizeCondition.Resizing, this.core.clock.rfc3339())]);
      const next = withStorageResizeStatus(s, ClaimResizeStatus.ControllerResizeInProgress);
      next.allocatedResources = { ...next.allocatedResources, storage: size };
      return next;
    });
  }

  private updateStatus(ns: string, name: string, fn: (status: NonNullable<PersistentVolumeClaim['status']>) => NonNullable<PersistentVolumeClaim['status']>): void {
    this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name, (d) => {
      d.status = fn({ ...d.status });
    });
  }
}

/** Whether two claim statuses differ at most in their conditions. */
function onlyConditionsChanged(a: PersistentVolumeClaim['status'], b: PersistentVolumeClaim['status']): boolean {
  const { conditions: _a, ...restA } = a ?? {};
  const { conditions: _b, ...restB } = b ?? {};
  return deepEqual(restA, restB);
}

function bytes(q: unknown): number {
  return parseBytes(q as string | undefined) ?? 0;
}
