/**
 * Store indexes the PV controller and protection controllers use, so each event costs O(1):
 * PVs by class, PVs by the claim they point at, pods by the claims they use.
 */
import { type ObjectStore, podVolumeClaimName } from '@kubesim/core';
import type { PersistentVolume, Pod } from '../api-types.js';

/** PVs by `spec.storageClassName` ("" for none). */
export const PV_BY_CLASS = 'storage.pv.class';
/** PVs by `spec.claimRef` `ns/name`. */
export const PV_BY_CLAIM = 'storage.pv.claimRef';
/** Pods by the `ns/name` of each claim in their volumes. */
export const POD_BY_CLAIM = 'storage.pod.claims';

/** The claim keys (`ns/name`) a pod uses. */
export function podClaimKeys(pod: Pod): string[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const claim = podVolumeClaimName(pod, v);
    if (claim) out.push(`${ns}/${claim}`);
  }
  return out;
}

/** Registers the indexes (idempotent). */
export function addStorageIndexes(store: ObjectStore): void {
  store.addIndex<PersistentVolume>('PersistentVolume', PV_BY_CLASS, (pv) => [pv.spec?.storageClassName ?? '']);
  store.addIndex<PersistentVolume>('PersistentVolume', PV_BY_CLAIM, (pv) => {
    const ref = pv.spec?.claimRef;
    return ref?.name ? [`${ref.namespace ?? 'default'}/${ref.name}`] : [];
  });
  store.addIndex<Pod>('Pod', POD_BY_CLAIM, podClaimKeys);
}
