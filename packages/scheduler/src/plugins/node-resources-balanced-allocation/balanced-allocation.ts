/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory utilisation stay close.
 * @see kubernetes pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { ScorePlugin } from '../../framework/interface.js';
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

/** The NodeResourcesBalancedAllocation plugin. */
export class BalancedAllocation implements ScorePlugin {
  readonly name = NODE_RESOURCES_BALANCED_ALLOCATION;

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const a = node.allocatable;
    if (a.milliCPU === 0 || a.memory === 0) return 0;
    const cpu = (node.requested.milliCPU + pod.requests.milliCPU) / a.milliCPU;
    const mem = (node.requested.memory + pod.requests.memory) / a.memory;
    return balancedScore(cpu, mem);
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    for (let i = 0; i < nodes.length; i++) out[i] = this.score(state, pod, nodes[i]);
  }
}
