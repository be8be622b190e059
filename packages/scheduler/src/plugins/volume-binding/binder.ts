/**
 * The volume binder's pure part: sorting a pod's claims, and per node whether bound PVs fit and
 * unbound WaitForFirstConsumer claims can be matched to a static PV or provisioned there.
 * @see kubernetes pkg/scheduler/framework/plugins/volumebinding/binder.go (FindPodVolumes,
 *   findMatchingVolumes, checkVolumeProvisions); component-helpers storage/volume pv_helpers.go
 */
import { matchesLabelSelector, matchesNodeSelector } from '../../api/labels.js';
import { parseQuantity } from '../../api/quantity.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../api/types.js';
import { ANN_SELECTED_NODE, NO_PROVISIONER } from '../../api/well-known.js';
import type { NodeInfo } from '../../cache/node-info.js';
import type { Handle } from '../../framework/interface.js';
import { claimClass } from '../helper/volumes.js';

/** ErrReasonBindConflict. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** ErrReasonNodeConflict. */
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
/** ErrReasonNotEnoughSpace. */
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
/** ErrReasonPVNotExist. */
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** PreFilter reason for Immediate claims still unbound. */
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

/** A pod's claims sorted by state (`PodVolumeClaims`). */
export interface PodVolumeClaims {
  readonly bound: readonly PersistentVolumeClaim[];
  readonly unboundDelayed: readonly { readonly pvc: PersistentVolumeClaim; readonly cls: StorageClass }[];
  readonly unboundImmediate: readonly PersistentVolumeClaim[];
}

/** What binding the pod to one node would take (`PodVolumes`). */
export interface PodVolumes {
  readonly staticBindings: readonly { readonly pvc: PersistentVolumeClaim; readonly pv: PersistentVolume }[];
  readonly dynamicProvisions: readonly PersistentVolumeClaim[];
}

/** Result of `findPodVolumes` on one node. */
export interface FindResult {
  readonly reasons: string[];
  readonly podVolumes: PodVolumes;
}

function pvCapacity(pv: PersistentVolume): number {
  const s = pv.spec.capacity?.storage;
  return s === undefined ? 0 : parseQuantity(s);
}

function claimRequest(pvc: PersistentVolumeClaim): number {
  const s = pvc.spec.resources?.requests?.storage;
  return s === undefined ? 0 : parseQuantity(s);
}

function isPreBoundTo(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  const ref = pv.spec.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? '') !== (pvc.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** `FindMatchingVolume` (scheduler path): pre-bound first, else the smallest Available fit. */
export function findMatchingVolume(
  pvc: PersistentVolumeClaim,
  candidates: readonly PersistentVolume[],
  node: NodeInfo,
  excluded: ReadonlySet<string>,
): PersistentVolume | undefined {
  const request = claimRequest(pvc);
  const modes = pvc.spec.accessModes ?? [];
  const mode = pvc.spec.volumeMode ?? 'Filesystem';
  let best: PersistentVolume | undefined;
  for (const pv of candidates) {
    if (excluded.has(pv.metadata.name as string) || pv.metadata.deletionTimestamp) continue;
    const cap = pvCapacity(pv);
    if (cap < request || (pv.spec.volumeMode ?? 'Filesystem') !== mode) continue;
    if (!matchesNodeSelector(pv.spec.nodeAffinity?.required, node.labels, node.name)) continue;
    if (isPreBoundTo(pv, pvc)) return pv;
    if (pv.spec.claimRef || pv.status?.phase !== 'Available') continue;
    if (pvc.spec.selector && !matchesLabelSelector(pvc.spec.selector, pv.metadata.labels ?? {})) continue;
    if (!modes.every((m) => (pv.spec.accessModes ?? []).includes(m))) continue;
    if (!best || pvCapacity(best) > cap) best = pv;
  }
  return best;
}

/** `checkVolumeProvisions`: the class can provision here (provisioner set, allowedTopologies match). */
export function canProvisionOn(cls: StorageClass, node: NodeInfo): boolean {
  if (cls.provisioner === NO_PROVISIONER) return false;
  const topologies = cls.allowedTopologies ?? [];
  if (topologies.length === 0) return true;
  return topologies.some((term) =>
    (term.matchLabelExpressions ?? []).every((e) => node.labels[e.key] !== undefined && e.values.includes(node.labels[e.key])),
  );
}

/** `FindPodVolumes` for one node. `assumedPVs` are PVs already promised to other claims. */
export function findPodVolumes(handle: Handle, claims: PodVolumeClaims, node: NodeInfo, assumedPVs: ReadonlySet<string>): FindResult {
  let boundSatisfied = true;
  let boundPVsFound = true;
  for (const pvc of claims.bound) {
    const pv = handle.getPV(pvc.spec.volumeName as string);
    if (!pv) {
      boundPVsFound = false;
      break;
    }
    if (!matchesNodeSelector(pv.spec.nodeAffinity?.required, node.labels, node.name)) {
      boundSatisfied = false;
      break;
    }
  }
  let unboundSatisfied = true;
  const staticBindings: { pvc: PersistentVolumeClaim; pv: PersistentVolume }[] = [];
  const dynamicProvisions: PersistentVolumeClaim[] = [];
  const chosen = new Set(assumedPVs);
  for (const { pvc, cls } of claims.unboundDelayed) {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined && selected !== node.name) {
      unboundSatisfied = false;
      break;
    }
    const pv = findMatchingVolume(pvc, handle.pvsOfClass(claimClass(pvc)), node, chosen);
    if (pv) {
      chosen.add(pv.metadata.name as string);
      staticBindings.push({ pvc, pv });
    } else if (canProvisionOn(cls, node)) {
      dynamicProvisions.push(pvc);
    } else {
      unboundSatisfied = false;
      break;
    }
  }
  const reasons: string[] = [];
  if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!boundPVsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
  return { reasons, podVolumes: { staticBindings, dynamicProvisions } };
}
