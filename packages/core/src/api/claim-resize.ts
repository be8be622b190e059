/**
 * The PersistentVolumeClaim resize bookkeeping shared by the external-resizer (storage package)
 * and the kubelet's node expansion: `status.allocatedResources`, `status.allocatedResourceStatuses`
 * (RecoverVolumeExpansionFailure, beta and on by default since 1.32) and the resize conditions.
 * @see kubernetes pkg/volume/util/resize_util.go; kubernetes-csi/external-resizer pkg/util/util.go,
 *   pkg/controller/resize_status.go
 */
import type { PersistentVolumeClaimCondition, PersistentVolumeClaimStatus } from 'kubernetes-types/core/v1';

/** `v1.ClaimResourceStatus` values of `allocatedResourceStatuses.storage`. */
export const ClaimResizeStatus = {
  ControllerResizeInProgress: 'ControllerResizeInProgress',
  ControllerResizeInfeasible: 'ControllerResizeInfeasible',
  NodeResizePending: 'NodeResizePending',
  NodeResizeInProgress: 'NodeResizeInProgress',
  NodeResizeInfeasible: 'NodeResizeInfeasible',
} as const;

/** PVC condition types of a resize. */
export const ClaimResizeCondition = {
  Resizing: 'Resizing',
  FileSystemResizePending: 'FileSystemResizePending',
  ControllerResizeError: 'ControllerResizeError',
  NodeResizeError: 'NodeResizeError',
} as const;

/** The resize texts (conditions and events). */
export const ClaimResizeMessages = {
  /** external-resizer `markForPendingNodeExpansion`'s condition message. */
  fileSystemResizePending: 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.',
  /** external-resizer `markControllerExpansionFailedCondition`'s `ControllerResizeError` message (a final, not infeasible, driver error). */
  controllerResizeError: (csiError: string) => `failed to expand pvc with ${csiError}`,
  /** external-resizer's `FileSystemResizeRequired` event. */
  fileSystemResizeRequired: 'Require file system resize of volume on node',
  /** The kubelet's `FileSystemResizeSuccessful` event (`GenerateMsg` of the volume to mount, node name as suffix). */
  nodeExpandSucceeded: (volumeName: string, nodeName: string) => `MountVolume.NodeExpandVolume succeeded for volume ${JSON.stringify(volumeName)} ${nodeName}`,
} as const;

const RESIZE_CONDITIONS: ReadonlySet<string> = new Set(Object.values(ClaimResizeCondition));

/**
 * `MergeResizeConditionsOfPVC`: non-resize conditions are kept; a resize condition stays only if
 * `resize` has one of its type (the old one, with its transition time, when the status is the
 * same), or with `keepOld` (external-resizer v2's `keepOldResizeConditions`) also when it has
 * none; `resize`'s other conditions are appended.
 */
export function mergeResizeConditions(
  old: readonly PersistentVolumeClaimCondition[] | undefined,
  resize: readonly PersistentVolumeClaimCondition[],
  keepOld = false,
): PersistentVolumeClaimCondition[] {
  const out: PersistentVolumeClaimCondition[] = [];
  const used = new Set<string>();
  for (const c of old ?? []) {
    if (!RESIZE_CONDITIONS.has(c.type)) {
      out.push(c);
      continue;
    }
    const next = resize.find((r) => r.type === c.type);
    if (!next) {
      if (keepOld) out.push(c);
      continue;
    }
    out.push(next.status !== c.status ? next : c);
    used.add(c.type);
  }
  for (const r of resize) if (!used.has(r.type)) out.push(r);
  return out;
}

/** A resize condition with status True, as the resizer and kubelet write them (`lastProbeTime: null`). */
export function resizeCondition(type: string, now: string, message?: string): PersistentVolumeClaimCondition {
  const c = { type, status: 'True', lastProbeTime: null, lastTransitionTime: now } as unknown as PersistentVolumeClaimCondition;
  return message === undefined ? c : { ...c, message };
}

/** `status` with `allocatedResourceStatuses.storage` set, or removed (and the map dropped when empty) for undefined. */
export function withStorageResizeStatus(status: PersistentVolumeClaimStatus, value: string | undefined): PersistentVolumeClaimStatus {
  const map: Record<string, string> = { ...status.allocatedResourceStatuses };
  if (value === undefined) delete map.storage;
  else map.storage = value;
  const out: PersistentVolumeClaimStatus = { ...status };
  if (Object.keys(map).length === 0) delete out.allocatedResourceStatuses;
  else out.allocatedResourceStatuses = map;
  return out;
}

/** The claim's `allocatedResourceStatuses.storage`, or '' (Go's zero value). */
export function storageResizeStatus(status: PersistentVolumeClaimStatus | undefined): string {
  return status?.allocatedResourceStatuses?.storage ?? '';
}
