/**
 * Storage admission plugins: DefaultStorageClass, StorageObjectInUseProtection (finalizers) and
 * PersistentVolumeClaimResize.
 * @see kubernetes plugin/pkg/admission/storage/{storageclass/setdefault,storageobjectinuseprotection},
 *      plugin/pkg/admission/storage/persistentvolume/resize/admission.go
 */
import { type AdmissionPlugin, type CoreCluster, errors } from '@kubesim/core';
import type { PersistentVolumeClaim, StorageClass } from '../api-types.js';
import { FINALIZER } from '../constants.js';
import { parseBytes } from '../util/quantity.js';
import { getDefaultClass } from './storage-class.js';

/** Admission text when a claim may not grow. */
export const RESIZE_FORBIDDEN =
  'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize';

function addFinalizer(obj: { metadata: Record<string, unknown> }, finalizer: string): void {
  const list = (obj.metadata.finalizers as string[] | undefined) ?? [];
  if (!list.includes(finalizer)) obj.metadata.finalizers = [...list, finalizer];
}

/** Registers the storage admission plugins on the API server. */
export function registerStorageAdmission(core: CoreCluster): void {
  const setDefault: AdmissionPlugin = {
    name: 'DefaultStorageClass',
    admit(attrs) {
      if (attrs.operation !== 'CREATE' || attrs.kind !== 'PersistentVolumeClaim') return;
      const spec = (attrs.object.spec ?? {}) as { storageClassName?: string | null };
      if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
      const def = getDefaultClass(core.store);
      if (!def) return;
      attrs.object.spec = { ...spec, storageClassName: def.metadata.name };
    },
  };
  const protection: AdmissionPlugin = {
    name: 'StorageObjectInUseProtection',
    admit(attrs) {
      if (attrs.operation !== 'CREATE') return;
      if (attrs.kind === 'PersistentVolumeClaim') addFinalizer(attrs.object, FINALIZER.pvcProtection);
      if (attrs.kind === 'PersistentVolume') addFinalizer(attrs.object, FINALIZER.pvProtection);
    },
  };
  const resize: AdmissionPlugin = {
    name: 'PersistentVolumeClaimResize',
    validate(attrs, ctx) {
      if (attrs.operation !== 'UPDATE' || attrs.kind !== 'PersistentVolumeClaim' || !attrs.old) return;
      const old = attrs.old as PersistentVolumeClaim;
      const next = attrs.object as unknown as PersistentVolumeClaim;
      const before = parseBytes(old.spec?.resources?.requests?.storage as string | undefined) ?? 0;
      const after = parseBytes(next.spec?.resources?.requests?.storage as string | undefined) ?? 0;
      if (after <= before) return;
      const name = old.metadata.name ?? '';
      const className = old.spec?.storageClassName ?? '';
      const sc = className ? ctx.get<StorageClass>('StorageClass', undefined, className) : undefined;
      if (!old.spec?.volumeName || !sc?.allowVolumeExpansion) {
        throw errors.forbidden('persistentvolumeclaims', '', name, RESIZE_FORBIDDEN);
      }
    },
  };
  for (const p of [setDefault, protection, resize]) core.api.registerAdmission(p);
}
