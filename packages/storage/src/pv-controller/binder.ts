/**
 * The binding state machine of the PV controller, "space shuttle style": every branch explicit,
 * each numbered `[case x-y]` as in binder.test.ts.
 * @see kubernetes pkg/controller/volume/persistentvolume/pv_controller.go (syncClaim, syncVolume)
 */
import { type CoreCluster, getReference } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../api-types.js';
import { ANN, COMPONENT } from '../constants.js';
import { REASON } from '../events/reasons.js';
import { getDefaultClass, isDelayBindingMode } from '../provisioners/storage-class.js';
import { POD_BY_CLAIM } from './indexes.js';
import { checkVolumeSatisfyClaim, findBestMatchForClaim, isVolumeBoundToClaim } from './matching.js';
import * as msg from './messages.js';

/** Which CSI driver serves a class provisioner, and whether through CSI migration. */
export type DriverResolver = (provisioner: string) => { readonly driver: string; readonly migrated: boolean };

type ClaimPhase = 'Pending' | 'Bound' | 'Lost';
type VolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

/** syncClaim / syncVolume over the store. */
export class Binder {
  constructor(
    private readonly core: CoreCluster,
    private readonly driverFor: DriverResolver,
    /** Called when a claim needs another look (e.g. its volume changed). */
    private readonly enqueueClaim: (key: string) => void,
  ) {}

  private event(obj: PersistentVolumeClaim | PersistentVolume, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.core.recorder.event(obj, type, reason, message, COMPONENT.pvController);
  }

  /** Entry point for a claim. */
  syncClaim(claim: PersistentVolumeClaim): void {
    if (claim.metadata.annotations?.[ANN.bindCompleted] !== 'yes') this.syncUnboundClaim(claim);
    else this.syncBoundClaim(claim);
  }

