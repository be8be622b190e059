/**
 * The `snapshot.storage.k8s.io/v1` kinds: VolumeSnapshotClass, VolumeSnapshot and
 * VolumeSnapshotContent, as plain readonly data.
 * @see external-snapshotter client/apis/volumesnapshot/v1/types.go
 */
import type { KubeObject } from '@kubesim/core';

/** `DeletionPolicy`: `Delete` or `Retain`. */
export type DeletionPolicy = 'Delete' | 'Retain';

/** `VolumeSnapshotError`. */
export interface VolumeSnapshotError {
  /** RFC 3339. */
  readonly time?: string;
  readonly message?: string;
}

/** `VolumeSnapshotClass` (cluster-scoped; no spec: its fields are top-level). */
export interface VolumeSnapshotClass extends KubeObject {
  readonly driver: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly deletionPolicy: DeletionPolicy;
}

/** `VolumeSnapshot` (namespaced). */
export interface VolumeSnapshot extends KubeObject {
  readonly spec: {
    readonly source: { readonly persistentVolumeClaimName?: string; readonly volumeSnapshotContentName?: string };
    readonly volumeSnapshotClassName?: string;
  };
  readonly status?: {
    readonly boundVolumeSnapshotContentName?: string;
    /** RFC 3339 (`metav1.Time`). */
    readonly creationTime?: string;
    readonly readyToUse?: boolean;
    /** A quantity (`1Gi`). */
    readonly restoreSize?: string;
    readonly error?: VolumeSnapshotError;
  };
}

/** `VolumeSnapshotContent` (cluster-scoped). */
export interface VolumeSnapshotContent extends KubeObject {
  readonly spec: {
    readonly volumeSnapshotRef: {
      readonly apiVersion?: string;
      readonly kind?: string;
      readonly name?: string;
      readonly namespace?: string;
      readonly uid?: string;
      readonly resourceVersion?: string;
    };
    readonly deletionPolicy: DeletionPolicy;
    readonly driver: string;
    readonly volumeSnapshotClassName?: string;
    readonly source: { readonly volumeHandle?: string; readonly snapshotHandle?: string };
    readonly sourceVolumeMode?: string;
  };
  readonly status?: {
    readonly snapshotHandle?: string;
    /** Unix nanoseconds. */
    readonly creationTime?: number;
    /** Bytes. */
    readonly restoreSize?: number;
    readonly readyToUse?: boolean;
    readonly error?: VolumeSnapshotError;
  };
}

/** Kind names. */
export const SNAPSHOT_KIND = {
  class: 'VolumeSnapshotClass',
  snapshot: 'VolumeSnapshot',
  content: 'VolumeSnapshotContent',
} as const;
