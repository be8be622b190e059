/**
 * Design: the PVC and PV protection controllers. A claim being deleted keeps its
 * `kubernetes.io/pvc-protection` finalizer while any pod that is not terminated uses it; a
 * volume being deleted keeps `kubernetes.io/pv-protection` while it is Bound. Pod changes
 * re-check the claims they use (pods-by-claim index), volume changes re-check the volume.
 * @see kubernetes pkg/controller/volume/pvcprotection/pvc_protection_controller.go,
 *      pkg/controller/volume/pvprotection/pv_protection_controller.go
 */
import { Controller, type CoreCluster } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../api-types.js';
import { FINALIZER } from '../constants.js';
import { POD_BY_CLAIM, podClaimKeys } from './indexes.js';

/** Whether a pod still counts as using its claims (not Succeeded/Failed). */
export function podUsesClaims(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** The two protection controllers. */
export class ProtectionControllers {
  readonly controller: Controller;

  constructor(private readonly core: CoreCluster) {
    this.controller = new Controller(core.loop, { name: 'pvc-protection-controller', sync: (key) => this.sync(key) });
    core.store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) {
        this.controller.enqueue(`pvc:${e.object.metadata.namespace}/${e.object.metadata.name}`);
      }
    });
    core.store.watch<PersistentVolume>('PersistentVolume', (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.controller.enqueue(`pv:${e.object.metadata.name}`);
    });
    core.store.watch<Pod>('Pod', (e) => {
      if (e.type === 'DELETED' || !podUsesClaims(e.object) || e.object.metadata.deletionTimestamp) {
        for (const key of podClaimKeys(e.object)) this.controller.enqueue(`pvc:${key}`);
      }
    });
  }

  private sync(key: string): void {
    if (key.startsWith('pv:')) {
      this.syncVolume(key.slice(3));
      return;
    }
    const [ns, name] = key.slice(4).split('/');
    const claim = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!claim?.metadata.deletionTimestamp || !claim.metadata.finalizers?.includes(FINALIZER.pvcProtection)) return;
    const inUse = this.core.store.byIndex<Pod>('Pod', POD_BY_CLAIM, `${ns}/${name}`).some(podUsesClaims);
    if (inUse) return;
    this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name, (d) => {
      d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== FINALIZER.pvcProtection);
    });
  }

  private syncVolume(name: string): void {
    const pv = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!pv?.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(FINALIZER.pvProtection)) return;
    if (pv.status?.phase === 'Bound') return;
    this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, name, (d) => {
      d.metadata.finalizers = (d.metadata.finalizers ?? []).filter((f) => f !== FINALIZER.pvProtection);
    });
  }
}
