/**
 * NodeResourcesFit: requests vs allocatable (`Insufficient cpu`, `Too many pods`) in Filter and
 * the LeastAllocated strategy (cpu and memory, weight 1 each) in Score.
 * @see kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, ScorePlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, type Status } from '../../framework/status.js';

/** Plugin name. */
export const NODE_RESOURCES_FIT = 'NodeResourcesFit';
/** Reason when the node's pod count is at `allocatable.pods`. */
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
/** `Insufficient <resource>`. */
export function errReasonInsufficient(resource: string): string {
  return `Insufficient ${resource}`;
}

const TOO_MANY_PODS = 1;
const INSUFFICIENT_CPU = 2;
const INSUFFICIENT_MEMORY = 4;
const INSUFFICIENT_EPHEMERAL_STORAGE = 8;

/** What does not fit (`fitsRequest`) as a bit set of the constants above; 0 when all fits. */
function insufficientMask(pod: PodInfo, node: NodeInfo): number {
  const a = node.allocatable;
  let mask = node.numPods + 1 > a.pods ? TOO_MANY_PODS : 0;
  const r = pod.requests;
  if (r.milliCPU === 0 && r.memory === 0 && r.ephemeralStorage === 0) return mask;
  if (r.milliCPU > 0 && r.milliCPU > a.milliCPU - node.requested.milliCPU) mask |= INSUFFICIENT_CPU;
  if (r.memory > 0 && r.memory > a.memory - node.requested.memory) mask |= INSUFFICIENT_MEMORY;
  if (r.ephemeralStorage > 0 && r.ephemeralStorage > a.ephemeralStorage - node.requested.ephemeralStorage) mask |= INSUFFICIENT_EPHEMERAL_STORAGE;
  return mask;
}

function reasonsOf(mask: number): string[] {
  const out: string[] = [];
  if (mask & TOO_MANY_PODS) out.push(ERR_REASON_TOO_MANY_PODS);
  if (mask & INSUFFICIENT_CPU) out.push(errReasonInsufficient('cpu'));
  if (mask & INSUFFICIENT_MEMORY) out.push(errReasonInsufficient('memory'));
  if (mask & INSUFFICIENT_EPHEMERAL_STORAGE) out.push(errReasonInsufficient('ephemeral-storage'));
  return out;
}

/** One shared Unschedulable status per combination of reasons. */
const STATUS_BY_MASK: readonly (Status | undefined)[] = Array.from({ length: 16 }, (_, m) => (m === 0 ? undefined : constantStatus('Unschedulable', ...reasonsOf(m))));

/** The reasons a pod does not fit a node's resources (`fitsRequest`), in upstream order. */
export function insufficientResources(pod: PodInfo, node: NodeInfo): string[] {
  return reasonsOf(insufficientMask(pod, node));
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
    return STATUS_BY_MASK[insufficientMask(pod, node)];
  }

  filterNodes(_state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], count: number, fits: Uint8Array): void {
    const r = pod.requests;
    const cpu = r.milliCPU;
    const memory = r.memory;
    const ephemeral = r.ephemeralStorage;
    for (let i = 0; i < count; i++) {
      const node = nodes[i];
      const a = node.allocatable;
      const q = node.requested;
      const ok =
        node.numPods + 1 <= a.pods &&
        (cpu === 0 || cpu <= a.milliCPU - q.milliCPU) &&
        (memory === 0 || memory <= a.memory - q.memory) &&
        (ephemeral === 0 || ephemeral <= a.ephemeralStorage - q.ephemeralStorage);
      if (!ok) fits[i] = 0;
    }
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
