/**
 * NodeResourcesFit: requests vs allocatable (`Insufficient cpu`, `Too many pods`) in Filter and
 * the LeastAllocated strategy (cpu and memory, weight 1 each) in Score.
 * @see kubernetes pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go
 */
import type { NodeInfo } from '../../cache/node-info.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, ScorePlugin } from '../../framework/interface.js';
import type { NodeBatch } from '../../framework/node-batch.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { constantStatus, type Status } from '../../framework/status.js';
import { type NodeTable, TOUCH_LOG } from '../../cache/node-table.js';
import { balancedAllocationScore } from '../node-resources-balanced-allocation/balanced-allocation.js';
import { type ResourceScoreMemo, resourceScoreMemo } from '../resource-score-memo.js';

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

/**
 * The LeastAllocated score of a node (cpu and memory, weight 1 each) from its non-zero requests
 * with the pod's added and its allocatable amounts.
 */
export function leastAllocatedScore(cpu: number, allocatableCPU: number, memory: number, allocatableMemory: number): number {
  return Math.trunc((leastRequestedScore(cpu, allocatableCPU) + leastRequestedScore(memory, allocatableMemory)) / 2);
}

/**
 * Brings node `id`'s memo entry up to date: whether the class's requests fit (this plugin's
 * Filter), LeastAllocated and BalancedAllocation (the Score fusion's), all from the same columns.
 */
export function refreshResourceMemo(memo: ResourceScoreMemo, t: NodeTable, id: number): void {
  // The count of unfit listed nodes follows each entry that changes (once it has been counted).
  const counted = memo.syncedListed === t.listedVersion && memo.generation[id] !== 0 && t.listPos[id] >= 0;
  if (counted && memo.fits[id] === 0) memo.unfitListed--;
  const r = memo.requests;
  const z = memo.nonZero;
  const cpu = t.allocMilliCPU[id];
  const memory = t.allocMemory[id];
  const fits =
    t.numPods[id] + 1 <= t.allocPods[id] &&
    (r.milliCPU === 0 || r.milliCPU <= cpu - t.reqMilliCPU[id]) &&
    (r.memory === 0 || r.memory <= memory - t.reqMemory[id]) &&
    (r.ephemeralStorage === 0 || r.ephemeralStorage <= t.allocEphemeralStorage[id] - t.reqEphemeralStorage[id]);
  memo.fits[id] = fits ? 1 : 0;
  memo.leastAllocated[id] = leastAllocatedScore(t.nonZeroMilliCPU[id] + z.milliCPU, cpu, t.nonZeroMemory[id] + z.memory, memory);
  memo.balanced[id] = balancedAllocationScore(t.reqMilliCPU[id] + r.milliCPU, cpu, t.reqMemory[id] + r.memory, memory);
  memo.generation[id] = t.generation[id];
  if (counted && !fits) memo.unfitListed++;
}

/**
 * Brings the entry of every listed node up to date: only the nodes touched since the last sync
 * when the table's touch log still holds them all and the list is the same, else every listed
 * node (and the count of unfit ones made anew).
 */
export function syncResourceMemo(memo: ResourceScoreMemo, t: NodeTable): void {
  const { generation: memoGeneration, fits } = memo;
  const generation = t.generation;
  if (memo.syncedListed === t.listedVersion && memo.syncedTouches >= 0 && t.touches - memo.syncedTouches <= TOUCH_LOG) {
    const log = t.touchLog;
    for (let i = memo.syncedTouches; i < t.touches; i++) {
      const id = log[i % TOUCH_LOG];
      if (memoGeneration[id] !== generation[id]) refreshResourceMemo(memo, t, id);
    }
  } else {
    memo.syncedListed = -1;
    const ids = t.listedIds;
    let unfit = 0;
    for (let p = 0; p < ids.length; p++) {
      const id = ids[p];
      if (memoGeneration[id] !== generation[id]) refreshResourceMemo(memo, t, id);
      if (fits[id] === 0) unfit++;
    }
    memo.unfitListed = unfit;
    memo.syncedListed = t.listedVersion;
  }
  memo.syncedTouches = t.touches;
}

/** The NodeResourcesFit plugin. */
export class NodeResourcesFit implements FilterPlugin, ScorePlugin {
  readonly name = NODE_RESOURCES_FIT;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status | undefined {
    return STATUS_BY_MASK[insufficientMask(pod, node)];
  }

  filterNodes(_state: CycleState, pod: PodInfo, batch: NodeBatch, flags: Uint8Array, bit: number): boolean {
    const { ids, count, table: t } = batch;
    const generation = t.generation;
    // The verdict depends only on the requests and the node's resource columns: memoized per
    // node generation (most sampled nodes did not change since the last pod of the class).
    const memo = resourceScoreMemo(pod.requests, pod.nonZero, t);
    const { generation: memoGeneration, fits } = memo;
    let any = false;
    if (batch.list === t.listed) {
      // Nodes of the list: bring the entries up to date from the touch log; when no listed node is
      // unfit (most cycles), nothing to flag.
      syncResourceMemo(memo, t);
      if (memo.unfitListed === 0) return false;
      for (let i = 0; i < count; i++) {
        if (fits[ids[i]] === 0) {
          flags[i] |= bit;
          any = true;
        }
      }
      return any;
    }
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      if (memoGeneration[id] !== generation[id]) refreshResourceMemo(memo, t, id);
      if (fits[id] === 0) {
        flags[i] |= bit;
        any = true;
      }
    }
    return any;
  }

  score(_state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const a = node.allocatable;
    return leastAllocatedScore(node.nonZeroRequested.milliCPU + pod.nonZero.milliCPU, a.milliCPU, node.nonZeroRequested.memory + pod.nonZero.memory, a.memory);
  }

  scoreNodes(_state: CycleState, pod: PodInfo, batch: NodeBatch, out: Float64Array): void {
    const podCPU = pod.nonZero.milliCPU;
    const podMemory = pod.nonZero.memory;
    const { ids, count } = batch;
    const { nonZeroMilliCPU, allocMilliCPU, nonZeroMemory, allocMemory } = batch.table;
    for (let i = 0; i < count; i++) {
      const id = ids[i];
      out[i] = leastAllocatedScore(nonZeroMilliCPU[id] + podCPU, allocMilliCPU[id], nonZeroMemory[id] + podMemory, allocMemory[id]);
    }
  }
}
