/**
 * The invariant catalogue: safety checkers by id.
 */
import type { Invariant } from './invariant.js';
import { noEbsDataLoss } from './data-loss.js';
import { podFitsNode } from './pod-fits-node.js';
import {
  attachSameZone,
  bindingSymmetric,
  noPodOnTerminatedNode,
  rwoSingleNode,
  statefulSetClaimNames,
  statefulSetOrdinalUnique,
} from './safety.js';

export type { Invariant, Violation } from './invariant.js';
export { noEbsDataLoss, podFitsNode, attachSameZone, bindingSymmetric, noPodOnTerminatedNode, rwoSingleNode, statefulSetClaimNames, statefulSetOrdinalUnique };

/** Every safety invariant, fresh (the data-loss checker is stateful). */
export function safetyInvariants(): Invariant[] {
  return [rwoSingleNode, attachSameZone, bindingSymmetric, statefulSetOrdinalUnique, statefulSetClaimNames, podFitsNode, noPodOnTerminatedNode, noEbsDataLoss()];
}
