/**
 * The default profile's usual Score: TaintToleration, NodeResourcesFit, PodTopologySpread and
 * NodeResourcesBalancedAllocation (NodeAffinity and InterPodAffinity skipped in PreScore) in two
 * passes over the nodes: one reading the node table (raw scores), one normalizing and summing.
 *
 * @remarks A kubesim addition (speed, see `ScoreFusion`): plugin by plugin, Score then
 * NormalizeScore then the weighted sum take eight passes over the nodes. Each number comes from
 * the plugin's own per-node function; the two resource scores are memoized per node and request
 * class (`resourceScoreMemo`, shared with NodeResourcesFit's Filter). It applies when no node has a taint (TaintToleration then
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
import { hostnameThenZoneScore, hostnameThenZoneTerms, scoreSpreadNodes } from './pod-topology-spread/scoring-batch.js';
import { resourceScoreMemo } from './resource-score-memo.js';
import { TAINT_TOLERATION } from './taint-toleration/taint-toleration.js';

/** Scratch of `normalizedTable`. */
let normalized = new Float64Array(64);

/**
 * `normalizeSpreadScore` of every integer raw score from `min` to `max`, indexed by raw − min;
 * undefined when they are too many (or not int32 integers) to be worth a table.
 */
function normalizedTable(min: number, max: number): Float64Array | undefined {
  const size = max - min + 1;
  // Int32 raw scores only: the lookup indexes with `| 0`.
  if (!Number.isInteger(min) || !Number.isInteger(max) || size > 1024 || size <= 0 || min < -0x80000000 || max > 0x7fffffff) return undefined;
  if (normalized.length < size) normalized = new Float64Array(2 * size);
  for (let j = 0; j < size; j++) normalized[j] = normalizeSpreadScore(min + j, min, max);
  return normalized;
}

/** The fusion of the default profile's four usual Score plugins. */
export class DefaultScoreFusion implements ScoreFusion {
  readonly plugins = [TAINT_TOLERATION, NODE_RESOURCES_FIT, POD_TOPOLOGY_SPREAD, NODE_RESOURCES_BALANCED_ALLOCATION] as const;

  scoreNodes(state: CycleState, pod: PodInfo, batch: NodeBatch, columns: readonly Float64Array[], weights: readonly number[], totals: Float64Array): boolean {
    const t = batch.table;
    const spread = readPreScoreSpread(state);
    if (t.numTainted !== 0 || spread === undefined || spread.ignored.size > 0) return false;
    const taint = columns[0];
    const fit = columns[1];
    const pts = columns[2];
    const balanced = columns[3];
    const { ids, count } = batch;
    const memo = resourceScoreMemo(pod.requests, pod.nonZero, t);
    const { generation: memoGeneration, leastAllocated, balanced: memoBalanced } = memo;
    const { nonZeroMilliCPU, nonZeroMemory, reqMilliCPU, reqMemory, allocMilliCPU, allocMemory, generation, flags, zone } = t;
    const podNonZeroCPU = pod.nonZero.milliCPU;
    const podNonZeroMemory = pod.nonZero.memory;
    const podCPU = pod.requests.milliCPU;
    const podMemory = pod.requests.memory;
    // Pass 1, everything read by node id: the resource scores (memoized) and PodTopologySpread's
    // raw score with its min and max (its normalization needs them all).
    const terms = hostnameThenZoneTerms(spread, batch);
    if (terms === undefined) scoreSpreadNodes(spread, batch, pts);
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      if (memoGeneration[id] !== generation[id]) {
        const cpu = allocMilliCPU[id];
        const memory = allocMemory[id];
        leastAllocated[id] = leastAllocatedScore(nonZeroMilliCPU[id] + podNonZeroCPU, cpu, nonZeroMemory[id] + podNonZeroMemory, memory);
        memoBalanced[id] = balancedAllocationScore(reqMilliCPU[id] + podCPU, cpu, reqMemory[id] + podMemory, memory);
        memoGeneration[id] = generation[id];
      }
      fit[k] = leastAllocated[id];
      balanced[k] = memoBalanced[id];
      const raw = terms === undefined ? pts[k] : hostnameThenZoneScore(terms, flags, zone, id);
      pts[k] = raw;
      if (raw < min) min = raw;
      if (raw > max) max = raw;
    }
    // Pass 2, in batch order: normalized spread scores (looked up per distinct raw score when the
    // raw scores are few integers) and the totals.
    const taintTerm = MAX_NODE_SCORE * weights[0];
    const wFit = weights[1];
    const wSpread = weights[2];
    const wBalanced = weights[3];
    const table = normalizedTable(min, max);
    taint.fill(MAX_NODE_SCORE, 0, count);
    // Two loops, not one with the choice inside: the table's int-indexed loop is the hot one.
    if (table !== undefined) {
      const base = min | 0;
      for (let k = 0; k < count; k++) {
        const s = table[(pts[k] | 0) - base];
        pts[k] = s;
        totals[k] = taintTerm + fit[k] * wFit + s * wSpread + balanced[k] * wBalanced;
      }
    } else {
      for (let k = 0; k < count; k++) {
        const s = normalizeSpreadScore(pts[k], min, max);
        pts[k] = s;
        totals[k] = taintTerm + fit[k] * wFit + s * wSpread + balanced[k] * wBalanced;
      }
    }
    return true;
  }
}
