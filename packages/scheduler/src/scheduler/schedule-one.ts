/**
 * The scheduling algorithm of one attempt: PreFilter, Filter over a rotating sample of nodes
 * (`percentageOfNodesToScore`), PostFilter on failure, Score and host selection.
 * @see kubernetes pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod,
 *   numFeasibleNodesToFind, prioritizeNodes, selectHost)
 */
import type { Rng } from '@kubesim/core';
import type { NodeInfo } from '../cache/node-info.js';
import { NodeTable } from '../cache/node-table.js';
import { DEFAULT_PERCENTAGE_BASE, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, MIN_FEASIBLE_NODES_TO_FIND } from '../defaults.js';
import type { NodeVerdict, PackedScoreRows } from '../explain/history.js';
import { CycleState } from '../framework/cycle-state.js';
import { ERR_NO_NODES_AVAILABLE, fitErrorMessage } from '../framework/fit-error.js';
import type { Framework, ScoreResult } from '../framework/framework.js';
import type { FilterPlugin } from '../framework/interface.js';
import { batchNode, type NodeBatch, NodeBatchBuffer } from '../framework/node-batch.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';

/** `numFeasibleNodesToFind`: all nodes under 100, else an adaptive percentage (≥ 5 %, ≥ 100 nodes). */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentageOfNodesToScore ?? 0;
  if (pct <= 0) {
    pct = DEFAULT_PERCENTAGE_BASE - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  if (pct >= 100) return numAllNodes;
  const n = Math.trunc((numAllNodes * pct) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

/** Outcome of one attempt's algorithm part. */
export interface ScheduleResult {
  readonly state: CycleState;
  /** The chosen node, when one fits. */
  readonly node?: string;
  /** FailedScheduling text when none fits or an Error occurred. */
  readonly message?: string;
  readonly isError: boolean;
  readonly numAllNodes: number;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
  readonly preFilter?: Status;
  readonly filtered: readonly NodeVerdict[];
  /** Plugin names of the score rows' values. */
  readonly scorePlugins: readonly string[];
  /** The best Score table rows (weighted values aligned with `scorePlugins`). */
  readonly scores: PackedScoreRows;
  /** Plugins that rejected the pod (for queueing hints). */
  readonly rejectors: ReadonlySet<string>;
  /** On failure, the node PostFilter nominated (`''`: clear the nomination; undefined: keep it). */
  readonly nominatedNodeName?: string;
}


/** Mutable state of the algorithm across attempts. */
export interface AlgorithmState {
  nextStartNodeIndex: number;
}

/** Options of `schedulePod`. */
export interface ScheduleOptions {
  readonly framework: Framework;
  readonly nodes: readonly NodeInfo[];
  /** `NodeInfo.id` of each of `nodes`, in the same order. */
  readonly nodeIds: Int32Array;
  readonly percentageOfNodesToScore?: number;
  readonly rng: Rng;
  readonly topScores: number;
  readonly algo: AlgorithmState;
  /** The pod's nominated node (`status.nominatedNodeName`), tried alone first when it exists. */
  readonly nominated?: NodeInfo;
}

const NO_VERDICTS: readonly NodeVerdict[] = Object.freeze([]);
const NO_ROWS: PackedScoreRows = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);
const NO_REJECTORS: ReadonlySet<string> = new Set();

function verdicts(statuses: Map<string, Status>): readonly NodeVerdict[] {
  if (statuses.size === 0) return NO_VERDICTS;
  return [...statuses]
    .map(([node, s]) => ({ node, plugin: s.plugin ?? '', code: s.code, reasons: s.reasons }))
    .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}

function errorResult(state: CycleState, numAllNodes: number, message: string, evaluatedNodes: number, preFilter?: Status): ScheduleResult {
  return {
    state,
    message,
    isError: true,
    numAllNodes,
    evaluatedNodes,
    feasibleNodes: 0,
    preFilter,
    filtered: NO_VERDICTS,
    scorePlugins: NO_NAMES,
    scores: NO_ROWS,
    rejectors: NO_REJECTORS,
  };
}

/** Runs one attempt's algorithm for `pod`. */
export function schedulePod(pod: PodInfo, o: ScheduleOptions): ScheduleResult {
  const state = new CycleState();
  const nodes = o.nodes;
  const numAllNodes = nodes.length;
  if (numAllNodes === 0) {
    const r = errorResult(state, 0, ERR_NO_NODES_AVAILABLE, 0);
    return { ...r, isError: false };
  }
  const fw = o.framework;
  const pre = fw.runPreFilter(state, pod, nodes);
  if (pre?.code === 'Error') return errorResult(state, numAllNodes, pre.reasons[0], 0, pre);
  // Scratch reused by every attempt: the verdicts are copied out before it returns.
  const statuses = nodeStatuses;
  statuses.clear();
  let feasible = fitting.reset(nodes, fw.table, numAllNodes);
  let evaluated = 0;
  if (!pre && o.nominated !== undefined && fw.runFilterWithNominatedPods(state, pod, o.nominated) === undefined) {
    // `evaluateNominatedNode`: the node preemption made room on fits, so it is the pick (no Score).
    return { state, node: o.nominated.name, isError: false, numAllNodes, evaluatedNodes: 1, feasibleNodes: 1, filtered: NO_VERDICTS, scorePlugins: NO_NAMES, scores: NO_ROWS, rejectors: NO_REJECTORS };
  }
  if (pre) {
    for (const ni of nodes) statuses.set(ni.name, pre);
  } else {
    const want = numFeasibleNodesToFind(o.percentageOfNodesToScore, numAllNodes);
    const start = o.algo.nextStartNodeIndex % numAllNodes;
    const found = findNodesThatPassFilters(fw, state, pod, o, start, want, statuses);
    feasible = found.feasible;
    evaluated = found.evaluated;
    if (found.error !== undefined) return errorResult(state, numAllNodes, found.error, evaluated);
    o.algo.nextStartNodeIndex = (start + evaluated) % numAllNodes;
  }
  if (feasible.count === 0) return failure(pod, o, state, statuses, pre, evaluated);
  // The feasible batch is scratch reused by the next attempt: plugins do not keep what they get.
  let node = batchNode(feasible, 0).name;
  let scores = NO_ROWS;
  let scorePlugins = NO_NAMES;
  if (feasible.count > 1) {
    const result = fw.runScore(state, pod, feasible);
    const top = selectHostAndTopRows(feasible, fw.table.nameRank, result, o.rng, o.topScores);
    node = top.node;
    scores = top.rows;
    scorePlugins = result.plugins;
  }
  return {
    state,
    node,
    isError: false,
    numAllNodes,
    evaluatedNodes: evaluated,
    feasibleNodes: feasible.count,
    filtered: verdicts(statuses),
    scorePlugins,
    scores,
    rejectors: NO_REJECTORS,
  };
}

/**
 * Scratch of `schedulePod` and `findNodesThatPassFilters`: two batches (the feasible nodes and a
 * Filter chunk, swapped when the first chunk is the whole result).
 */
let fitting = new NodeBatchBuffer(new NodeTable());
/** `selectHostAndTopRows` scratch: positions of the best rows, and of the nodes with the highest total. */
const topIdx: number[] = [];
let maxAt = new Int32Array(64);
const nodeStatuses = new Map<string, Status>();
let chunk = new NodeBatchBuffer(fitting.table);

/**
 * `findNodesThatPassFilters`: filters nodes from `start` round the list until `want` fit, in
 * chunks of as many nodes as are still wanted (so every node of a chunk would have been evaluated
 * one by one too). Returns the feasible batch, the number of nodes evaluated and, if a filter
 * failed, the message.
 */
function findNodesThatPassFilters(
  fw: Framework,
  state: CycleState,
  pod: PodInfo,
  o: ScheduleOptions,
  start: number,
  want: number,
  statuses: Map<string, Status>,
): { feasible: NodeBatchBuffer; evaluated: number; error?: string } {
  const filters = fw.activeFilters(state);
  const nodes = o.nodes;
  const ids = o.nodeIds;
  const n = nodes.length;
  let evaluated = 0;
  while (evaluated < n && fitting.count < want) {
    const count = Math.min(want - fitting.count, n - evaluated);
    const first = start + evaluated;
    chunk.reset(nodes, fw.table, count).pushRange(first < n ? first : first - n, count, ids);
    if (fw.runFilterNodes(state, pod, chunk, filters, statuses)) {
      if (fw.nominator !== undefined && !fw.nominator.empty) recheckWithNominatedPods(fw, state, pod, chunk, filters, statuses);
      if (fitting.count === 0) [fitting, chunk] = [chunk, fitting];
      else for (let k = 0; k < chunk.count; k++) fitting.push(chunk.index[k], chunk.ids[k]);
    } else {
      // A plugin answered Error somewhere in the chunk: forget its verdicts, redo it node by node.
      for (let j = first; j < first + count; j++) statuses.delete(nodes[j < n ? j : j - n].name);
      for (let j = first; j < first + count; j++) {
        const p = j < n ? j : j - n;
        const st = fw.runFilterWithNominatedPods(state, pod, nodes[p], filters);
        if (st === undefined) fitting.push(p, ids[p]);
        else if (st.code === 'Error') {
          return { feasible: fitting, evaluated: evaluated + (j - first) + 1, error: `running "${st.plugin}" filter plugin: ${st.reasons.join(', ')}` };
        } else statuses.set(nodes[p].name, st);
      }
    }
    evaluated += count;
  }
  return { feasible: fitting, evaluated };
}

function failure(pod: PodInfo, o: ScheduleOptions, state: CycleState, statuses: Map<string, Status>, pre: Status | undefined, evaluated: number): ScheduleResult {
  const preFilterMsg = pre ? pre.reasons.join(', ') : '';
  const d = { nodeToStatus: statuses, preFilterMsg, numAllNodes: o.nodes.length };
  const post = o.framework.runPostFilter(state, pod, d);
  const message = fitErrorMessage({ numAllNodes: o.nodes.length, preFilterMsg, nodeToStatus: statuses, postFilterMsg: post.message });
  const rejectors = new Set<string>();
  for (const s of statuses.values()) if (s.plugin) rejectors.add(s.plugin);
  return {
    state,
    numAllNodes: o.nodes.length,
    message,
    isError: false,
    evaluatedNodes: evaluated,
    feasibleNodes: 0,
    preFilter: pre,
    filtered: pre ? NO_VERDICTS : verdicts(statuses),
    scorePlugins: NO_NAMES,
    scores: NO_ROWS,
    rejectors,
    nominatedNodeName: post.nominatedNodeName,
  };
}

/**
 * `selectHost` and the best `limit` rows for explain (highest total, then name) in one pass: the
 * host drawn uniformly among the nodes with the highest total, with one draw on the scheduler's
 * RNG when several tie (upstream samples its reservoir with one `rand.Intn` per tied node, the
 * same uniform choice; kubesim's stream is its own, and some 170 draws per pod at 5000 nodes cost
 * a tenth of the cycle); the rows by insertion into a short sorted list, names compared by their
 * rank in the node table; rows come packed (name, total, values).
 * @internal exported for its test
 */
export function selectHostAndTopRows(batch: NodeBatch, nameRank: Int32Array, r: ScoreResult, rng: Rng, limit: number): { node: string; rows: PackedScoreRows } {
  const totals = r.totals;
  const n = batch.count;
  const ids = batch.ids;
  let bestTotal = totals[0];
  // Positions of the nodes with the highest total so far, in order.
  if (maxAt.length < n) maxAt = new Int32Array(Math.max(n, 2 * maxAt.length));
  let at: Int32Array = maxAt;
  let ties = 0;
  // Positions of the best `limit` rows, best first (higher total, then lower name rank).
  const idx = topIdx;
  let kept = 0;
  let worstTotal = Number.NEGATIVE_INFINITY;
  let worstRank = -1;
  // When the Score run found the nodes with the highest total and they fill the rows, the rows
  // are among them and no other node needs a look.
  const known = r.highest !== undefined && r.highest.count >= limit ? r.highest : undefined;
  if (known !== undefined) {
    at = known.positions;
    ties = known.count;
  }
  const candidates = known !== undefined ? ties : n;
  for (let j = 0; j < candidates; j++) {
    const i = known !== undefined ? at[j] : j;
    const t = totals[i];
    if (known === undefined) {
      if (t > bestTotal) {
        bestTotal = t;
        ties = 0;
      }
      if (t === bestTotal) at[ties++] = i;
    }
    if (limit <= 0 || (kept === limit && t < worstTotal)) continue;
    const rank = nameRank[ids[i]];
    if (kept === limit && t === worstTotal && rank > worstRank) continue;
    // Insert i, keeping idx sorted best first.
    let k = kept < limit ? kept : limit - 1;
    while (k > 0) {
      const o = idx[k - 1];
      if (totals[o] > t || (totals[o] === t && nameRank[ids[o]] < rank)) break;
      idx[k] = o;
      k--;
    }
    idx[k] = i;
    if (kept < limit) kept++;
    if (kept === limit) {
      worstTotal = totals[idx[limit - 1]];
      worstRank = nameRank[ids[idx[limit - 1]]];
    }
  }
  // One uniform draw among the nodes with the highest total, in node order.
  const best = at[ties > 1 ? rng.int(0, ties - 1) : 0];
  const width = 2 + r.plugins.length;
  const rows = new Array<string | number>(kept * width);
  for (let k = 0; k < kept; k++) {
    const i = idx[k];
    rows[k * width] = batchNode(batch, i).name;
    rows[k * width + 1] = totals[i];
    for (let p = 0; p < r.plugins.length; p++) rows[k * width + 2 + p] = r.score(p, i) * r.weights[p];
  }
  return { node: batchNode(batch, best).name, rows };
}

/**
 * The nodes of a filtered chunk that have nominated pods, filtered again with those pods counted
 * (`RunFilterPluginsWithNominatedPods`); the ones that no longer fit leave the chunk.
 */
function recheckWithNominatedPods(fw: Framework, state: CycleState, pod: PodInfo, chunk: NodeBatchBuffer, filters: readonly FilterPlugin[], statuses: Map<string, Status>): void {
  const { list, index, ids, count } = chunk;
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const ni = list[index[k]];
    if (fw.hasNominatedPods(ni.name)) {
      const st = fw.runFilterWithNominatedPods(state, pod, ni, filters);
      if (st !== undefined) {
        statuses.set(ni.name, st);
        continue;
      }
    }
    index[kept] = index[k];
    ids[kept] = ids[k];
    kept++;
  }
  chunk.count = kept;
}
