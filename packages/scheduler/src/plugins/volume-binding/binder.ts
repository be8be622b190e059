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

/** An unbound WaitForFirstConsumer claim with the PVs it could bind, whatever the node. */
export interface DelayedClaim {
  readonly pvc: PersistentVolumeClaim;
  readonly cls: StorageClass;
  /**
   * PVs of the claim's class that `findMatchingVolume` could pick on some node (not promised to
   * another claim, big enough, right mode, pre-bound to the claim or Available and matching),
   * in name order; only their node affinity is left to check per node.
   */
  readonly candidates: readonly PersistentVolume[];
}

/** A pod's claims sorted by state (`PodVolumeClaims`). */
export interface PodVolumeClaims {
  readonly bound: readonly PersistentVolumeClaim[];
  readonly unboundDelayed: readonly DelayedClaim[];
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

/** Whether `pv` passes every check of `findMatchingVolume` that does not depend on the node. */
function couldMatch(pv: PersistentVolume, pvc: PersistentVolumeClaim, excluded: ReadonlySet<string>): boolean {
  if (excluded.has(pv.metadata.name as string) || pv.metadata.deletionTimestamp) return false;
  if (pvCapacity(pv) < claimRequest(pvc) || (pv.spec.volumeMode ?? 'Filesystem') !== (pvc.spec.volumeMode ?? 'Filesystem')) return false;
  if (isPreBoundTo(pv, pvc)) return true;
  if (pv.spec.claimRef || pv.status?.phase !== 'Available') return false;
  if (pvc.spec.selector && !matchesLabelSelector(pvc.spec.selector, pv.metadata.labels ?? {})) return false;
  const modes = pvc.spec.accessModes ?? [];
  return modes.every((m) => (pv.spec.accessModes ?? []).includes(m));
}

/** The `candidates` of a delayed claim: the PVs that pass the node-independent checks. */
export function claimCandidates(pvc: PersistentVolumeClaim, pvs: readonly PersistentVolume[], excluded: ReadonlySet<string>): PersistentVolume[] {
  return pvs.filter((pv) => couldMatch(pv, pvc, excluded));
}

/** `FindMatchingVolume` (scheduler path): pre-bound first, else the smallest Available fit. */
export function findMatchingVolume(
  pvc: PersistentVolumeClaim,
  candidates: readonly PersistentVolume[],
  node: NodeInfo,
  excluded: ReadonlySet<string>,
): PersistentVolume | undefined {
  let best: PersistentVolume | undefined;
  for (const pv of candidates) {
    if (!couldMatch(pv, pvc, excluded)) continue;
    if (!matchesNodeSelector(pv.spec.nodeAffinity?.required, node.labels, node.name)) continue;
    if (isPreBoundTo(pv, pvc)) return pv;
    if (!best || pvCapacity(best) > pvCapacity(pv)) best = pv;
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

const NONE: ReadonlySet<string> = new Set();

/** `FindPodVolumes` for one node (PVs promised to other claims are already out of the candidates). */
export function findPodVolumes(handle: Handle, claims: PodVolumeClaims, node: NodeInfo): FindResult {
  const podVolumes: { staticBindings: PodVolumes['staticBindings'][number][]; dynamicProvisions: PersistentVolumeClaim[] } = { staticBindings: [], dynamicProvisions: [] };
  const reasons = checkPodVolumes(handle, claims, node, podVolumes) ?? [];
  return { reasons, podVolumes };
}

/**
 * `FindPodVolumes`' verdict for one node: the reasons it does not fit, undefined if it fits; the
 * bindings it would take go to `out` when given.
 */
export function checkPodVolumes(
  handle: Handle,
  claims: PodVolumeClaims,
  node: NodeInfo,
  out?: { staticBindings: PodVolumes['staticBindings'][number][]; dynamicProvisions: PersistentVolumeClaim[] },
): string[] | undefined {
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
  // PVs chosen for the pod's earlier claims on this node (the candidates already exclude assumed ones).
  let chosen = NONE;
  for (const { pvc, cls, candidates } of claims.unboundDelayed) {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined && selected !== node.name) {
      unboundSatisfied = false;
      break;
    }
    const pv = candidates.length > 0 ? findMatchingVolume(pvc, candidates, node, chosen) : undefined;
    if (pv) {
      if (chosen === NONE) chosen = new Set();
      (chosen as Set<string>).add(pv.metadata.name as string);
      out?.staticBindings.push({ pvc, pv });
    } else if (canProvisionOn(cls, node)) {
      out?.dynamicProvisions.push(pvc);
    } else {
      unboundSatisfied = false;
      break;
    }
  }
  if (boundSatisfied && unboundSatisfied && boundPVsFound) return undefined;
  const reasons: string[] = [];
  if (!boundSatisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!boundPVsFound) reasons.push(ERR_REASON_PV_NOT_EXIST);
  return reasons;
}
