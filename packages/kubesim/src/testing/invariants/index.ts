/**
 * The invariant catalogue: safety checkers (every instant) and bounded-liveness checkers (after
 * the heal phase), by id.
 */
import type { Invariant } from './invariant.js';
import { noEbsDataLoss } from './data-loss.js';
import { stuckPodsExplained, workloadsReady } from './liveness.js';
import { podFitsNode } from './pod-fits-node.js';
import {
  attachSameZone,
  bindingSymmetric,
  noPodOnTerminatedNode,
  rwoSingleNode,
  statefulSetClaimNames,
  statefulSetOrdinalUnique,
} from './safety.js';

export { type Invariant, type Violation, violation } from './invariant.js';
export {
  attachSameZone,
  bindingSymmetric,
  noEbsDataLoss,
  noPodOnTerminatedNode,
  podFitsNode,
  rwoSingleNode,
  statefulSetClaimNames,
  statefulSetOrdinalUnique,
  stuckPodsExplained,
  workloadsReady,
};

/** Every safety invariant, fresh (the data-loss checker is stateful). */
export function safetyInvariants(): Invariant[] {
  return [rwoSingleNode, attachSameZone, bindingSymmetric, statefulSetOrdinalUnique, statefulSetClaimNames, podFitsNode, noPodOnTerminatedNode(), noEbsDataLoss()];
}

/** The default liveness invariants: stuck pods must be explained by diagnose. */
export function livenessInvariants(): Invariant[] {
  return [stuckPodsExplained];
}

/** The strict liveness invariants the pathology hunts use: every workload converges. */
export function convergenceInvariants(): Invariant[] {
  return [workloadsReady, stuckPodsExplained];
}
