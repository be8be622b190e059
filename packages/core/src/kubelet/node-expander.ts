/**
 * The kubelet's half of a volume expansion: after the external-resizer grew the cloud volume and
 * the PV (`allocatedResourceStatuses.storage: NodeResizePending`, condition
 * `FileSystemResizePending`), the kubelet of a node where the volume is mounted grows the file
 * system (`NodeExpandVolume`) and finishes the claim: `status.capacity` becomes the PV's, the
 * resize conditions and status go, and the pod and claim get `FileSystemResizeSuccessful`.
 * It runs while the volume is mounted for a new pod (offline expansion), or on a later sync of a
 * pod that has it mounted (online expansion).
 * @see kubernetes pkg/volume/util/operationexecutor/node_expander.go (expandOnPlugin, runPreCheck),
 *   operation_generator.go (expandVolumeDuringMount), pkg/volume/util/resize_util.go
 */
import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import {
  ClaimResizeMessages,
  ClaimResizeStatus,
  mergeResizeConditions,
  storageResizeStatus,
  withStorageResizeStatus,
} from '../api/claim-resize.js';
import type { KubeObject } from '../api/object.js';
import { compareQuantities, parseQuantity, quantityValue } from '../api/quantity.js';
import type { VolumeFilesystem } from './filesystem.js';
import type { CoreCluster } from '../cluster/core-cluster.js';
import { NodeAgentComponents, NodeAgentReasons } from './reasons.js';

/** `expandVolumeDuringMount`'s refusal of a read-only volume. */
export const NodeExpandMessages = {
  readOnly: (volumeName: string) => `MountVolume.NodeExpandVolume failed for volume ${JSON.stringify(volumeName)} requested read-only file system`,
} as const;

/** The claim's `status.capacity.storage` is below the PV's `spec.capacity.storage` (`volumeRequiresFSResize`). */
export function requiresFsResize(pvc: PersistentVolumeClaim | undefined, pv: PersistentVolume | undefined): boolean {
  const have = pvc?.status?.capacity?.storage;
  const want = pv?.spec?.capacity?.storage;
  if (want === undefined) return false;
  if (have === undefined) return true;
  return compareQuantities(parseQuantity(String(have)), parseQuantity(String(want))) < 0;
}

/**
 * `NodeExpander.expandOnPlugin` for a volume of `pod` on `nodeName`, when the claim asks for it
 * (`NodeResizePending` or `NodeResizeInProgress`). Writes the claim's status twice as upstream
 * (in progress, then finished) and records the events. Returns whether it expanded.
 */
export function expandOnNode(core: CoreCluster, pod: Pod, pvc: PersistentVolumeClaim & KubeObject, pv: PersistentVolume & KubeObject, nodeName: string, fs?: VolumeFilesystem): boolean {
  const status = storageResizeStatus(pvc.status);
  if (status !== ClaimResizeStatus.NodeResizePending && status !== ClaimResizeStatus.NodeResizeInProgress) return false;
  const ns = pvc.metadata.namespace;
  const name = pvc.metadata.name as string;
  const newSize = pv.spec?.capacity?.storage as string;
  // MarkNodeExpansionInProgress
  core.api.updateWith<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', ns, name, (d) => {
    d.status = withStorageResizeStatus(d.status ?? {}, ClaimResizeStatus.NodeResizeInProgress);
  });
  // The driver's NodeExpandVolume: resize2fs grows the file system over the whole device.
  if (fs?.deviceBytes !== undefined) fs.deviceBytes = Number(quantityValue(parseQuantity(newSize)));
  const message = ClaimResizeMessages.nodeExpandSucceeded(pv.metadata.name as string, nodeName);
  core.recorder.event(pod as Pod & KubeObject, 'Normal', NodeAgentReasons.FileSystemResizeSuccessful, message, NodeAgentComponents.kubelet, nodeName);
  core.recorder.event(pvc, 'Normal', NodeAgentReasons.FileSystemResizeSuccessful, message, NodeAgentComponents.kubelet, nodeName);
  // MarkFSResizeFinished (MarkNodeExpansionFinishedWithRecovery)
  core.api.updateWith<PersistentVolumeClaim & KubeObject>('PersistentVolumeClaim', ns, name, (d) => {
    const next = withStorageResizeStatus(d.status ?? {}, undefined);
    next.capacity = { ...next.capacity, storage: newSize };
    const conditions = mergeResizeConditions(next.conditions, []);
    if (conditions.length) next.conditions = conditions;
    else delete next.conditions;
    d.status = next;
  });
  return true;
}

/** The read-only refusal: a Warning on the pod, and the mount goes on without expanding. */
export function refuseReadOnlyExpansion(core: CoreCluster, pod: Pod, pv: PersistentVolume & KubeObject, nodeName: string): void {
  core.recorder.event(pod as Pod & KubeObject, 'Warning', NodeAgentReasons.FileSystemResizeFailed, NodeExpandMessages.readOnly(pv.metadata.name as string), NodeAgentComponents.kubelet, nodeName);
}
