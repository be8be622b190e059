/**
 * Pure helpers of the snapshot controllers: names, keys, readiness, binding checks and the status
 * a VolumeSnapshot takes from its content.
 * @see external-snapshotter pkg/utils/util.go, pkg/common-controller/snapshot_controller.go
 *      (updateSnapshotStatus, needsUpdateSnapshotStatus)
 */
import { formatQuantity, quantityFromValue, type VirtualClock } from '@kubesim/core';
import { SNAPSHOT_FINALIZER } from '../constants.js';
import type { VolumeSnapshot, VolumeSnapshotContent } from './types.js';

/** `GetDynamicSnapshotContentNameForSnapshot`: `snapcontent-<snapshot uid>`. */
export function getDynamicSnapshotContentNameForSnapshot(snapshot: VolumeSnapshot): string {
  return `snapcontent-${snapshot.metadata.uid}`;
}

/** `SnapshotKey`: `<namespace>/<name>`. */
export function snapshotKey(snapshot: VolumeSnapshot): string {
  return `${snapshot.metadata.namespace}/${snapshot.metadata.name}`;
}

/** The CSI snapshot name csi-snapshotter asks for: `--snapshot-name-prefix` `snapshot` + `-` + snapshot uid. */
export function makeSnapshotName(content: VolumeSnapshotContent): string {
  return `snapshot-${content.spec.volumeSnapshotRef.uid ?? ''}`;
}

/** `IsSnapshotReady`. */
export function isSnapshotReady(snapshot: VolumeSnapshot): boolean {
  return snapshot.status?.readyToUse === true;
}

/** `IsSnapshotCreated`: the status has a creation time. */
export function isSnapshotCreated(snapshot: Pick<VolumeSnapshot, 'status'>): boolean {
  return snapshot.status?.creationTime !== undefined;
}

/** `IsSnapshotDeletionCandidate`: being deleted and still holding one of our finalizers. */
export function isSnapshotDeletionCandidate(snapshot: VolumeSnapshot): boolean {
  const f = snapshot.metadata.finalizers ?? [];
  return snapshot.metadata.deletionTimestamp !== undefined && (f.includes(SNAPSHOT_FINALIZER.snapshotAsSource) || f.includes(SNAPSHOT_FINALIZER.snapshotBound));
}

/** `IsVolumeSnapshotRefSet`: the content points back at this snapshot (name, namespace, uid). */
export function isVolumeSnapshotRefSet(snapshot: VolumeSnapshot, content: VolumeSnapshotContent): boolean {
  const ref = content.spec.volumeSnapshotRef;
  return ref.name === snapshot.metadata.name && ref.namespace === snapshot.metadata.namespace && ref.uid === snapshot.metadata.uid;
}

/** Whether a content is ready (`contentIsReady`). */
export function contentIsReady(content: VolumeSnapshotContent): boolean {
  return content.status?.readyToUse === true;
}

/** `needsUpdateSnapshotStatus`: the content's status has something the snapshot's lacks. */
export function needsUpdateSnapshotStatus(snapshot: VolumeSnapshot, content: VolumeSnapshotContent): boolean {
  const s = snapshot.status;
  const c = content.status;
  if (!s && c) return true;
  if (!c || !s) return false;
  if (s.boundVolumeSnapshotContentName === undefined) return true;
  if (s.creationTime === undefined && c.creationTime !== undefined) return true;
  if (s.readyToUse === undefined && c.readyToUse !== undefined) return true;
  if (s.readyToUse !== undefined && c.readyToUse !== undefined && s.readyToUse !== c.readyToUse) return true;
  return s.restoreSize === undefined && c.restoreSize !== undefined;
}

/** Unix nanoseconds → RFC 3339 (second precision), as `metav1.Time` serialises `time.Unix(0, ns)`. */
export function unixNanosToRfc3339(ns: number, clock: VirtualClock): string {
  return clock.rfc3339(Math.round(ns / 1e6) - clock.startEpochMs);
}

/** Bytes as `resource.NewQuantity(size, resource.BinarySI)` prints (`1Gi`). */
export function binarySI(bytes: number): string {
  return formatQuantity(quantityFromValue(bytes, 'BinarySI'));
}

/**
 * The status `updateSnapshotStatus` writes from a content (undefined when nothing changes):
 * bound name, creation time, readiness (clearing a stale error once ready), restore size, error.
 */
export function snapshotStatusFromContent(snapshot: VolumeSnapshot, content: VolumeSnapshotContent, clock: VirtualClock): VolumeSnapshot['status'] | undefined {
  const c = content.status;
  const createdAt = c?.creationTime !== undefined ? unixNanosToRfc3339(c.creationTime, clock) : undefined;
  const ready = c?.readyToUse ?? false;
  const error = c?.error;
  const old = snapshot.status;
  if (!old) {
    return {
      boundVolumeSnapshotContentName: content.metadata.name,
      ...(createdAt ? { creationTime: createdAt } : {}),
      readyToUse: ready,
      ...(c?.restoreSize !== undefined ? { restoreSize: binarySI(c.restoreSize) } : {}),
      ...(error ? { error } : {}),
    };
  }
  const next: { -readonly [K in keyof NonNullable<VolumeSnapshot['status']>]: NonNullable<VolumeSnapshot['status']>[K] } = { ...old };
  let updated = false;
  if (next.boundVolumeSnapshotContentName === undefined) {
    next.boundVolumeSnapshotContentName = content.metadata.name;
    updated = true;
  }
  if (next.creationTime === undefined && createdAt) {
    next.creationTime = createdAt;
    updated = true;
  }
  if (next.readyToUse !== ready) {
    next.readyToUse = ready;
    updated = true;
    if (ready && next.error) delete next.error;
  }
  if (next.restoreSize === undefined && c?.restoreSize !== undefined) {
    next.restoreSize = binarySI(c.restoreSize);
    updated = true;
  }
  if ((next.error === undefined && error) || (next.error !== undefined && error && next.error.time !== error.time)) {
    next.error = error;
    updated = true;
  } else if (next.error !== undefined && !error) {
    delete next.error;
    updated = true;
  }
  return updated ? inFieldOrder(next) : undefined;
}

/** The status with its keys in the Go struct's order (how the API server serialises it). */
export function inFieldOrder(s: NonNullable<VolumeSnapshot['status']>): NonNullable<VolumeSnapshot['status']> {
  const out: Record<string, unknown> = {};
  for (const key of ['boundVolumeSnapshotContentName', 'creationTime', 'readyToUse', 'restoreSize', 'error'] as const) {
    if (s[key] !== undefined) out[key] = s[key];
  }
  return out as NonNullable<VolumeSnapshot['status']>;
}
