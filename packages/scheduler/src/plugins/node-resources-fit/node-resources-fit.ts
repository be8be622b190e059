/**
 * NodeResourcesFit: requests vs allocatable (`Insufficient cpu`, `Too many pods`) in Filter and
 * the LeastAllocated strategy (cpu and memory, weight 1 each) in Score.
 * @see kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, ScorePlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { newStatus, type Status } from '../../framework/status.js';

/** Plugin name. */
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
/** Reason when the node's pod count is at `allocatable.pods`. */
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
/** `Insufficient <resource>`. */
export function errReasonInsufficient(resource: string): string {
  return `Insufficient ${resource}`;
}

/** The reasons a pod does not fit a node's resources (`fitsRequest`), in upstream order. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  const out: string[] = [];
  const a = node.allocatable;
  if (node.pods.size + 1 > a.pods) out.push(ERR_REASON_TOO_MANY_PODS);
  const r = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0) return out;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - node.requested.milliCPU) out.push(errReasonInsufficient('cpu'));
  if (r.memory > 0 && r.memory > a.memory - node.requested.memory) out.push(errReasonInsufficient('memory'));
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - node.requested.ephemeralStorage) {
    out.push(errReasonInsufficient('ephemeral-storage'));
  }
  return out;
}

/** Allocation-free fast path: whether nothing is insufficient. */
function fitsAll(pod: PodInfo, node: NodeInfo): boolean {
  const a = node.allocatable;
  const r = pod.requests;
  const q = node.requested;
  return (
    node.pods.size + 1 <= a.pods &&
    (r.milliCPU === 0 || r.milliCPU <= a.milliCPU - q.milliCPU) &&
    (r.memory === 0 || r.memory <= a.memory - q.memory) &&
    (r.ephemeralStorage === 0 || r.ephemeralStorage <= a.ephemeralStorage - q.ephemeralStorage)
  );
}

/** `leastRequestedScore`: (capacity - requested) * 100 / capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * 100) / capacity);
}

/** The NodeResourcesFit plugin. */
export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NODE_RESOURCES_FIT;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    if (fitsAll(pod, node)) return undefined;
    const reasons = insufficientResources(pod, node);
    return reasons.length === 0 ? undefined : newStatus('Unschedulable', ...reasons);
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const cpu = leastRequestedScore(node.nonZeroRequested.milliCPU + pod.nonZero.milliCPU, node.allocatable.milliCPU);
    const mem = leastRequestedScore(node.nonZeroRequested.memory + pod.nonZero.memory, node.allocatable.memory);
    return Math.trunc((cpu + mem) / 2);
  }

  scoreNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const podCPU = pod.nonZero.milliCPU;
    const podMemory = pod.nonZero.memory;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const cpu = leastRequestedScore(node.nonZeroRequested.milliCPU + podCPU, node.allocatable.milliCPU);
      const mem = leastRequestedScore(node.nonZeroRequested.memory + podMemory, node.allocatable.memory);
      out[i] = Math.trunc((cpu + mem) / 2);
    }
  }
}