  private syncUnboundClaim(input: PersistentVolumeClaim): void {
    let claim = input;
    // [case 1-9] retroactive default StorageClass (KEP-3333): a claim with nil class gets the default.
    if (claim.spec?.storageClassName === undefined || claim.spec?.storageClassName === null) {
      const def = getDefaultClass(this.core.store);
      if (def && !claim.spec?.volumeName) {
        claim = this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name ?? '', (d) => {
          if (d.spec) d.spec.storageClassName = def.metadata.name;
        });
      }
    }
    if (!claim.spec?.volumeName) {
      this.syncUnboundClaimWithoutVolume(claim);
      return;
    }
    const volume = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, claim.spec.volumeName);
    if (!volume) {
      // [case 2-1] pre-bound to a volume that does not exist (yet): stay Pending.
      this.updateClaimStatus(claim, 'Pending');
    } else if (!volume.spec?.claimRef) {
      const why = checkVolumeSatisfyClaim(volume, claim);
      if (why) {
        // [case 2-3] the requested volume cannot serve the claim.
        this.event(claim, 'Warning', REASON.VolumeMismatch, msg.cannotBindToRequested(volume.metadata.name ?? '', why));
        this.updateClaimStatus(claim, 'Pending');
      } else {
        // [case 2-2] pre-bound claim, unclaimed volume: bind.
        this.bind(volume, claim);
      }
    } else if (isVolumeBoundToClaim(volume, claim)) {
      // [case 2-4] the volume already points at this claim: finish the binding.
      this.bind(volume, claim);
    } else if (!claim.metadata.annotations?.[ANN.boundByController]) {
      // [case 2-5] the user asked for a volume bound to another claim: retry later.
      this.event(claim, 'Warning', REASON.FailedBinding, msg.alreadyBoundElsewhere(volume.metadata.name ?? ''));
      this.updateClaimStatus(claim, 'Pending');
    } else {
      // [case 2-6] we bound the claim to a volume someone else took: error, retry later.
      this.updateClaimStatus(claim, 'Pending');
    }
  }

  private syncUnboundClaimWithoutVolume(claim: PersistentVolumeClaim): void {
    const delayBinding = isDelayBindingMode(this.core.store, claim);
    const volume = findBestMatchForClaim(this.core.store, claim, delayBinding);
    if (volume) {
      // [case 1-2] the smallest matching volume: bind.
      this.bind(volume, claim);
      return;
    }
    if (delayBinding && !claim.metadata.annotations?.[ANN.selectedNode]) {
      // [case 1-3] WaitForFirstConsumer without a selected node.
      this.emitEventForUnboundDelayBindingClaim(claim);
    } else if (claim.spec?.storageClassName) {
      // [case 1-4] dynamic provisioning ([case 1-5] missing class fails it).
      this.provisionClaim(claim);
    } else {
      // [case 1-1] no volume and no class.
      this.event(claim, 'Normal', REASON.FailedBinding, msg.NO_VOLUME_NO_CLASS);
    }
    this.updateClaimStatus(claim, 'Pending');
  }

  private emitEventForUnboundDelayBindingClaim(claim: PersistentVolumeClaim): void {
    const key = `${claim.metadata.namespace}/${claim.metadata.name}`;
    const pods = this.core.store
      .byIndex<Pod>('Pod', POD_BY_CLAIM, key)
      .filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp)
      // Upstream lists bare pod names (findNonScheduledPodsByPVC appends pod.Name).
      .map((p) => p.metadata.name ?? '');
    if (pods.length > 0) this.event(claim, 'Normal', REASON.WaitForPodScheduled, msg.waitForPodScheduled(pods));
    else this.event(claim, 'Normal', REASON.WaitForFirstConsumer, msg.WAIT_FOR_FIRST_CONSUMER);
  }

  private provisionClaim(claim: PersistentVolumeClaim): void {
    const className = claim.spec?.storageClassName ?? '';
    const sc = this.core.store.get<StorageClass>('StorageClass', undefined, className);
    if (!sc) {
      // [case 1-5] the class does not exist (yet): the 15s resync retries.
      this.event(claim, 'Warning', REASON.ProvisioningFailed, msg.classNotFound(className));
      return;
    }
    const { driver, migrated } = this.driverFor(sc.provisioner);
    const ann = claim.metadata.annotations ?? {};
    if (ann[ANN.storageProvisioner] !== driver || (migrated && ann[ANN.migratedTo] !== driver)) {
      this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name ?? '', (d) => {
        d.metadata.annotations = {
          ...d.metadata.annotations,
          [ANN.storageProvisioner]: driver,
          [ANN.betaStorageProvisioner]: driver,
          ...(migrated ? { [ANN.migratedTo]: driver } : {}),
        };
      });
    }
    this.event(claim, 'Normal', REASON.ExternalProvisioning, msg.externalProvisioning(driver));
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): void {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      // [case 3-1] the claim lost its volume name.
      this.lose(claim, msg.CLAIM_LOST_REFERENCE);
      return;
    }
    const volume = this.core.store.get<PersistentVolume>('PersistentVolume', undefined, volumeName);
    if (!volume) {
      // [case 3-2] the volume is gone.
      this.lose(claim, msg.CLAIM_LOST_VOLUME);
    } else if (!volume.spec?.claimRef) {
      // [case 3-3] the volume forgot the claim: bind again.
      this.bind(volume, claim);
    } else if (volume.spec.claimRef.uid === claim.metadata.uid) {
      // [case 3-4] consistent: make sure both are Bound.
      this.bind(volume, claim);
    } else {
      // [case 3-5] the volume is bound to another claim.
      this.lose(claim, msg.CLAIM_MISBOUND, REASON.ClaimMisbound);
    }
  }

  private lose(claim: PersistentVolumeClaim, message: string, reason: string = REASON.ClaimLost): void {
    if (claim.status?.phase !== 'Lost') this.event(claim, 'Warning', reason, message);
    this.updateClaimStatus(claim, 'Lost');
  }

  /** Entry point for a volume. */
  syncVolume(volume: PersistentVolume): void {
    const ref = volume.spec?.claimRef;
    if (!ref) {
      // [case 4-1] unused volume.
      this.updateVolumePhase(volume, 'Available');
      return;
    }
    if (!ref.uid) {
      // [case 4-2] pre-bound by the user, waiting for the claim.
      this.updateVolumePhase(volume, 'Available');
      if (ref.name) this.enqueueClaim(`${ref.namespace ?? 'default'}/${ref.name}`);
      return;
    }
    const claim = this.core.store.get<PersistentVolumeClaim>('PersistentVolumeClaim', ref.namespace ?? 'default', ref.name ?? '');
    if (!claim || claim.metadata.uid !== ref.uid) {
      // [case 4-3] the claim is gone (or replaced by a namesake): Released, then reclaim. A Failed
      // volume stays Failed, so the user sees that something went wrong.
      let pv = volume;
      if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') pv = this.updateVolumePhase(volume, 'Released');
      this.reclaimVolume(pv);
      return;
    }
    if (!claim.spec?.volumeName) {
      // [case 4-4] the claim is not bound yet: let syncClaim finish.
      this.enqueueClaim(`${claim.metadata.namespace}/${claim.metadata.name}`);
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      // [case 4-5] bound both ways.
      this.updateVolumePhase(volume, 'Bound');
      return;
    }
    if (volume.metadata.annotations?.[ANN.boundByController] === 'yes') {
      // [case 4-6] we bound this volume, the claim went elsewhere: unbind.
      this.unbindVolume(volume);
    } else {
      // [case 4-7] the user pre-bound this volume to a claim bound elsewhere: drop the uid.
      this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, volume.metadata.name ?? '', (d) => {
        if (d.spec?.claimRef) delete d.spec.claimRef.uid;
      });
    }
  }

  /**
   * `reclaimVolume` for the policies this controller carries out: `Retain` keeps the volume
   * Released; `Delete` is the external provisioner's; `Recycle` works only for NFS and hostPath
   * volumes (not modelled), and any other volume, such as an EBS one, is marked Failed.
   */
  private reclaimVolume(volume: PersistentVolume): void {
    if (volume.spec?.persistentVolumeReclaimPolicy !== 'Recycle') return;
    if (volume.spec.nfs !== undefined || volume.spec.hostPath !== undefined) return;
    this.updateVolumePhaseWithEvent(volume, 'Failed', 'Warning', REASON.VolumeFailedRecycle, msg.NO_RECYCLER);
  }

  /** `updateVolumePhaseWithEvent`: the phase, and the event only when the phase changes. */
  private updateVolumePhaseWithEvent(volume: PersistentVolume, phase: VolumePhase, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const next = this.updateVolumePhase(volume, phase);
    if (next !== volume) this.event(next, type, reason, message);
  }

  private unbindVolume(volume: PersistentVolume): void {
    const next = this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, volume.metadata.name ?? '', (d) => {
      if (d.spec) delete d.spec.claimRef;
      if (d.metadata.annotations) delete d.metadata.annotations[ANN.boundByController];
    });
    this.updateVolumePhase(next, 'Available');
  }

  /** bindVolumeToClaim → volume Bound → bindClaimToVolume → claim Bound. */
  bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    const name = volume.metadata.name ?? '';
    let pv = volume;
    if (!isVolumeBoundToClaim(pv, claim) || !pv.spec?.claimRef?.uid) {
      const byController = !pv.spec?.claimRef;
      pv = this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, name, (d) => {
        if (!d.spec) return;
        d.spec.claimRef = getReference(claim);
        if (byController) d.metadata.annotations = { ...d.metadata.annotations, [ANN.boundByController]: 'yes' };
      });
    }
    this.updateVolumePhase(pv, 'Bound');
    let pvc = claim;
    const ann = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName !== name || ann[ANN.bindCompleted] !== 'yes') {
      const byController = !claim.spec?.volumeName;
      pvc = this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name ?? '', (d) => {
        if (d.spec) d.spec.volumeName = name;
        d.metadata.annotations = {
          ...d.metadata.annotations,
          [ANN.bindCompleted]: 'yes',
          ...(byController ? { [ANN.boundByController]: 'yes' } : {}),
        };
      });
    }
    this.updateClaimStatus(pvc, 'Bound', pv);
  }

  /**
   * `updateClaimStatus`: the phase; with a volume, its access modes, and its capacity only when
   * the claim is becoming Bound (a later difference can be a file system not grown yet, which
   * must not be clobbered); without one, neither.
   */
  private updateClaimStatus(claim: PersistentVolumeClaim, phase: ClaimPhase, volume?: PersistentVolume): void {
    const s = claim.status;
    const capacity = volume?.spec?.capacity?.storage;
    const modes = volume?.spec?.accessModes;
    const becoming = s?.phase !== phase;
    const setModes = volume !== undefined && !sameList(s?.accessModes, modes);
    const setCapacity = volume !== undefined && becoming && capacity !== undefined && s?.capacity?.storage !== capacity;
    const reset = volume === undefined && (s?.accessModes !== undefined || s?.capacity !== undefined);
    if (!becoming && !setModes && !setCapacity && !reset) return;
    this.core.api.updateWith<PersistentVolumeClaim>('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name ?? '', (d) => {
      d.status = d.status ?? {};
      d.status.phase = phase;
      if (setModes) d.status.accessModes = [...(modes ?? [])];
      if (setCapacity) d.status.capacity = { storage: capacity as string };
      if (reset) {
        delete d.status.accessModes;
        delete d.status.capacity;
      }
    });
  }

  /** Writes `status.phase` (and `lastPhaseTransitionTime`, GA 1.31). */
  updateVolumePhase(volume: PersistentVolume, phase: VolumePhase): PersistentVolume {
    if (volume.status?.phase === phase) return volume;
    return this.core.api.updateWith<PersistentVolume>('PersistentVolume', undefined, volume.metadata.name ?? '', (d) => {
      d.status = { ...d.status, phase, lastPhaseTransitionTime: this.core.clock.rfc3339() };
    });
  }
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).join(',') === (b ?? []).join(',');
}
