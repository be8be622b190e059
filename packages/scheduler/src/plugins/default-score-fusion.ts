/**
 * The default profile's usual Score: TaintToleration, NodeResourcesFit, PodTopologySpread and
 * NodeResourcesBalancedAllocation (NodeAffinity and InterPodAffinity skipped in PreScore) in one
 * pass over the nodes, after PodTopologySpread's own pass for its raw counts.
 *
 * @remarks A kubesim addition (speed, see `ScoreFusion`): plugin by plugin, Score then
 * NormalizeScore then the weighted sum take eight passes over the nodes. Each number comes from
 * the plugin's own per-node function; the two resource scores are memoized per node and request
 * class (`ResourceScoreMemos`). It applies when no node has a taint (TaintToleration then
 * normalizes every node to MaxNodeScore) and PodTopologySpread ignores no node.
 */
import { MAX_NODE_SCORE } from '../defaults.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { ScoreFusion } from '../framework/interface.js';
import type { NodeBatch } from '../framework/node-batch.js';
import type { PodInfo } from '../framework/pod-info.js';
import { balancedAllocationScore, NODE_RESOURCES_BALANCED_ALLOCATION } from './node-resources-balanced-allocation/balanced-allocation.js';
import { leastAllocatedScore, NODE_RESOURCES_FIT } from './node-resources-fit/node-resources-fit.js';
import { POD_TOPOLOGY_SPREAD, readPreScoreSpread } from './pod-topology-spread/pod-topology-spread.js';
import { normalizeSpreadScore } from './pod-topology-spread/scoring.js';
import { scoreSpreadNodes } from './pod-topology-spread/scoring-batch.js';
import { ResourceScoreMemos } from './resource-score-memo.js';
import { TAINT_TOLERATION } from './taint-toleration/taint-toleration.js';

/** The fusion of the default profile's four usual Score plugins. */
export class DefaultScoreFusion implements ScoreFusion {
  readonly plugins = [TAINT_TOLERATION, NODE_RESOURCES_FIT, POD_TOPOLOGY_SPREAD, NODE_RESOURCES_BALANCED_ALLOCATION] as const;
  private readonly memos = new ResourceScoreMemos();

  scoreNodes(state: CycleState, pod: PodInfo, batch: NodeBatch, columns: readonly Float64Array[], weights: readonly number[], totals: Float64Array): boolean {
    const t = batch.table;
    const spread = readPreScoreSpread(state);
    if (t.numTainted !== 0 || spread === undefined || spread.ignored.size > 0) return false;
    const taint = columns[0];
    const fit = columns[1];
    const pts = columns[2];
    const balanced = columns[3];
    // PodTopologySpread's raw scores (and their min and max) first: its normalization needs them all.
    scoreSpreadNodes(spread, batch, pts);
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    const { ids, count } = batch;
    if (spread.scored?.scores === pts) ({ min, max } = spread.scored);
    else {
      for (let k = 0; k < count; k++) {
        if (pts[k] < min) min = pts[k];
        if (pts[k] > max) max = pts[k];
      }
    }
    const taintTerm = MAX_NODE_SCORE * weights[0];
    const wFit = weights[1];
    const wSpread = weights[2];
    const wBalanced = weights[3];
    const podNonZeroCPU = pod.nonZero.milliCPU;
    const podNonZeroMemory = pod.nonZero.memory;
    const podCPU = pod.requests.milliCPU;
    const podMemory = pod.requests.memory;
    const { nonZeroMilliCPU, nonZeroMemory, reqMilliCPU, reqMemory, allocMilliCPU, allocMemory, generation } = t;
    const memo = this.memos.get(pod.requests, pod.nonZero, t);
    const { generation: memoGeneration, leastAllocated, balanced: memoBalanced } = memo;
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      let f: number;
      let b: number;
      if (memoGeneration[id] === generation[id]) {
        f = leastAllocated[id];
        b = memoBalanced[id];
      } else {
        const cpu = allocMilliCPU[id];
        const memory = allocMemory[id];
        f = leastAllocatedScore(nonZeroMilliCPU[id] + podNonZeroCPU, cpu, nonZeroMemory[id] + podNonZeroMemory, memory);
        b = balancedAllocationScore(reqMilliCPU[id] + podCPU, cpu, reqMemory[id] + podMemory, memory);
        leastAllocated[id] = f;
        memoBalanced[id] = b;
        memoGeneration[id] = generation[id];
      }
      const s = normalizeSpreadScore(pts[k], min, max);
      taint[k] = MAX_NODE_SCORE;
      fit[k] = f;
      pts[k] = s;
      balanced[k] = b;
      totals[k] = taintTerm + f * wFit + s * wSpread + b * wBalanced;
    }
    return true;
  }
}
