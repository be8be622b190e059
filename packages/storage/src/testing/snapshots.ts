/**
 * Fixture builders for the snapshot kinds: VolumeSnapshotClass and VolumeSnapshot manifests.
 */
import { EBS_CSI_DRIVER, SNAPSHOT_ANN, SNAPSHOT_GROUP } from '../constants.js';
import type { DeletionPolicy, VolumeSnapshot, VolumeSnapshotClass } from '../snapshot/types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A VolumeSnapshotClass of `ebs.csi.aws.com` (policy Delete unless told). */
export function makeSnapshotClass(name: string, options: { policy?: DeletionPolicy; isDefault?: boolean; driver?: string } = {}): Mutable<VolumeSnapshotClass> {
  return {
    apiVersion: `${SNAPSHOT_GROUP}/v1`,
    kind: 'VolumeSnapshotClass',
    metadata: { name, ...(options.isDefault ? { annotations: { [SNAPSHOT_ANN.isDefaultClass]: 'true' } } : {}) },
    driver: options.driver ?? EBS_CSI_DRIVER,
    deletionPolicy: options.policy ?? 'Delete',
  };
}

/** A VolumeSnapshot of claim `pvc` in `default` (the default class unless `className`). */
export function makeSnapshot(name: string, pvc: string, className?: string): Mutable<VolumeSnapshot> {
  return {
    apiVersion: `${SNAPSHOT_GROUP}/v1`,
    kind: 'VolumeSnapshot',
    metadata: { name, namespace: 'default' },
    spec: { source: { persistentVolumeClaimName: pvc }, ...(className ? { volumeSnapshotClassName: className } : {}) },
  };
}
