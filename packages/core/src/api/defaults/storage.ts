/**
 * Storage defaults: PersistentVolumeClaim, PersistentVolume and StorageClass.
 * @see k/k pkg/apis/core/v1/defaults.go (SetDefaults_PersistentVolume*, SetDefaults_PersistentVolumeClaim*),
 *      pkg/apis/storage/v1/defaults.go (SetDefaults_StorageClass)
 */
// biome-ignore-all lint/suspicious/noExplicitAny: storage specs are untyped JSON while being defaulted
import type { MutableObject } from '../strategy.js';

/** `SetDefaults_PersistentVolumeClaimSpec`: volumeMode Filesystem. */
export function defaultPersistentVolumeClaimSpec(spec: any): void {
  if (spec && typeof spec === 'object') spec.volumeMode ||= 'Filesystem';
}

/** `SetDefaults_PersistentVolumeClaim`: spec defaults and phase Pending. */
export function defaultPersistentVolumeClaim(obj: MutableObject): void {
  obj.spec ??= {};
  defaultPersistentVolumeClaimSpec(obj.spec);
  obj.status ??= {};
  obj.status.phase ||= 'Pending';
}

/**
 * `SetDefaults_PersistentVolume`: reclaim policy Retain, volumeMode Filesystem, phase Pending; a
 * hostPath source's `type` "" (`SetDefaults_HostPathVolumeSource`, as for a pod's volume).
 */
export function defaultPersistentVolume(obj: MutableObject): void {
  obj.spec ??= {};
  if (obj.spec.hostPath && typeof obj.spec.hostPath === 'object') obj.spec.hostPath.type ??= '';
  obj.spec.persistentVolumeReclaimPolicy ||= 'Retain';
  obj.spec.volumeMode ||= 'Filesystem';
  obj.status ??= {};
  obj.status.phase ||= 'Pending';
}

/** `SetDefaults_StorageClass`: reclaimPolicy Delete, volumeBindingMode Immediate. */
export function defaultStorageClass(obj: MutableObject): void {
  obj.reclaimPolicy ||= 'Delete';
  obj.volumeBindingMode ||= 'Immediate';
}
