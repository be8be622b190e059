/**
 * Design: the PV controller (`persistentvolume-controller`). One work queue with keys
 * `claim:<ns>/<name>` and `volume:<name>`, fed by PVC/PV/StorageClass watches; the algorithm
 * lives in binder.ts. Every 15s (`--pvclaimbinder-sync-period`) it resyncs the claims that are
 * not Bound and the volumes that are not Bound, so a claim whose class appears later gets
 * provisioned at the next resync (the controller does not watch StorageClasses, as upstream).
 * Resync walks only those tracked sets, never every object.
 * @see kubernetes pkg/controller/volume/persistentvolume/pv_controller_base.go
 */
import { Controller, type CoreCluster } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim } from '../api-types.js';
import { Binder, type DriverResolver } from './binder.js';
import { addStorageIndexes } from './indexes.js';

/** `--pvclaimbinder-sync-period` default. */
export const PV_RESYNC_PERIOD_MS = 15_000;

/** The PV controller. */
export class PersistentVolumeController {
  readonly controller: Controller;
  readonly binder: Binder;
  private readonly unboundClaims = new Set<string>();
  private readonly unboundVolumes = new Set<string>();

  constructor(
    private readonly core: CoreCluster,
    driverFor: DriverResolver,
  ) {
    addStorageIndexes(core.store);
    this.controller = new Controller(core.loop, { name: 'persistentvolume-controller', sync: (key) => this.sync(key) });
    this.binder = new Binder(core, driverFor, (key) => this.controller.enqueue(`claim:${key}`));
    core.store.watch<PersistentVolumeClaim>('PersistentVolumeClaim', (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') {
        this.unboundClaims.delete(key);
        if (e.object.spec?.volumeName) this.controller.enqueue(`volume:${e.object.spec.volumeName}`);
        return;
      }
      this.controller.enqueue(`claim:${key}`);
      if (e.object.spec?.volumeName) this.controller.enqueue(`volume:${e.object.spec.volumeName}`);
    });
    core.store.watch<PersistentVolume>('PersistentVolume', (e) => {
      const name = e.object.metadata.name ?? '';
      if (e.type === 'DELETED') {
        this.unboundVolumes.delete(name);
      } else {
        this.controller.enqueue(`volume:${name}`);
      }
      const ref = e.object.spec?.claimRef;
      if (ref?.name) this.controller.enqueue(`claim:${ref.namespace ?? 'default'}/${ref.name}`);
    });
    this.controller.every(PV_RESYNC_PERIOD_MS, 'resync', () => this.resync());
  }

  private resyncClaims(): void {
    for (const key of [...this.unboundClaims].sort()) this.controller.enqueue(`claim:${key}`);
  }

  private resync(): void {
    this.resyncClaims();
    for (const name of [...this.unboundVolumes].sort()) this.controller.enqueue(`volume:${name}`);
  }

  private sync(key: string): void {
    if (key.startsWith('claim:')) {
      const [ns, name] = key.slice(6).split('/');
      const claim = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
      if (!claim) return;
      this.binder.syncClaim(claim);
      const after = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
      if (after?.status?.phase === 'Bound') this.unboundClaims.delete(`${ns}/${name}`);
      else this.unboundClaims.add(`${ns}/${name}`);
      return;
    }
    const name = key.slice(7);
    const volume = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (!volume) return;
    this.binder.syncVolume(volume);
    const after = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, name);
    if (after?.status?.phase === 'Bound' || after?.status?.phase === 'Released') this.unboundVolumes.delete(name);
    else this.unboundVolumes.add(name);
  }
}
