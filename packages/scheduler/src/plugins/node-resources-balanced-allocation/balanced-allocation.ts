/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory utilisation stay close.
 * @see kubernetes pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { ScorePlugin } from '../../framework/interface.js';
import type { NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';

/** Plugin name. */
export const NODE_RESOURCES_BALANCED_ALLOCATION = 'NodeResourcesBalancedAllocation';

/** `balancedResourceScorer` for two resources: (1 - |cpuFraction - memFraction| / 2) * 100. */
export function balancedScore(cpuFraction: number, memFraction: number): number {
  const c = Math.min(cpuFraction, 1);
  const m = Math.min(memFraction, 1);
  const std = Math.abs(c - m) / 2;
  return Math.trunc((1 - std) * 100);
}

/** The score of requested vs allocatable cpu and memory; 0 when either is not allocatable. */
export function balancedAllocationScore(cpu: number, allocatableCPU: number, memory: number, allocatableMemory: number): number {
  if (allocatableCPU === 0 || allocatableMemory === 0) return 0;
  return balancedScore(cpu / allocatableCPU, memory / allocatableMemory);
}

/** The NodeResourcesBalancedAllocation plugin. */
export class BalancedAllocation implements ScorePlugin {
  readonly name = NODE_RESOURCES_BALANCED_ALLOCATION;

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const a = node.allocatable;
    return balancedAllocationScore(node.requested.milliCPU + pod.requests.milliCPU, a.milliCPU, node.requested.memory + pod.requests.memory, a.memory);
  }

  scoreNodes(_state: CycleState, pod: PodInfo, batch: NodeBatch, out: Float64Array): void {
    const podCPU = pod.requests.milliCPU;
    const podMemory = pod.requests.memory;
    const { ids, count } = batch;
    const { reqMilliCPU, allocMilliCPU, reqMemory, allocMemory } = batch.table;
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      out[i] = balancedAllocationScore(reqMilliCPU[id] + podCPU, allocMilliCPU[id], reqMemory[id] + podMemory, allocMemory[id]);
    }
  }
}
