/**
 * Finding the PV for a claim: smallest volume that satisfies access modes, class, selector,
 * volumeMode and size; pre-bound volumes first.
 * @see component-helpers storage/volume/pv_helpers.go FindMatchingVolume, CheckAccessModes;
 *      kubernetes pkg/controller/volume/persistentvolume/index.go findBestMatchForClaim
 */
import type { ObjectStore } from '@kubesim/core';
import type { PersistentVolume, PersistentVolumeClaim } from '../api-types.js';
import { parseBytes } from '../util/quantity.js';
import { type LabelSelector, matchesSelector } from '../util/selectors.js';
import { PV_BY_CLAIM, PV_BY_CLASS } from './indexes.js';

/** Whether the volume offers every access mode the claim asks for. */
export function checkAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** `volumeMode` mismatch (nil means Filesystem). */
export function checkVolumeModeMismatches(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** Requested bytes of a claim. */
export function claimRequestBytes(claim: PersistentVolumeClaim): number {
  return parseBytes(claim.spec?.resources?.requests?.storage as string | undefined) ?? 0;
}

/** Capacity bytes of a volume. */
export function volumeCapacityBytes(volume: PersistentVolume): number {
  return parseBytes(volume.spec?.capacity?.storage as string | undefined) ?? 0;
}

/** Whether `volume.spec.claimRef` names `claim` (uid compared when set). */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? 'default') !== claim.metadata.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

/**
 * The reason a pre-bound volume cannot serve the claim, or undefined (`checkVolumeSatisfyClaim`).
 */
export function checkVolumeSatisfyClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): string | undefined {
  if (volumeCapacityBytes(volume) < claimRequestBytes(claim)) return 'requested PV is too small';
  if ((volume.spec?.storageClassName ?? '') !== (claim.spec?.storageClassName ?? '')) {
    return 'storageClassName does not match';
  }
  if (checkVolumeModeMismatches(claim, volume)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, volume)) return 'incompatible accessMode';
  return undefined;
}

/**
 * The best volume for an unbound claim, or undefined. With `delayBinding` only volumes pre-bound
 * to the claim qualify (the scheduler binds the rest).
 */
export function findBestMatchForClaim(
  store: ObjectStore,
  claim: PersistentVolumeClaim,
  delayBinding: boolean,
): PersistentVolume | undefined {
  const key = `${claim.metadata.namespace}/${claim.metadata.name}`;
  const request = claimRequestBytes(claim);
  // [pre-bound] a volume whose claimRef names this claim wins outright.
  for (const pv of store.byIndex<PersistentVolume>('PersistentVolume', PV_BY_CLAIM, key)) {
    if (!isVolumeBoundToClaim(pv, claim) || pv.metadata.deletionTimestamp) continue;
    if (volumeCapacityBytes(pv) < request || checkVolumeModeMismatches(claim, pv)) continue;
    if (checkAccessModes(claim, pv)) return pv;
  }
  if (delayBinding) return undefined;
  const className = claim.spec?.storageClassName ?? '';
  let best: PersistentVolume | undefined;
  for (const pv of store.byIndex<PersistentVolume>('PersistentVolume', PV_BY_CLASS, className)) {
    if (pv.spec?.claimRef || pv.metadata.deletionTimestamp) continue;
    if (pv.status?.phase !== 'Available') continue;
    if (volumeCapacityBytes(pv) < request || checkVolumeModeMismatches(claim, pv)) continue;
    if (!checkAccessModes(claim, pv)) continue;
    if (!matchesSelector(claim.spec?.selector as LabelSelector | undefined, pv.metadata.labels ?? {})) continue;
    if (!best || better(pv, best)) best = pv;
  }
  return best;
}

/** Fewest access modes first (allPossibleMatchingAccessModes), then smallest capacity, then name. */
function better(a: PersistentVolume, b: PersistentVolume): boolean {
  const am = a.spec?.accessModes?.length ?? 0;
  const bm = b.spec?.accessModes?.length ?? 0;
  if (am !== bm) return am < bm;
  const ac = volumeCapacityBytes(a);
  const bc = volumeCapacityBytes(b);
  if (ac !== bc) return ac < bc;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '');
}
