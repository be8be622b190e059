/**
 * StorageClass helpers: the default class (newest wins, tie by name), binding mode, allowed zones.
 * @see kubernetes pkg/volume/util/storageclass.go GetDefaultClass;
 *      component-helpers storage/volume/pv_helpers.go IsDelayBindingMode
 */
import type { ObjectStore } from '@kubesim/core';
import type { PersistentVolumeClaim, StorageClass } from '../api-types.js';
import { ANN, LABEL } from '../constants.js';

/** Whether a class carries the default-class annotation (GA or beta) set to "true". */
export function isDefaultClass(sc: StorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[ANN.isDefaultClass] === 'true' || a[ANN.betaIsDefaultClass] === 'true';
}

/** The default class: newest creationTimestamp wins, ties broken by name ascending. */
export function getDefaultClass(store: ObjectStore): StorageClass | undefined {
  let best: StorageClass | undefined;
  for (const sc of store.values<StorageClass>('StorageClass')) {
    if (!isDefaultClass(sc)) continue;
    if (!best) {
      best = sc;
      continue;
    }
    const a = sc.metadata.creationTimestamp ?? '';
    const b = best.metadata.creationTimestamp ?? '';
    if (a > b || (a === b && (sc.metadata.name ?? '') < (best.metadata.name ?? ''))) best = sc;
  }
  return best;
}

/** The class name a claim asks for ("" = no class). */
export function getClaimClass(claim: PersistentVolumeClaim): string {
  return claim.spec?.storageClassName ?? '';
}

/** Whether the claim's class delays binding until a pod is scheduled. */
export function isDelayBindingMode(store: ObjectStore, claim: PersistentVolumeClaim): boolean {
  const name = getClaimClass(claim);
  if (!name) return false;
  const sc = store.get<StorageClass>('StorageClass', undefined, name);
  return sc?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** Zones a class allows (undefined = no restriction), from `allowedTopologies`. */
export function allowedZones(sc: StorageClass): readonly string[] | undefined {
  if (!sc.allowedTopologies?.length) return undefined;
  const zones = new Set<string>();
  for (const term of sc.allowedTopologies) {
    for (const e of term.matchLabelExpressions ?? []) {
      if (e.key === LABEL.zone || e.key === LABEL.ebsCsiZone || e.key === LABEL.betaZone) for (const v of e.values) zones.add(v);
    }
  }
  return [...zones].sort();
}
