/**
 * Design: volume expansion. A Bound claim whose request grew past `status.capacity` on a class
 * with `allowVolumeExpansion` is handed to the driver's resizer (`ExternalExpanding`, then
 * `Resizing`); when the cloud volume reports the new size the PV capacity and the claim's
 * `status.capacity` are updated (`VolumeResizeSuccessful`). Shrinking is rejected by validation.
 * @see kubernetes pkg/controller/volume/expand/expand_controller.go; kubernetes-csi external-resizer
 */
import { Controller, type CoreCluster, type SyncResult } from '@kubesim/core';
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
  private readonly started = new Set<string>();

  constructor(
    private readonly core: CoreCluster,
    private readonly provisioners: readonly VolumeProvisioner[],
  ) {
    this.controller = new Controller(core.loop, { name: 'volume-expand', sync: (key) => this.sync(key) });
    core.store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      if (e.type === 'MODIFIED') this.controller.enqueue(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }

  private sync(key: string): SyncResult {
    const [ns, name] = key.split('/');
    const claim = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim?.spec?.volumeName || claim.status?.phase !== 'Bound') return;
    const want = parseBytes(claim.spec.resources?.requests?.storage as string | undefined) ?? 0;
    const have = parseBytes(claim.status.capacity?.storage as string | undefined) ?? 0;
    if (want <= have) {
      this.started.delete(key);
      return;
    }
    const sc = this.core.store.get<StorageClass>('StorageClass', undefined, claim.spec.storageClassName ?? '');
    const pv = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName);
    if (!sc?.allowVolumeExpansion || !pv) return;
    const provisioner = this.provisioners.find((p) => p.names.includes(sc.provisioner));
    if (!provisioner?.expand) return;
    const sizeGiB = roundUpGiB(want);
    if (!this.started.has(key)) {
      this.started.add(key);
      this.core.recorder.event(claim, 'Normal', REASON.ExternalExpanding, EXTERNAL_EXPANDING, 'volume_expand');
      this.core.recorder.event(claim, 'Normal', REASON.Resizing, `External resizer is resizing volume ${pv.metadata.name}`, `external-resizer ${provisioner.driver}`);
    }
    let done: boolean;
    try {
      done = provisioner.expand(pv, sizeGiB);
    } catch (e) {
      if (!(e instanceof Ec2Error)) throw e;
      // external-resizer's `resize volume … failed: <CSI error>`; the driver's gRPC error carries
      // EC2's code and message (the AWS SDK's request framing is left out).
      const message = `resize volume ${JSON.stringify(pv.metadata.name)} by resizer ${JSON.stringify(provisioner.driver)} failed: rpc error: code = Internal desc = Could not resize volume ${JSON.stringify(ebsVolumeIdOf(pv) ?? '')}: ${e.code}: ${e.message}`;
      this.core.recorder.event(claim, 'Warning', REASON.VolumeResizeFailed, message, `external-resizer ${provisioner.driver}`);
      return { requeueAfterMs: RETRY_MS };
    }
    if (!done) return { requeueAfterMs: POLL_MS };
    const capacity = `${sizeGiB}Gi`;
    this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, pv.metadata.name ?? '', (d) => {
      if (d.spec) d.spec.capacity = { ...d.spec.capacity, storage: capacity };
    });
    this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name, (d) => {
      d.status = { ...d.status, capacity: { ...d.status?.capacity, storage: capacity } };
    });
    this.started.delete(key);
    this.core.recorder.event(claim, 'Normal', REASON.VolumeResizeSuccessful, 'Resize volume succeeded', `external-resizer ${provisioner.driver}`);
  }
}
