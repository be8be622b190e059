/**
 * `FitError.Error()`: the FailedScheduling message.
 *
 * @remarks `0/N nodes are available:` + either the PreFilter message or the histogram of
 * per-node reasons (`"<count> <reason>"`, sorted as strings, joined by `, `) + `.`, then the
 * PostFilter message after a space.
 * @see kubernetes pkg/scheduler/framework/types.go (FitError.Error)
 */
import type { Status } from './status.js';

/** `NoNodeAvailableMsg`. */
export const NO_NODE_AVAILABLE_MSG = '0/%v nodes are available';
/** `ErrNoNodesAvailable` text (no nodes at all). */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** Inputs of the message. */
export interface FitErrorInput {
  readonly numAllNodes: number;
  readonly preFilterMsg: string;
  /** Rejected nodes and their statuses. */
  readonly nodeToStatus: ReadonlyMap<string, Status>;
  readonly postFilterMsg: string;
}

/** Go's `sort.Strings` order: bytewise. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The reason histogram, `"<count> <reason>"` sorted with sort.Strings. */
export function sortReasonsHistogram(nodeToStatus: ReadonlyMap<string, Status>): string[] {
  const reasons = new Map<string, number>();
  for (const status of nodeToStatus.values()) {
    for (const r of status.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  }
  return [...reasons].map(([r, n]) => `${n} ${r}`).sort(compareBytes);
}

/** Formats the FitError message. */
export function fitErrorMessage(e: FitErrorInput): string {
  let msg = `0/${e.numAllNodes} nodes are available:`;
  if (e.preFilterMsg !== '') {
    msg += ` ${e.preFilterMsg}.`;
  } else {
    const hist = sortReasonsHistogram(e.nodeToStatus);
    if (hist.length > 0) msg += ` ${hist.join(', ')}.`;
  }
  if (e.postFilterMsg !== '') msg += ` ${e.postFilterMsg}`;
  return msg;
}
